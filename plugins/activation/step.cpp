// step: the Heaviside step, the perceptron's fire-or-not.
//   forward   y = 1 if x > 0 else 0          (0 at x = 0, as torch.heaviside(x, 0))
//   backward  dx = 0
// The derivative is 0 wherever it exists (and undefined at 0), so backward passes a zero
// gradient: a layer of steps does not learn by gradient descent, and nothing below it does
// either. It is here for the perceptron lessons, whose learning rule does not use gradients.
// Reference: torch.heaviside(x, values=0) for the forward; PyTorch defines no gradient for it.
#include <neuronlab/sdk/register.hpp>

#include "elementwise.hpp"

namespace {

class Step final : public neuronlab::activation::Elementwise<Step> {
 public:
  static constexpr const char* name = "step";
  static constexpr const char* summary =
      "Heaviside step: fires 1 above zero, else 0; passes no gradient (not trainable by "
      "gradient descent)";
  static constexpr const char* formula = "f(x) = 1 if x > 0 else 0;  f'(x) = 0";
  static constexpr const char* reference = "torch.heaviside(x, values=0)";

  explicit Step(const neuronlab::Args&) {}

  double value(double x) const { return x > 0.0 ? 1.0 : 0.0; }
  double derivative(double) const { return 0.0; }
};

}  // namespace

NEURONLAB_REGISTER(Step);
