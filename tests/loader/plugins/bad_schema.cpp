// A component whose declared default lies outside its own range: the loader skips it.
#include <neuronlab/sdk/register.hpp>

namespace {

class BadSchema final : public neuronlab::Activation {
 public:
  static constexpr const char* name = "bad_schema";
  static constexpr const char* summary = "Default outside its range (test plugin)";
  static constexpr const char* formula = "none";
  static constexpr const char* reference = "none";
  static std::vector<nl_param> schema() {
    return {neuronlab::real("alpha", 5.0, 0.0, 1.0, "a parameter with a wrong default")};
  }
  explicit BadSchema(const neuronlab::Args&) {}
  void forward(neuronlab::ConstMatrixView, neuronlab::MatrixView) const override {}
  void backward(neuronlab::ConstMatrixView, neuronlab::ConstMatrixView, neuronlab::ConstMatrixView,
                neuronlab::MatrixView) const override {}
};

}  // namespace

NEURONLAB_REGISTER(BadSchema);
NEURONLAB_MODULE("loader-test-bad-schema", "1.0.0");
