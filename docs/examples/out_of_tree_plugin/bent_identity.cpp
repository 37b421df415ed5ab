// bent_identity: a smooth, unbounded activation that bends below the identity.
//   forward   y = (sqrt(x² + 1) − 1) / 2 + x
//   backward  dx = dy · (x / (2 sqrt(x² + 1)) + 1)
// Reference: none in PyTorch; written here as an example of an out-of-tree plugin.
#include <neuronlab/sdk/register.hpp>

#include <cmath>

namespace {

class BentIdentity final : public neuronlab::Activation {
 public:
  static constexpr const char* name = "bent_identity";
  static constexpr const char* summary =
      "Bent identity: smooth, unbounded, slope between 1/2 and 3/2";
  static constexpr const char* formula = "f(x) = (sqrt(x^2 + 1) - 1) / 2 + x";
  static constexpr const char* reference = "none (example plugin)";

  explicit BentIdentity(const neuronlab::Args&) {}

  void forward(neuronlab::ConstMatrixView x, neuronlab::MatrixView y) const override {
    for (std::size_t r = 0; r < x.rows; ++r)
      for (std::size_t c = 0; c < x.cols; ++c) {
        float v = x(r, c);
        y(r, c) = (std::sqrt(v * v + 1.0f) - 1.0f) / 2.0f + v;
      }
  }

  void backward(neuronlab::ConstMatrixView x, neuronlab::ConstMatrixView,
                neuronlab::ConstMatrixView dy, neuronlab::MatrixView dx) const override {
    for (std::size_t r = 0; r < x.rows; ++r)
      for (std::size_t c = 0; c < x.cols; ++c) {
        float v = x(r, c);
        dx(r, c) = dy(r, c) * (v / (2.0f * std::sqrt(v * v + 1.0f)) + 1.0f);
      }
  }
};

}  // namespace

NEURONLAB_REGISTER(BentIdentity);
NEURONLAB_MODULE("bent-identity-example", "1.0.0");
