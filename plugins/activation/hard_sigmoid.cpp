// hard_sigmoid: a piecewise-linear sigmoid, cheap to compute.
//   forward   y = relu6(x + 3) / 6 = 0 for x <= −3, 1 for x >= 3, x / 6 + 1/2 between
//   backward  dx = dy / 6 for −3 < x < 3, else 0      (0 at the corners, as PyTorch)
// Reference: torch.nn.Hardsigmoid (not Keras's hard_sigmoid, whose slope is 0.2).
#include <neuronlab/sdk/register.hpp>

#include "elementwise.hpp"

namespace {

class HardSigmoid final : public neuronlab::activation::Elementwise<HardSigmoid> {
 public:
  static constexpr const char* name = "hard_sigmoid";
  static constexpr const char* summary =
      "Hard sigmoid: 0 below -3, 1 above 3, a straight line x/6 + 1/2 between";
  static constexpr const char* formula =
      "f(x) = min(max(x + 3, 0), 6) / 6;  f'(x) = 1/6 if -3 < x < 3 else 0";
  static constexpr const char* reference = "torch.nn.Hardsigmoid";

  explicit HardSigmoid(const neuronlab::Args&) {}

  double value(double x) const {
    if (x <= -3.0) return 0.0;
    if (x >= 3.0) return 1.0;
    return x / 6.0 + 0.5;
  }
  double derivative(double x) const { return x > -3.0 && x < 3.0 ? 1.0 / 6.0 : 0.0; }
};

}  // namespace

NEURONLAB_REGISTER(HardSigmoid);
