// adamw: adam with weight decay decoupled from the gradient.
//   p = p · (1 − lr · weight_decay)             (decay applied to the weights directly)
//   m = β1·m + (1 − β1)·g,   v = β2·v + (1 − β2)·g²
//   amsgrad: v̂ = max(v̂, v), else v̂ = v
//   p = p − lr / (1 − β1ᵗ) · m / (√v̂ / √(1 − β2ᵗ) + eps)
// The decay is multiplied by lr, as in PyTorch (the paper scales it by a separate schedule
// multiplier only). PyTorch's `betas=(β1, β2)` tuple is the two parameters beta1 and beta2.
// Reference: torch.optim.AdamW (PyTorch 1.13); Loshchilov & Hutter, ICLR 2019.
#include <neuronlab/sdk/register.hpp>

#include "adam_step.hpp"

namespace {

using neuronlab::Tensor;

class AdamW final : public neuronlab::Optimizer {
 public:
  static constexpr const char* name = "adamw";
  static constexpr const char* summary =
      "Adam with decoupled weight decay: shrinks the weights directly instead of via the gradient";
  static constexpr const char* formula =
      "p *= 1 - lr*wd;  m = b1*m + (1-b1)*g;  v = b2*v + (1-b2)*g^2;  "
      "p -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps)   (amsgrad: v -> running max of v)";
  static constexpr const char* reference = "torch.optim.AdamW";

  static std::vector<nl_param> schema() {
    using neuronlab::inf;
    return {
        neuronlab::real("learning_rate", 1e-3, 0.0, inf, "step size lr"),
        neuronlab::real("beta1", 0.9, 0.0, 1.0, "decay of the first moment (PyTorch betas[0])",
                        false, true),
        neuronlab::real("beta2", 0.999, 0.0, 1.0, "decay of the second moment (PyTorch betas[1])",
                        false, true),
        neuronlab::real("eps", 1e-8, 0.0, inf, "added to the denominator, outside the root"),
        neuronlab::real("weight_decay", 1e-2, 0.0, inf,
                        "decoupled decay: each step multiplies the weights by 1 - lr*weight_decay"),
        neuronlab::flag("amsgrad", false, "divide by the largest second moment seen so far"),
    };
  }

  explicit AdamW(const neuronlab::Args& args)
      : Optimizer(args.real("learning_rate")),
        beta1_(args.real("beta1")),
        beta2_(args.real("beta2")),
        eps_(args.real("eps")),
        weight_decay_(args.real("weight_decay")),
        amsgrad_(args.flag("amsgrad")),
        state_("adamw", neuronlab::optim::adam_buffers(amsgrad_)) {}

  void bind(const Tensor* tensors, std::size_t count) override { state_.bind(tensors, count); }

  void step(const Tensor* tensors, std::size_t count) override {
    neuronlab::optim::adam_step(
        state_, powers_, tensors, count, learning_rate(),
        {beta1_, beta2_, eps_, 0.0, 1.0 - learning_rate() * weight_decay_, amsgrad_});
  }

 private:
  double beta1_;
  double beta2_;
  double eps_;
  double weight_decay_;
  bool amsgrad_;
  neuronlab::optim::State state_;
  neuronlab::optim::AdamPowers powers_{neuronlab::optim::DecayingPower(beta1_),
                                       neuronlab::optim::DecayingPower(beta2_)};
};

}  // namespace

NEURONLAB_REGISTER(AdamW);
