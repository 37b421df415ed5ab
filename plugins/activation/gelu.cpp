// gelu: the Gaussian error linear unit, x weighted by the probability Φ(x) that a standard
// normal variable is below it (Hendrycks & Gimpel, 2016).
//   approximate = none:  y = x · Φ(x),  Φ(x) = (1 + erf(x / √2)) / 2
//                        dx = dy · (Φ(x) + x · φ(x)),  φ(x) = e^(−x²/2) / √(2π)
//   approximate = tanh:  y = x · (1 + tanh(u)) / 2,  u = √(2/π) · (x + 0.044715 x³)
//                        dx = dy · ((1 + tanh(u)) / 2 + x · (1 − tanh²(u)) / 2 · du/dx)
//                        du/dx = √(2/π) · (1 + 3 · 0.044715 x²)
// Reference: torch.nn.GELU (approximate = 'none').
#include <neuronlab/sdk/register.hpp>

#include <cmath>

#include "elementwise.hpp"

namespace {

using neuronlab::activation::hyperbolic_tangent;

class Gelu final : public neuronlab::activation::Elementwise<Gelu> {
 public:
  static constexpr const char* name = "gelu";
  static constexpr const char* summary =
      "Gaussian error linear unit: x times the normal CDF of x, a smooth relu used in "
      "transformers";
  static constexpr const char* formula =
      "f(x) = x * Phi(x), Phi the standard normal CDF (approximate = tanh: "
      "x/2 * (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))))";
  static constexpr const char* reference = "torch.nn.GELU";

  static std::vector<nl_param> schema() {
    return {neuronlab::choice("approximate", "none|tanh", 0,
                              "none: exact, with erf; tanh: the tanh approximation")};
  }

  explicit Gelu(const neuronlab::Args& args) : tanh_(args.choice("approximate") == 1) {}

  double value(double x) const {
    if (tanh_) return 0.5 * x * (1.0 + hyperbolic_tangent(kSqrt2OverPi * (x + kCubic * x * x * x)));
    return 0.5 * x * (1.0 + std::erf(x * kInvSqrt2));
  }
  double derivative(double x) const {
    if (tanh_) {
      const double t = hyperbolic_tangent(kSqrt2OverPi * (x + kCubic * x * x * x));
      const double du = kSqrt2OverPi * (1.0 + 3.0 * kCubic * x * x);
      return 0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * du;
    }
    const double cdf = 0.5 * (1.0 + std::erf(x * kInvSqrt2));
    const double pdf = kInvSqrt2Pi * std::exp(-0.5 * x * x);
    return cdf + x * pdf;
  }

 private:
  static constexpr double kInvSqrt2 = 0.70710678118654752440;
  static constexpr double kInvSqrt2Pi = 0.39894228040143267794;
  static constexpr double kSqrt2OverPi = 0.79788456080286535588;
  static constexpr double kCubic = 0.044715;
  bool tanh_;
};

}  // namespace

NEURONLAB_REGISTER(Gelu);
