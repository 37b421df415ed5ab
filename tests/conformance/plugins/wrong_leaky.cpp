// A leaky relu whose backward uses the default slope 0.01 whatever slope it was given: right
// at its default, wrong anywhere else. Only a check at a non-default value catches it.
#include <neuronlab/sdk/register.hpp>

namespace {

class WrongLeaky final : public neuronlab::Activation {
 public:
  static constexpr const char* name = "wrong_leaky";
  static constexpr const char* summary = "Leaky relu, backward ignores the slope (test plugin)";
  static constexpr const char* formula = "y = x if x > 0 else slope x; dy/dx claimed 0.01 for x<0";
  static constexpr const char* reference = "none";
  static std::vector<nl_param> schema() {
    return {neuronlab::real("negative_slope", 0.01, 0.0, neuronlab::inf, "slope for x < 0")};
  }
  explicit WrongLeaky(const neuronlab::Args& args)
      : slope_(static_cast<float>(args.real("negative_slope"))) {}
  void forward(neuronlab::ConstMatrixView x, neuronlab::MatrixView y) const override {
    for (std::size_t r = 0; r < x.rows; ++r)
      for (std::size_t c = 0; c < x.cols; ++c) y(r, c) = x(r, c) > 0 ? x(r, c) : slope_ * x(r, c);
  }
  void backward(neuronlab::ConstMatrixView x, neuronlab::ConstMatrixView,
                neuronlab::ConstMatrixView dy, neuronlab::MatrixView dx) const override {
    for (std::size_t r = 0; r < x.rows; ++r)
      for (std::size_t c = 0; c < x.cols; ++c) dx(r, c) = x(r, c) > 0 ? dy(r, c) : 0.01f * dy(r, c);
  }

 private:
  float slope_;
};

}  // namespace

NEURONLAB_REGISTER(WrongLeaky);
