// leaky_relu: a relu that lets a small slope through for negative inputs, so that a neuron
// whose weighted sum is negative still receives a gradient.
//   forward   y = x if x > 0 else negative_slope · x
//   backward  dx = dy · (1 if x > 0 else negative_slope)     (at 0: negative_slope, as PyTorch)
// Reference: torch.nn.LeakyReLU (negative_slope = 0.01).
#include <neuronlab/sdk/register.hpp>

#include "elementwise.hpp"

namespace {

class LeakyRelu final : public neuronlab::activation::Elementwise<LeakyRelu> {
 public:
  static constexpr const char* name = "leaky_relu";
  static constexpr const char* summary =
      "Leaky relu: like relu, but negative inputs keep a small slope instead of zero";
  static constexpr const char* formula =
      "f(x) = x if x > 0 else negative_slope * x;  f'(x) = 1 if x > 0 else negative_slope";
  static constexpr const char* reference = "torch.nn.LeakyReLU";

  static std::vector<nl_param> schema() {
    return {neuronlab::real("negative_slope", 0.01, 0.0, 1.0,
                            "slope for x <= 0; 0 gives relu, 1 the identity")};
  }

  explicit LeakyRelu(const neuronlab::Args& args) : slope_(args.real("negative_slope")) {}

  double value(double x) const { return x > 0.0 ? x : slope_ * x; }
  double derivative(double x) const { return x > 0.0 ? 1.0 : slope_; }

 private:
  double slope_;
};

}  // namespace

NEURONLAB_REGISTER(LeakyRelu);
