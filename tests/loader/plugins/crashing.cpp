// An activation whose backward pass crashes the process (SIGSEGV): `plugins --check` must
// report it as a failed check, naming the check it was in, and go on living. Its forward pass
// is the identity, so the checks before the first gradient pass.
#include <neuronlab/sdk/register.hpp>

#include <csignal>

namespace {

class Crashing final : public neuronlab::Activation {
 public:
  static constexpr const char* name = "crashing";
  static constexpr const char* summary = "Crashes in its backward pass (test plugin)";
  static constexpr const char* formula = "y = x";
  static constexpr const char* reference = "none";
  explicit Crashing(const neuronlab::Args&) {}
  void forward(neuronlab::ConstMatrixView x, neuronlab::MatrixView y) const override {
    for (std::size_t r = 0; r < x.rows; ++r)
      for (std::size_t c = 0; c < x.cols; ++c) y(r, c) = x(r, c);
  }
  void backward(neuronlab::ConstMatrixView, neuronlab::ConstMatrixView, neuronlab::ConstMatrixView,
                neuronlab::MatrixView) const override {
    std::raise(SIGSEGV);
  }
};

}  // namespace

NEURONLAB_REGISTER(Crashing);
NEURONLAB_MODULE("loader-test-crashing", "1.0.0");
