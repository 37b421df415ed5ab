// A small, valid plugin the loader tests create objects from: y = factor · x.
#include <neuronlab/sdk/register.hpp>

namespace {

class Scale final : public neuronlab::Activation {
 public:
  static constexpr const char* name = "scale";
  static constexpr const char* summary = "Multiplies by a constant factor (test plugin)";
  static constexpr const char* formula = "f(x) = factor * x";
  static constexpr const char* reference = "none";
  static std::vector<nl_param> schema() {
    return {neuronlab::real("factor", 2.0, 0.0, 10.0, "the constant factor", true, false),
            neuronlab::integer("repeat", 1, 1, 5, "how many times to apply it"),
            neuronlab::flag("negate", false, "negate the result"),
            neuronlab::choice("mode", "plain|squared", 0, "plain: factor; squared: factor^2")};
  }
  explicit Scale(const neuronlab::Args& args) {
    double f = args.real("factor");
    if (args.choice("mode") == 1) f *= f;
    for (long i = 1; i < args.integer("repeat"); ++i) f *= args.real("factor");
    factor_ = static_cast<float>(args.flag("negate") ? -f : f);
  }
  void forward(neuronlab::ConstMatrixView x, neuronlab::MatrixView y) const override {
    for (std::size_t r = 0; r < x.rows; ++r)
      for (std::size_t c = 0; c < x.cols; ++c) y(r, c) = factor_ * x(r, c);
  }
  void backward(neuronlab::ConstMatrixView, neuronlab::ConstMatrixView,
                neuronlab::ConstMatrixView dy, neuronlab::MatrixView dx) const override {
    for (std::size_t r = 0; r < dy.rows; ++r)
      for (std::size_t c = 0; c < dy.cols; ++c) dx(r, c) = factor_ * dy(r, c);
  }

 private:
  float factor_ = 1.0f;
};

}  // namespace

NEURONLAB_REGISTER(Scale);
NEURONLAB_MODULE("loader-test-scale", "1.2.3");
