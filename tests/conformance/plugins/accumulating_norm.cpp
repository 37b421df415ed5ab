// A layer normalization whose backward adds to its weight gradient instead of overwriting it:
// its gradient is right after one backward, so only calling backward twice catches it.
//   y = w ⊙ x per feature;  dx = w ⊙ dy;  dw_c (+)= Σ_r dy_rc · x_rc
#include <neuronlab/sdk/register.hpp>

#include <algorithm>
#include <vector>

namespace {

using neuronlab::ConstMatrixView;
using neuronlab::MatrixView;

class AccumulatingScale final : public neuronlab::Normalization {
 public:
  static constexpr const char* name = "accumulating_scale";
  static constexpr const char* summary = "Adds to its gradients in backward (test plugin)";
  static constexpr const char* formula = "y = w * x; dw += sum_r dy * x (wrong: must be =)";
  static constexpr const char* reference = "none";
  static constexpr std::uint32_t usage = NL_USAGE_LAYER;
  explicit AccumulatingScale(const neuronlab::Args&) {}

  void bind(std::size_t features, std::size_t max_batch) override {
    weight_.assign(features, 1.0f);
    weight_grad_.assign(features, 0.0f);
    x_.assign(features * max_batch, 0.0f);
    features_ = features;
  }
  // x, y: (rows, features).
  void forward(ConstMatrixView x, MatrixView y, bool) override {
    rows_ = x.rows;
    for (std::size_t r = 0; r < x.rows; ++r)
      for (std::size_t c = 0; c < features_; ++c) {
        x_[r * features_ + c] = x(r, c);
        y(r, c) = weight_[c] * x(r, c);
      }
  }
  void backward(ConstMatrixView dy, MatrixView dx) override {
    for (std::size_t r = 0; r < rows_; ++r)
      for (std::size_t c = 0; c < features_; ++c) {
        dx(r, c) = weight_[c] * dy(r, c);
        weight_grad_[c] += dy(r, c) * x_[r * features_ + c];  // the bug: never reset
      }
  }
  std::size_t parameter_count() const override { return 1; }
  neuronlab::Tensor parameter(std::size_t) override {
    return {"weight", weight_.data(), weight_grad_.data(), features_};
  }

 private:
  std::vector<float> weight_, weight_grad_;
  std::vector<float> x_;  // (max_batch, features): the last forward's input
  std::size_t features_ = 0, rows_ = 0;
};

}  // namespace

NEURONLAB_REGISTER(AccumulatingScale);
