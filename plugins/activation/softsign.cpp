// softsign: squashes into (−1, 1) like tanh, but approaches its limits polynomially.
//   forward   y = x / (1 + |x|)
//   backward  dx = dy / (1 + |x|)²
// Reference: torch.nn.Softsign.
#include <neuronlab/sdk/register.hpp>

#include <cmath>

#include "elementwise.hpp"

namespace {

class Softsign final : public neuronlab::activation::Elementwise<Softsign> {
 public:
  static constexpr const char* name = "softsign";
  static constexpr const char* summary =
      "Softsign: x / (1 + |x|), squashes into (-1, 1) with slowly flattening tails";
  static constexpr const char* formula = "f(x) = x / (1 + |x|);  f'(x) = 1 / (1 + |x|)^2";
  static constexpr const char* reference = "torch.nn.Softsign";

  explicit Softsign(const neuronlab::Args&) {}

  double value(double x) const { return x / (1.0 + std::fabs(x)); }
  double derivative(double x) const {
    const double d = 1.0 + std::fabs(x);
    return 1.0 / (d * d);
  }
};

}  // namespace

NEURONLAB_REGISTER(Softsign);
