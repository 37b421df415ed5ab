// A component whose constructor throws: creating it must be an error, not a crash.
#include <neuronlab/sdk/register.hpp>

namespace {

class Throwing final : public neuronlab::Loss {
 public:
  static constexpr const char* name = "throwing";
  static constexpr const char* summary = "Cannot be created (test plugin)";
  static constexpr const char* formula = "none";
  static constexpr const char* reference = "none";
  explicit Throwing(const neuronlab::Args&) {
    throw std::runtime_error("the throwing loss refuses to be created");
  }
  double forward(neuronlab::ConstMatrixView, neuronlab::ConstMatrixView) const override {
    return 0.0;
  }
  void backward(neuronlab::ConstMatrixView, neuronlab::ConstMatrixView,
                neuronlab::MatrixView) const override {}
};

}  // namespace

NEURONLAB_REGISTER(Throwing);
NEURONLAB_MODULE("loader-test-throwing", "1.0.0");
