// softmax: turns each row (the neurons of one layer, for one observation) into a probability
// distribution over classes.
//   forward   y_i = e^(x_i − m) / Σ_j e^(x_j − m),  m = max_j x_j   (the shift changes nothing
//             but keeps every exponent <= 0: no overflow, and the largest term is exactly 1)
//   backward  the vector-Jacobian product ∂y_i/∂x_k = y_i (δ_ik − y_k):
//             dx_i = y_i · (dy_i − Σ_j dy_j · y_j)
// Rows are independent; the sums run in double. In a network it is usually fused with
// categorical_cross_entropy, whose gradient on the logits is simply (y − target) / batch.
// Reference: torch.nn.Softmax(dim=1).
#include <neuronlab/sdk/register.hpp>

#include <cmath>

#include "../vector_math.hpp"

namespace {

using neuronlab::ConstMatrixView;
using neuronlab::MatrixView;

class Softmax final : public neuronlab::Activation {
 public:
  static constexpr const char* name = "softmax";
  static constexpr const char* summary =
      "Softmax: turns a layer's outputs into probabilities that sum to 1 (one per class)";
  static constexpr const char* formula =
      "f(x)_i = exp(x_i) / sum_j exp(x_j) over the layer;  dx_i = y_i (dy_i - sum_j dy_j y_j)";
  static constexpr const char* reference = "torch.nn.Softmax(dim=1)";

  explicit Softmax(const neuronlab::Args&) {}

  // x, y: (batch, classes).
  void forward(ConstMatrixView x, MatrixView y) const override {
    for (std::size_t r = 0; r < x.rows; ++r) {
      float* out = y.row(r);
      neuronlab::vmath::softmax_row(
          x.row(r), x.cols, [&](std::size_t c, double p) { out[c] = static_cast<float>(p); });
    }
  }

  // The dot product reads the whole row of dy before any dx of that row is written, so dx may
  // alias dy.
  void backward(ConstMatrixView, ConstMatrixView y, ConstMatrixView dy,
                MatrixView dx) const override {
    for (std::size_t r = 0; r < y.rows; ++r) {
      const float* p = y.row(r);
      const float* g = dy.row(r);
      double dot = 0.0;
      for (std::size_t c = 0; c < y.cols; ++c) dot += double(g[c]) * double(p[c]);
      float* out = dx.row(r);
      for (std::size_t c = 0; c < y.cols; ++c)
        out[c] = static_cast<float>(double(p[c]) * (double(g[c]) - dot));
    }
  }
};

}  // namespace

NEURONLAB_REGISTER(Softmax);
