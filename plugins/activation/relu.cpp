// relu: the rectified linear unit.
//   forward   y = max(0, x)
//   backward  dx = dy · [x > 0]          (the derivative at 0 is taken as 0, as in PyTorch)
// Both are exact in float, so relu skips the double evaluation of the other elementwise
// activations: its loops are branch-free selects over contiguous rows, which the compiler
// vectorizes (relu is the hidden activation of most networks, and its backward used to cost a
// quarter of a training step). A NaN input stays NaN, as in PyTorch.
// Reference: torch.nn.ReLU.
#include <neuronlab/sdk/register.hpp>

#include "../clones.hpp"

namespace {

using neuronlab::ConstMatrixView;
using neuronlab::MatrixView;

class Relu final : public neuronlab::Activation {
 public:
  static constexpr const char* name = "relu";
  static constexpr const char* summary =
      "Rectified linear unit: passes positive inputs, zeroes the rest";
  static constexpr const char* formula = "f(x) = max(0, x);  f'(x) = 1 if x > 0 else 0";
  static constexpr const char* reference = "torch.nn.ReLU";

  explicit Relu(const neuronlab::Args&) {}

  // x, y: (batch, n).
  void forward(ConstMatrixView x, MatrixView y) const override { forward_rows(x, y); }

  // dx may alias dy: each element is read before it is written.
  void backward(ConstMatrixView x, ConstMatrixView, ConstMatrixView dy,
                MatrixView dx) const override {
    backward_rows(x, dy, dx);
  }

 private:
  // Free of the class, so that a portable build can clone them per x86-64 level (clones.hpp):
  // compiled for the baseline alone, the selects were branches, mispredicted on random signs.
  NEURONLAB_CLONES static void forward_rows(ConstMatrixView x, MatrixView y) {
    for (std::size_t r = 0; r < x.rows; ++r) {
      const float* in = x.row(r);
      float* out = y.row(r);
      for (std::size_t c = 0; c < x.cols; ++c) out[c] = in[c] < 0.0f ? 0.0f : in[c];
    }
  }

  NEURONLAB_CLONES static void backward_rows(ConstMatrixView x, ConstMatrixView dy, MatrixView dx) {
    for (std::size_t r = 0; r < x.rows; ++r) {
      const float* in = x.row(r);
      const float* up = dy.row(r);
      float* out = dx.row(r);
      for (std::size_t c = 0; c < x.cols; ++c) out[c] = in[c] > 0.0f ? up[c] : 0.0f;
    }
  }
};

}  // namespace

NEURONLAB_REGISTER(Relu);
