// selu: the scaled exponential linear unit, whose fixed constants keep activations close to
// zero mean and unit variance through many layers (Klambauer et al., 2017).
//   forward   y = scale · (x if x > 0 else alpha · (e^x − 1))
//   backward  dx = dy · scale · (1 if x > 0 else alpha · e^x)     (at 0: the second, as PyTorch)
// with alpha = 1.6732632423543772848, scale = 1.0507009873554804934 (PyTorch's constants).
// Reference: torch.nn.SELU.
#include <neuronlab/sdk/register.hpp>

#include <cmath>

#include "elementwise.hpp"

namespace {

class Selu final : public neuronlab::activation::Elementwise<Selu> {
 public:
  static constexpr const char* name = "selu";
  static constexpr const char* summary =
      "Scaled exponential linear unit: an elu with constants that self-normalize deep networks";
  static constexpr const char* formula =
      "f(x) = scale * (x if x > 0 else alpha * (exp(x) - 1)), alpha = 1.67326, scale = 1.05070";
  static constexpr const char* reference = "torch.nn.SELU";

  explicit Selu(const neuronlab::Args&) {}

  double value(double x) const { return kScale * (x > 0.0 ? x : kAlpha * std::expm1(x)); }
  double derivative(double x) const { return kScale * (x > 0.0 ? 1.0 : kAlpha * std::exp(x)); }

 private:
  static constexpr double kAlpha = 1.6732632423543772848170429916717;
  static constexpr double kScale = 1.0507009873554804934193349852946;
};

}  // namespace

NEURONLAB_REGISTER(Selu);
