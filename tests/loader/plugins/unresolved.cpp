// Needs a symbol that no library defines; built without -z defs, so dlopen must refuse it.
#include <neuronlab/sdk/register.hpp>

extern "C" float neuronlab_test_symbol_nobody_defines(float);

namespace {

class Unresolved final : public neuronlab::Activation {
 public:
  static constexpr const char* name = "unresolved";
  static constexpr const char* summary = "Calls a missing function (test plugin)";
  static constexpr const char* formula = "none";
  static constexpr const char* reference = "none";
  explicit Unresolved(const neuronlab::Args&) {}
  void forward(neuronlab::ConstMatrixView x, neuronlab::MatrixView y) const override {
    y(0, 0) = neuronlab_test_symbol_nobody_defines(x(0, 0));
  }
  void backward(neuronlab::ConstMatrixView, neuronlab::ConstMatrixView, neuronlab::ConstMatrixView,
                neuronlab::MatrixView) const override {}
};

}  // namespace

NEURONLAB_REGISTER(Unresolved);
NEURONLAB_MODULE("loader-test-unresolved", "1.0.0");
