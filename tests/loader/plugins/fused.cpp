// A loss that declares, in its descriptor, that it fuses with the test activation "scale"
// (tests/loader/plugins/scale.cpp): squared error of 2·x, the scale at its default factor.
#include <neuronlab/sdk/register.hpp>

namespace {

class ScaledSquare final : public neuronlab::Loss {
 public:
  static constexpr const char* name = "scaled_square";
  static constexpr const char* summary = "Sum of squared errors, fused with scale (test plugin)";
  static constexpr const char* formula = "l = sum (p - t)^2; on logits x: p = 2x";
  static constexpr const char* reference = "none";
  static constexpr const char* fuses_with = "scale";
  explicit ScaledSquare(const neuronlab::Args&) {}
  double forward(neuronlab::ConstMatrixView p, neuronlab::ConstMatrixView t) const override {
    double total = 0.0;
    for (std::size_t r = 0; r < p.rows; ++r)
      for (std::size_t c = 0; c < p.cols; ++c) total += (p(r, c) - t(r, c)) * (p(r, c) - t(r, c));
    return total;
  }
  void backward(neuronlab::ConstMatrixView p, neuronlab::ConstMatrixView t,
                neuronlab::MatrixView grad) const override {
    for (std::size_t r = 0; r < p.rows; ++r)
      for (std::size_t c = 0; c < p.cols; ++c) grad(r, c) = 2.0f * (p(r, c) - t(r, c));
  }
  double forward_logits(neuronlab::ConstMatrixView x, neuronlab::ConstMatrixView t) const override {
    double total = 0.0;
    for (std::size_t r = 0; r < x.rows; ++r)
      for (std::size_t c = 0; c < x.cols; ++c)
        total += (2.0 * x(r, c) - t(r, c)) * (2.0 * x(r, c) - t(r, c));
    return total;
  }
  void backward_logits(neuronlab::ConstMatrixView x, neuronlab::ConstMatrixView t,
                       neuronlab::MatrixView grad) const override {
    for (std::size_t r = 0; r < x.rows; ++r)
      for (std::size_t c = 0; c < x.cols; ++c) grad(r, c) = 4.0f * (2.0f * x(r, c) - t(r, c));
  }
};

}  // namespace

NEURONLAB_REGISTER(ScaledSquare);
NEURONLAB_MODULE("loader-test-fused", "1.0.0");
