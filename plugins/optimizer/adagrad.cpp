// adagrad: per-coordinate step sizes that shrink with the sum of squared gradients.
//   g = g + weight_decay · p
//   lr_t = lr / (1 + (t − 1) · lr_decay)
//   s = s + g²                              (s starts at initial_accumulator_value)
//   p = p − lr_t · g / (√s + eps)
// Reference: torch.optim.Adagrad (PyTorch 1.13); Duchi, Hazan & Singer, JMLR 2011.
#include <neuronlab/sdk/register.hpp>

#include <cmath>

#include "state.hpp"

namespace {

using neuronlab::Tensor;

class Adagrad final : public neuronlab::Optimizer {
 public:
  static constexpr const char* name = "adagrad";
  static constexpr const char* summary =
      "Adaptive gradient: divides each step by the root of that weight's summed squared gradients";
  static constexpr const char* formula =
      "g += wd*p;  s += g^2;  p -= lr / (1 + (t-1)*lr_decay) * g / (sqrt(s) + eps)";
  static constexpr const char* reference = "torch.optim.Adagrad";

  static std::vector<nl_param> schema() {
    using neuronlab::inf;
    return {
        neuronlab::real("learning_rate", 1e-2, 0.0, inf, "step size lr"),
        neuronlab::real("lr_decay", 0.0, 0.0, inf,
                        "the rate at step t is lr / (1 + (t-1)*lr_decay)"),
        neuronlab::real("weight_decay", 0.0, 0.0, inf, "L2 penalty added to the gradient"),
        neuronlab::real("initial_accumulator_value", 0.0, 0.0, inf,
                        "starting value of the sum of squared gradients"),
        neuronlab::real("eps", 1e-10, 0.0, inf, "added to the denominator, outside the root"),
    };
  }

  explicit Adagrad(const neuronlab::Args& args)
      : Optimizer(args.real("learning_rate")),
        lr_decay_(args.real("lr_decay")),
        weight_decay_(args.real("weight_decay")),
        initial_(args.real("initial_accumulator_value")),
        eps_(args.real("eps")) {}

  void bind(const Tensor* tensors, std::size_t count) override {
    state_.bind(tensors, count, static_cast<float>(initial_));
  }

  void step(const Tensor* tensors, std::size_t count) override {
    state_.check(tensors, count);
    const float wd = static_cast<float>(weight_decay_);
    const float eps = static_cast<float>(eps_);
    for (std::size_t t = 0; t < count; ++t) {
      const Tensor& x = tensors[t];
      if (x.grad == nullptr) continue;
      const long step = state_.advance(t);
      const float lr = static_cast<float>(learning_rate() / (1.0 + double(step - 1) * lr_decay_));
      float* s = state_.buffer(t, 0);
      for (std::size_t i = 0; i < x.size; ++i) {
        const float g = x.grad[i] + wd * x.value[i];
        s[i] += g * g;
        x.value[i] -= lr * g / (std::sqrt(s[i]) + eps);
      }
    }
  }

 private:
  double lr_decay_;
  double weight_decay_;
  double initial_;
  double eps_;
  neuronlab::optim::State state_{"adagrad", 1};
};

}  // namespace

NEURONLAB_REGISTER(Adagrad);
