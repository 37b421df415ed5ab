// sigmoid: the logistic function, squashing any input into (0, 1).
//   forward   y = 1 / (1 + e^(−x))
//   backward  dx = dy · σ(x) · σ(−x)        (= y (1 − y), without the cancellation of 1 − y)
// Both use an exponent that is never positive, so x = ±1000 gives 0 or 1, never inf or NaN.
// Reference: torch.nn.Sigmoid.
#include <neuronlab/sdk/register.hpp>

#include "elementwise.hpp"

namespace {

using neuronlab::activation::logistic;

class Sigmoid final : public neuronlab::activation::Elementwise<Sigmoid> {
 public:
  static constexpr const char* name = "sigmoid";
  static constexpr const char* summary =
      "Logistic sigmoid: squashes the weighted sum into (0, 1), a probability for yes/no";
  static constexpr const char* formula = "f(x) = 1 / (1 + exp(-x));  f'(x) = f(x) (1 - f(x))";
  static constexpr const char* reference = "torch.nn.Sigmoid";

  explicit Sigmoid(const neuronlab::Args&) {}

  double value(double x) const { return logistic(x); }
  double derivative(double x) const { return logistic(x) * logistic(-x); }
};

}  // namespace

NEURONLAB_REGISTER(Sigmoid);
