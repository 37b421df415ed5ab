// mish: x gated by the tanh of its softplus (Misra, 2019).
//   forward   y = x · tanh(softplus(x)),  softplus(x) = log(1 + e^x)
//   backward  dx = dy · (tanh(sp) + x · σ(x) · (1 − tanh²(sp)))     sp = softplus(x)
// softplus is evaluated without overflow (max(x, 0) + log1p(e^(−|x|))), so x = ±1000 gives
// finite values and gradients.
// Reference: torch.nn.Mish.
#include <neuronlab/sdk/register.hpp>

#include <cmath>

#include "elementwise.hpp"

namespace {

using neuronlab::activation::hyperbolic_tangent;
using neuronlab::activation::log1p_exp;
using neuronlab::activation::logistic;

class Mish final : public neuronlab::activation::Elementwise<Mish> {
 public:
  static constexpr const char* name = "mish";
  static constexpr const char* summary =
      "Mish: x * tanh(softplus(x)), a smooth, non-monotonic relu-like curve";
  static constexpr const char* formula =
      "f(x) = x * tanh(log(1 + exp(x)));  "
      "f'(x) = tanh(sp) + x * sigmoid(x) * (1 - tanh(sp)^2), sp = log(1 + exp(x))";
  static constexpr const char* reference = "torch.nn.Mish";

  explicit Mish(const neuronlab::Args&) {}

  double value(double x) const { return x * hyperbolic_tangent(log1p_exp(x)); }
  double derivative(double x) const {
    const double t = hyperbolic_tangent(log1p_exp(x));
    return t + x * logistic(x) * (1.0 - t * t);
  }
};

}  // namespace

NEURONLAB_REGISTER(Mish);
