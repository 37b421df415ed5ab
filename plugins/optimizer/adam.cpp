// adam: momentum on the gradient, divided by a running root-mean-square, both bias-corrected.
//   g = g + weight_decay · p                    (L2 coupled into the gradient; see adamw)
//   m = β1·m + (1 − β1)·g,   v = β2·v + (1 − β2)·g²
//   amsgrad: v̂ = max(v̂, v), else v̂ = v
//   p = p − lr / (1 − β1ᵗ) · m / (√v̂ / √(1 − β2ᵗ) + eps)
// eps is added outside the root. PyTorch's `betas=(β1, β2)` tuple is the two parameters
// beta1 and beta2 here. Reference: torch.optim.Adam (PyTorch 1.13); Kingma & Ba, ICLR 2015;
// Reddi, Kale & Kumar, ICLR 2018 (amsgrad).
#include <neuronlab/sdk/register.hpp>

#include "adam_step.hpp"

namespace {

using neuronlab::Tensor;

class Adam final : public neuronlab::Optimizer {
 public:
  static constexpr const char* name = "adam";
  static constexpr const char* summary =
      "Bias-corrected momentum divided by a bias-corrected running root-mean-square";
  static constexpr const char* formula =
      "g += wd*p;  m = b1*m + (1-b1)*g;  v = b2*v + (1-b2)*g^2;  "
      "p -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps)   (amsgrad: v -> running max of v)";
  static constexpr const char* reference = "torch.optim.Adam";

  static std::vector<nl_param> schema() {
    using neuronlab::inf;
    return {
        neuronlab::real("learning_rate", 1e-3, 0.0, inf, "step size lr"),
        neuronlab::real("beta1", 0.9, 0.0, 1.0, "decay of the first moment (PyTorch betas[0])",
                        false, true),
        neuronlab::real("beta2", 0.999, 0.0, 1.0, "decay of the second moment (PyTorch betas[1])",
                        false, true),
        neuronlab::real("eps", 1e-8, 0.0, inf, "added to the denominator, outside the root"),
        neuronlab::real("weight_decay", 0.0, 0.0, inf,
                        "L2 penalty added to the gradient (for decoupled decay use adamw)"),
        neuronlab::flag("amsgrad", false, "divide by the largest second moment seen so far"),
    };
  }

  explicit Adam(const neuronlab::Args& args)
      : Optimizer(args.real("learning_rate")),
        beta1_(args.real("beta1")),
        beta2_(args.real("beta2")),
        eps_(args.real("eps")),
        weight_decay_(args.real("weight_decay")),
        amsgrad_(args.flag("amsgrad")),
        state_("adam", neuronlab::optim::adam_buffers(amsgrad_)) {}

  void bind(const Tensor* tensors, std::size_t count) override { state_.bind(tensors, count); }

  void step(const Tensor* tensors, std::size_t count) override {
    neuronlab::optim::adam_step(state_, powers_, tensors, count, learning_rate(),
                                {beta1_, beta2_, eps_, weight_decay_, 1.0, amsgrad_});
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

NEURONLAB_REGISTER(Adam);
