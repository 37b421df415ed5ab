// relu: the rectified linear unit.
//   forward   y = max(0, x)
//   backward  dx = dy · [x > 0]          (the derivative at 0 is taken as 0, as in PyTorch)
// Reference: torch.nn.ReLU.
#include <neuronlab/sdk/register.hpp>

#include "elementwise.hpp"

namespace {

class Relu final : public neuronlab::activation::Elementwise<Relu> {
 public:
  static constexpr const char* name = "relu";
  static constexpr const char* summary =
      "Rectified linear unit: passes positive inputs, zeroes the rest";
  static constexpr const char* formula = "f(x) = max(0, x);  f'(x) = 1 if x > 0 else 0";
  static constexpr const char* reference = "torch.nn.ReLU";

  explicit Relu(const neuronlab::Args&) {}

  double value(double x) const { return x > 0.0 ? x : 0.0; }
  double derivative(double x) const { return x > 0.0 ? 1.0 : 0.0; }
};

}  // namespace

NEURONLAB_REGISTER(Relu);
