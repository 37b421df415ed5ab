// relu: the rectified linear unit.
//   forward   y = max(0, x)
//   backward  dx = dy · [x > 0]          (the derivative at 0 is taken as 0, as in PyTorch)
// Reference: torch.nn.ReLU.
#include <neuronlab/sdk/register.hpp>

namespace {

class Relu final : public neuronlab::Activation {
 public:
  static constexpr const char* name = "relu";
  static constexpr const char* summary =
      "Rectified linear unit: passes positive inputs, zeroes the rest";
  static constexpr const char* formula = "f(x) = max(0, x);  f'(x) = 1 if x > 0 else 0";
  static constexpr const char* reference = "torch.nn.ReLU";

  explicit Relu(const neuronlab::Args&) {}

  void forward(neuronlab::ConstMatrixView x, neuronlab::MatrixView y) const override {
    for (std::size_t r = 0; r < x.rows; ++r)
      for (std::size_t c = 0; c < x.cols; ++c) y(r, c) = x(r, c) > 0.0f ? x(r, c) : 0.0f;
  }

  void backward(neuronlab::ConstMatrixView x, neuronlab::ConstMatrixView,
                neuronlab::ConstMatrixView dy, neuronlab::MatrixView dx) const override {
    for (std::size_t r = 0; r < x.rows; ++r)
      for (std::size_t c = 0; c < x.cols; ++c) dx(r, c) = x(r, c) > 0.0f ? dy(r, c) : 0.0f;
  }
};

}  // namespace

NEURONLAB_REGISTER(Relu);
