// sgd: stochastic gradient descent with optional momentum, dampening, Nesterov and L2 decay.
//   d = g + weight_decay · p
//   with momentum μ > 0:  b = d at a tensor's first step, then b = μ·b + (1 − dampening)·d
//                         d = d + μ·b (nesterov)  or  d = b
//   p = p − lr · d
// The momentum buffer starts at the first gradient, undampened, as in PyTorch (other texts
// start it at zero). Reference: torch.optim.SGD (PyTorch 1.13); its required lr gets 0.01.
#include <neuronlab/sdk/register.hpp>

#include <cstdio>
#include <stdexcept>

#include "state.hpp"

namespace {

using neuronlab::Tensor;
using neuronlab::optim::flush_subnormal;

class Sgd final : public neuronlab::Optimizer {
 public:
  static constexpr const char* name = "sgd";
  static constexpr const char* summary =
      "Stochastic gradient descent, optionally with (Nesterov) momentum and weight decay";
  static constexpr const char* formula =
      "d = g + wd*p;  b = mu*b + (1 - dampening)*d (b = d at the first step);  "
      "p -= lr * (nesterov ? d + mu*b : b)   (without momentum: p -= lr * d)";
  static constexpr const char* reference = "torch.optim.SGD";

  static std::vector<nl_param> schema() {
    using neuronlab::inf;
    return {
        neuronlab::real("learning_rate", 0.01, 0.0, inf, "step size lr"),
        neuronlab::real("momentum", 0.0, 0.0, inf, "momentum factor mu; 0 turns momentum off"),
        neuronlab::real("dampening", 0.0, 0.0, 1.0,
                        "fraction of each new gradient left out of the momentum buffer"),
        neuronlab::flag("nesterov", false,
                        "Nesterov momentum; needs momentum > 0 and dampening = 0"),
        neuronlab::real("weight_decay", 0.0, 0.0, inf, "L2 penalty added to the gradient"),
    };
  }

  explicit Sgd(const neuronlab::Args& args)
      : Optimizer(args.real("learning_rate")),
        momentum_(args.real("momentum")),
        dampening_(args.real("dampening")),
        weight_decay_(args.real("weight_decay")),
        nesterov_(args.flag("nesterov")) {
    if (nesterov_ && (momentum_ <= 0.0 || dampening_ != 0.0)) {
      char message[256];
      std::snprintf(message, sizeof message,
                    "sgd: nesterov needs momentum > 0 and dampening = 0 (got momentum = %g, "
                    "dampening = %g); set momentum (e.g. 0.9) and dampening 0, or turn "
                    "nesterov off",
                    momentum_, dampening_);
      throw neuronlab::PluginUserError(message);
    }
  }

  void bind(const Tensor* tensors, std::size_t count) override { state_.bind(tensors, count); }

  void step(const Tensor* tensors, std::size_t count) override {
    state_.check(tensors, count);
    const float lr = static_cast<float>(learning_rate());
    const float mu = static_cast<float>(momentum_);
    const float keep = static_cast<float>(1.0 - dampening_);
    const float wd = static_cast<float>(weight_decay_);
    for (std::size_t t = 0; t < count; ++t) {
      const Tensor& x = tensors[t];
      if (x.grad == nullptr) continue;
      const bool first = state_.advance(t) == 1;
      float* b = state_.buffer(t, 0);
      for (std::size_t i = 0; i < x.size; ++i) {
        float d = x.grad[i] + wd * x.value[i];
        if (mu != 0.0f) {
          b[i] = first ? d : flush_subnormal(mu * b[i] + keep * d);  // state.hpp
          d = nesterov_ ? d + mu * b[i] : b[i];
        }
        x.value[i] -= lr * d;
      }
    }
  }

 private:
  double momentum_;
  double dampening_;
  double weight_decay_;
  bool nesterov_;
  neuronlab::optim::State state_{"sgd", 1};
};

}  // namespace

NEURONLAB_REGISTER(Sgd);
