// tanh: the hyperbolic tangent, a zero-centred squashing into (−1, 1).
//   forward   y = tanh(x) = (e^x − e^(−x)) / (e^x + e^(−x))
//   backward  dx = dy · (1 − tanh²(x))      (tanh recomputed in double from x)
// tanh is taken from one exp (hyperbolic_tangent, elementwise.hpp), not libm's tanh.
// Reference: torch.nn.Tanh.
#include <neuronlab/sdk/register.hpp>

#include <cmath>

#include "elementwise.hpp"

namespace {

using neuronlab::activation::hyperbolic_tangent;

class Tanh final : public neuronlab::activation::Elementwise<Tanh> {
 public:
  static constexpr const char* name = "tanh";
  static constexpr const char* summary =
      "Hyperbolic tangent: squashes the weighted sum into (-1, 1), centred on zero";
  static constexpr const char* formula = "f(x) = tanh(x);  f'(x) = 1 - tanh(x)^2";
  static constexpr const char* reference = "torch.nn.Tanh";

  explicit Tanh(const neuronlab::Args&) {}

  double value(double x) const { return hyperbolic_tangent(x); }
  double derivative(double x) const {
    const double t = hyperbolic_tangent(x);
    return 1.0 - t * t;
  }
};

}  // namespace

NEURONLAB_REGISTER(Tanh);
