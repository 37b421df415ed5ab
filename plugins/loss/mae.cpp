// mae: the mean absolute error, a regression loss less swayed by outliers than mse.
//   forward   L = Σ |p − t| / N
//   backward  ∂L/∂p = sign(p − t) / N          (0 where p = t, as PyTorch)
// N = batch · outputs for reduction "mean" (every element, as PyTorch), 1 for "sum".
// Reference: torch.nn.L1Loss.
#include <neuronlab/sdk/register.hpp>

#include <cmath>

#include "elementwise.hpp"

namespace {

class Mae final : public neuronlab::loss::Elementwise<Mae> {
 public:
  static constexpr const char* name = "mae";
  static constexpr const char* summary =
      "Mean absolute error: the average of |prediction - target|, robust to outliers";
  static constexpr const char* formula = "L = mean(|p - t|);  dL/dp = sign(p - t) / N";
  static constexpr const char* reference = "torch.nn.L1Loss";

  static std::vector<nl_param> schema() {
    return {neuronlab::loss::reduction("mean: over every element (batch x outputs); sum: total")};
  }

  explicit Mae(const neuronlab::Args& args) : Elementwise(args) {}

  double value(double p, double t) const { return std::fabs(p - t); }
  double derivative(double p, double t) const { return p > t ? 1.0 : p < t ? -1.0 : 0.0; }
};

}  // namespace

NEURONLAB_REGISTER(Mae);
