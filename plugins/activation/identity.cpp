// identity: the linear output of a regression network.
//   forward   y = x
//   backward  dx = dy
// Reference: torch.nn.Identity.
#include <neuronlab/sdk/register.hpp>

#include "elementwise.hpp"

namespace {

class Identity final : public neuronlab::activation::Elementwise<Identity> {
 public:
  static constexpr const char* name = "identity";
  static constexpr const char* summary =
      "Identity: passes the weighted sum on unchanged (continuous outputs, regression)";
  static constexpr const char* formula = "f(x) = x;  f'(x) = 1";
  static constexpr const char* reference = "torch.nn.Identity";

  explicit Identity(const neuronlab::Args&) {}

  double value(double x) const { return x; }
  double derivative(double) const { return 1.0; }
};

}  // namespace

NEURONLAB_REGISTER(Identity);
