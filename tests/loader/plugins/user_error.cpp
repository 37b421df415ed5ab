// An optimizer whose two rates are each valid alone but not together: the constructor throws
// PluginUserError, which the host must report as the user's mistake, naming the component.
#include <neuronlab/sdk/register.hpp>

#include <string>

namespace {

class Picky final : public neuronlab::Optimizer {
 public:
  static constexpr const char* name = "picky";
  static constexpr const char* summary = "Refuses beta1 >= beta2 (test plugin)";
  static constexpr const char* formula = "p -= lr * g";
  static constexpr const char* reference = "none";
  static std::vector<nl_param> schema() {
    return {neuronlab::real("learning_rate", 0.1, 0.0, neuronlab::inf, "step size"),
            neuronlab::real("beta1", 0.5, 0.0, 1.0, "a rate below beta2"),
            neuronlab::real("beta2", 0.9, 0.0, 1.0, "a rate above beta1")};
  }
  explicit Picky(const neuronlab::Args& args) : Optimizer(args.real("learning_rate")) {
    if (args.real("beta1") >= args.real("beta2"))
      throw neuronlab::PluginUserError("beta1 (" + std::to_string(args.real("beta1")) +
                                       ") must be smaller than beta2 (" +
                                       std::to_string(args.real("beta2")) + ")");
  }
  void bind(const neuronlab::Tensor*, std::size_t) override {}
  void step(const neuronlab::Tensor* tensors, std::size_t count) override {
    for (std::size_t t = 0; t < count; ++t)
      for (std::size_t i = 0; i < tensors[t].size; ++i)
        tensors[t].value[i] -= static_cast<float>(learning_rate()) * tensors[t].grad[i];
  }
};

}  // namespace

NEURONLAB_REGISTER(Picky);
NEURONLAB_MODULE("loader-test-user-error", "1.0.0");
