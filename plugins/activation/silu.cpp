// silu (also called swish): x gated by its own sigmoid.
//   forward   y = x · σ(x)
//   backward  dx = dy · σ(x) · (1 + x · (1 − σ(x)))     (1 − σ(x) taken as σ(−x), no cancellation)
// Reference: torch.nn.SiLU.
#include <neuronlab/sdk/register.hpp>

#include "elementwise.hpp"

namespace {

using neuronlab::activation::logistic;

class Silu final : public neuronlab::activation::Elementwise<Silu> {
 public:
  static constexpr const char* name = "silu";
  static constexpr const char* summary =
      "Sigmoid linear unit (swish): x * sigmoid(x), smooth and slightly negative below zero";
  static constexpr const char* formula =
      "f(x) = x * sigmoid(x);  f'(x) = sigmoid(x) (1 + x (1 - sigmoid(x)))";
  static constexpr const char* reference = "torch.nn.SiLU";

  explicit Silu(const neuronlab::Args&) {}

  double value(double x) const { return x * logistic(x); }
  double derivative(double x) const { return logistic(x) * (1.0 + x * logistic(-x)); }
};

}  // namespace

NEURONLAB_REGISTER(Silu);
