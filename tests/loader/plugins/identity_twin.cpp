// Provides an activation named "scale" again: the loader must keep the first and warn.
#include <neuronlab/sdk/register.hpp>

namespace {

class ScaleTwin final : public neuronlab::Activation {
 public:
  static constexpr const char* name = "scale";
  static constexpr const char* summary = "A second component with a taken name (test plugin)";
  static constexpr const char* formula = "f(x) = x";
  static constexpr const char* reference = "none";
  explicit ScaleTwin(const neuronlab::Args&) {}
  void forward(neuronlab::ConstMatrixView x, neuronlab::MatrixView y) const override {
    for (std::size_t r = 0; r < x.rows; ++r)
      for (std::size_t c = 0; c < x.cols; ++c) y(r, c) = x(r, c);
  }
  void backward(neuronlab::ConstMatrixView, neuronlab::ConstMatrixView,
                neuronlab::ConstMatrixView dy, neuronlab::MatrixView dx) const override {
    for (std::size_t r = 0; r < dy.rows; ++r)
      for (std::size_t c = 0; c < dy.cols; ++c) dx(r, c) = dy(r, c);
  }
};

}  // namespace

NEURONLAB_REGISTER(ScaleTwin);
NEURONLAB_MODULE("loader-test-twin", "1.0.0");
