// binary_cross_entropy: the loss of yes/no outputs given as probabilities p = P(yes).
//   on probabilities  ℓ = −(t · max(log p, −100) + (1 − t) · max(log(1 − p), −100))
//                     ∂ℓ/∂p = (p − t) / max(p (1 − p), 1e-12)
//                     (PyTorch's clamps: p = 0 or 1 gives a finite loss and gradient)
//   fused with sigmoid, on logits x (p = σ(x)), stably for any x:
//                     ℓ = max(x, 0) − x · t + log(1 + e^(−|x|))
//                     ∂ℓ/∂x = σ(x) − t
//   L = Σ ℓ / N, N = batch · outputs for reduction "mean" (every element, as PyTorch), 1 for
//   "sum". Targets are probabilities too (usually 0 or 1); they are not checked.
// The fused form needs no clamp, so for saturated logits it gives the true loss where the
// clamped one stops at 100.
// Reference: torch.nn.BCELoss; fused: torch.nn.BCEWithLogitsLoss.
#include <neuronlab/sdk/register.hpp>

#include <algorithm>
#include <cmath>

#include "elementwise.hpp"

namespace {

using neuronlab::ConstMatrixView;
using neuronlab::MatrixView;
using neuronlab::loss::clamp_log;
using neuronlab::loss::kEpsilon;

class BinaryCrossEntropy final : public neuronlab::loss::Elementwise<BinaryCrossEntropy> {
 public:
  static constexpr const char* name = "binary_cross_entropy";
  static constexpr const char* summary =
      "Binary cross-entropy: the loss of yes/no probabilities; fuses with a sigmoid output";
  static constexpr const char* formula =
      "l = -(t log p + (1 - t) log(1 - p)), logs clamped to >= -100;  "
      "on sigmoid logits x: dl/dx = sigmoid(x) - t";
  static constexpr const char* reference = "torch.nn.BCELoss, torch.nn.BCEWithLogitsLoss";

  static std::vector<nl_param> schema() {
    return {neuronlab::loss::reduction("mean: over every element (batch x outputs); sum: total")};
  }

  explicit BinaryCrossEntropy(const neuronlab::Args& args) : Elementwise(args) {}

  // On probabilities.
  double value(double p, double t) const {
    return -(t * clamp_log(std::log(p)) + (1.0 - t) * clamp_log(std::log1p(-p)));
  }
  double derivative(double p, double t) const {
    return (p - t) / std::max(p * (1.0 - p), kEpsilon);
  }
  void validate(ConstMatrixView p) const {
    neuronlab::loss::check_probabilities(name, "sigmoid", p);
  }

  // On logits, fused with sigmoid. logits, target: (batch, n).
  static constexpr const char* fuses_with = "sigmoid";

  double forward_logits(ConstMatrixView x, ConstMatrixView t) const override {
    double total = 0.0;
    for (std::size_t r = 0; r < x.rows; ++r)
      for (std::size_t c = 0; c < x.cols; ++c) {
        const double v = x(r, c);
        total += std::fmax(v, 0.0) - v * t(r, c) + std::log1p(std::exp(-std::fabs(v)));
      }
    return total * scale(x);
  }

  void backward_logits(ConstMatrixView x, ConstMatrixView t, MatrixView grad) const override {
    const double s = scale(x);
    for (std::size_t r = 0; r < x.rows; ++r)
      for (std::size_t c = 0; c < x.cols; ++c)
        grad(r, c) = static_cast<float>(s * (sigmoid(x(r, c)) - t(r, c)));
  }

 private:
  static double sigmoid(double v) {
    if (v >= 0.0) return 1.0 / (1.0 + std::exp(-v));
    const double e = std::exp(v);
    return e / (1.0 + e);
  }
};

}  // namespace

NEURONLAB_REGISTER(BinaryCrossEntropy);
