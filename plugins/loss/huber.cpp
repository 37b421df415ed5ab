// huber: squared error for small residuals, absolute error beyond delta.
//   forward   ℓ = (p − t)² / 2                  if |p − t| <= delta
//             ℓ = delta · (|p − t| − delta / 2)  otherwise
//   backward  ∂ℓ/∂p = clamp(p − t, −delta, delta)
//   L = Σ ℓ / N, N = batch · outputs for reduction "mean" (every element, as PyTorch), 1 for "sum".
// With delta = 1 it equals torch.nn.SmoothL1Loss (beta = 1); for other deltas the two differ
// by the factor delta.
// Reference: torch.nn.HuberLoss (delta = 1.0).
#include <neuronlab/sdk/register.hpp>

#include <cmath>

#include "elementwise.hpp"

namespace {

class Huber final : public neuronlab::loss::Elementwise<Huber> {
 public:
  static constexpr const char* name = "huber";
  static constexpr const char* summary =
      "Huber loss: squared error near the target, absolute error far from it";
  static constexpr const char* formula =
      "l = (p - t)^2 / 2 if |p - t| <= delta else delta (|p - t| - delta / 2);  "
      "dl/dp = clamp(p - t, -delta, delta)";
  static constexpr const char* reference = "torch.nn.HuberLoss";

  static std::vector<nl_param> schema() {
    using neuronlab::inf;
    return {neuronlab::real("delta", 1.0, 0.0, inf,
                            "residual size where the loss turns from squared to linear", true),
            neuronlab::loss::reduction("mean: over every element (batch x outputs); sum: total")};
  }

  explicit Huber(const neuronlab::Args& args) : Elementwise(args), delta_(args.real("delta")) {}

  double value(double p, double t) const {
    const double d = std::fabs(p - t);
    return d <= delta_ ? 0.5 * d * d : delta_ * (d - 0.5 * delta_);
  }
  double derivative(double p, double t) const {
    const double d = p - t;
    return d < -delta_ ? -delta_ : d > delta_ ? delta_ : d;
  }

 private:
  double delta_;
};

}  // namespace

NEURONLAB_REGISTER(Huber);
