// hinge: the margin loss of the support vector machine, for one raw score per yes/no output.
//   labels    s = +1 if t > 0, else −1: targets may be given as {0, 1} (this framework's
//             binary encoding) or as {−1, +1}; both mean the same
//   forward   ℓ = max(0, 1 − s · p)
//   backward  ∂ℓ/∂p = −s where s · p < 1, else 0         (0 at the kink s · p = 1)
//   L = Σ ℓ / N, N = batch · outputs for reduction "mean" (every element), 1 for "sum".
// The prediction is a score, not a probability: pair it with the identity output; the class
// is the sign of the score. PyTorch has no module for this binary form (HingeEmbeddingLoss
// takes distances); the reference is the definition, as in sklearn.metrics.hinge_loss.
#include <neuronlab/sdk/register.hpp>

#include "elementwise.hpp"

namespace {

class Hinge final : public neuronlab::loss::Elementwise<Hinge> {
 public:
  static constexpr const char* name = "hinge";
  static constexpr const char* summary =
      "Hinge loss: zero once a score is on the right side with margin 1 (targets 0/1 or -1/+1)";
  static constexpr const char* formula =
      "l = max(0, 1 - s p), s = +1 if t > 0 else -1;  dl/dp = -s if s p < 1 else 0";
  static constexpr const char* reference = "mean(clamp(1 - s * p, min=0)); sklearn hinge_loss";

  static std::vector<nl_param> schema() {
    return {neuronlab::loss::reduction("mean: over every element (batch x outputs); sum: total")};
  }

  explicit Hinge(const neuronlab::Args& args) : Elementwise(args) {}

  double value(double p, double t) const {
    const double margin = 1.0 - sign(t) * p;
    return margin > 0.0 ? margin : 0.0;
  }
  double derivative(double p, double t) const { return 1.0 - sign(t) * p > 0.0 ? -sign(t) : 0.0; }

 private:
  static double sign(double t) { return t > 0.0 ? 1.0 : -1.0; }
};

}  // namespace

NEURONLAB_REGISTER(Hinge);
