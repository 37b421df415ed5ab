// elu: the exponential linear unit, smooth below zero and saturating at −alpha.
//   forward   y = x if x > 0 else alpha · (e^x − 1)     (expm1: exact for small |x|)
//   backward  dx = dy · (1 if x > 0 else alpha · e^x)  (at 0: alpha, as PyTorch)
// The exponential is taken only on the negative side, so large inputs cannot overflow.
// Reference: torch.nn.ELU (alpha = 1.0).
#include <neuronlab/sdk/register.hpp>

#include <cmath>

#include "elementwise.hpp"

namespace {

class Elu final : public neuronlab::activation::Elementwise<Elu> {
 public:
  static constexpr const char* name = "elu";
  static constexpr const char* summary =
      "Exponential linear unit: identity above zero, a smooth curve down to -alpha below";
  static constexpr const char* formula =
      "f(x) = x if x > 0 else alpha * (exp(x) - 1);  f'(x) = 1 if x > 0 else alpha * exp(x)";
  static constexpr const char* reference = "torch.nn.ELU";

  static std::vector<nl_param> schema() {
    using neuronlab::inf;
    return {neuronlab::real("alpha", 1.0, 0.0, inf,
                            "the value -alpha the output approaches for very negative x")};
  }

  explicit Elu(const neuronlab::Args& args) : alpha_(args.real("alpha")) {}

  double value(double x) const { return x > 0.0 ? x : alpha_ * std::expm1(x); }
  double derivative(double x) const { return x > 0.0 ? 1.0 : alpha_ * std::exp(x); }

 private:
  double alpha_;
};

}  // namespace

NEURONLAB_REGISTER(Elu);
