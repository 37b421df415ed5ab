// mse: the mean squared error, the regression loss.
//   forward   L = Σ (p − t)² / N
//   backward  ∂L/∂p = 2 (p − t) / N
// N = batch · outputs for reduction "mean" (every element, as PyTorch), 1 for "sum".
// Reference: torch.nn.MSELoss.
#include <neuronlab/sdk/register.hpp>

#include "elementwise.hpp"

namespace {

class Mse final : public neuronlab::loss::Elementwise<Mse> {
 public:
  static constexpr const char* name = "mse";
  static constexpr const char* summary =
      "Mean squared error: the average of (prediction - target)^2, for continuous outputs";
  static constexpr const char* formula = "L = mean((p - t)^2);  dL/dp = 2 (p - t) / N";
  static constexpr const char* reference = "torch.nn.MSELoss";

  static std::vector<nl_param> schema() {
    return {neuronlab::loss::reduction("mean: over every element (batch x outputs); sum: total")};
  }

  explicit Mse(const neuronlab::Args& args) : Elementwise(args) {}

  double value(double p, double t) const { return (p - t) * (p - t); }
  double derivative(double p, double t) const { return 2.0 * (p - t); }
};

}  // namespace

NEURONLAB_REGISTER(Mse);
