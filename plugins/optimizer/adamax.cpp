// adamax: adam with the second moment replaced by a decaying infinity norm.
//   g = g + weight_decay · p
//   m = β1·m + (1 − β1)·g
//   u = max(β2·u, |g| + eps)
//   p = p − lr / (1 − β1ᵗ) · m / u
// eps enters the max, as in PyTorch. PyTorch's `betas=(β1, β2)` tuple is the two parameters
// beta1 and beta2 here. Reference: torch.optim.Adamax (PyTorch 1.13); Kingma & Ba, ICLR 2015,
// section 7.1.
#include <neuronlab/sdk/register.hpp>

#include <algorithm>
#include <cmath>

#include "state.hpp"

namespace {

using neuronlab::Tensor;
using neuronlab::optim::flush_subnormal;

class Adamax final : public neuronlab::Optimizer {
 public:
  static constexpr const char* name = "adamax";
  static constexpr const char* summary =
      "Adam variant dividing by a decaying maximum of gradient magnitudes";
  static constexpr const char* formula =
      "g += wd*p;  m = b1*m + (1-b1)*g;  u = max(b2*u, |g| + eps);  p -= lr/(1-b1^t) * m / u";
  static constexpr const char* reference = "torch.optim.Adamax";

  static std::vector<nl_param> schema() {
    using neuronlab::inf;
    return {
        neuronlab::real("learning_rate", 2e-3, 0.0, inf, "step size lr"),
        neuronlab::real("beta1", 0.9, 0.0, 1.0, "decay of the first moment (PyTorch betas[0])",
                        false, true),
        neuronlab::real("beta2", 0.999, 0.0, 1.0, "decay of the infinity norm (PyTorch betas[1])",
                        false, true),
        neuronlab::real("eps", 1e-8, 0.0, inf, "added to |g| inside the max"),
        neuronlab::real("weight_decay", 0.0, 0.0, inf, "L2 penalty added to the gradient"),
    };
  }

  explicit Adamax(const neuronlab::Args& args)
      : Optimizer(args.real("learning_rate")),
        beta1_(args.real("beta1")),
        beta2_(args.real("beta2")),
        eps_(args.real("eps")),
        weight_decay_(args.real("weight_decay")) {}

  void bind(const Tensor* tensors, std::size_t count) override { state_.bind(tensors, count); }

  void step(const Tensor* tensors, std::size_t count) override {
    state_.check(tensors, count);
    const float b1 = static_cast<float>(beta1_), rest1 = static_cast<float>(1.0 - beta1_);
    const float b2 = static_cast<float>(beta2_);
    const float eps = static_cast<float>(eps_);
    const float wd = static_cast<float>(weight_decay_);
    for (std::size_t t = 0; t < count; ++t) {
      const Tensor& x = tensors[t];
      if (x.grad == nullptr) continue;
      const double step = double(state_.advance(t));
      const float step_size = static_cast<float>(learning_rate() / (1.0 - beta1_t_.at(step)));
      float* m = state_.buffer(t, 0);
      float* u = state_.buffer(t, 1);
      for (std::size_t i = 0; i < x.size; ++i) {
        const float g = x.grad[i] + wd * x.value[i];
        m[i] = flush_subnormal(b1 * m[i] + rest1 * g);  // state.hpp
        u[i] = std::max(b2 * u[i], std::fabs(g) + eps);
        x.value[i] -= step_size * m[i] / u[i];
      }
    }
  }

 private:
  double beta1_;
  double beta2_;
  double eps_;
  double weight_decay_;
  neuronlab::optim::State state_{"adamax", 2};
  neuronlab::optim::DecayingPower beta1_t_{beta1_};
};

}  // namespace

NEURONLAB_REGISTER(Adamax);
