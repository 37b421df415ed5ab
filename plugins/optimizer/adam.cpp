// adam: momentum on the gradient, divided by a running root-mean-square, both bias-corrected.
//   g = g + weight_decay · p                    (L2 coupled into the gradient; see adamw)
//   m = β1·m + (1 − β1)·g,   v = β2·v + (1 − β2)·g²
//   amsgrad: v̂ = max(v̂, v), else v̂ = v
//   p = p − lr / (1 − β1ᵗ) · m / (√v̂ / √(1 − β2ᵗ) + eps)
// eps is added outside the root. PyTorch's `betas=(β1, β2)` tuple is the two parameters
// beta1 and beta2 here. Reference: torch.optim.Adam (PyTorch 1.13); Kingma & Ba, ICLR 2015;
// Reddi, Kale & Kumar, ICLR 2018 (amsgrad).
#include <neuronlab/sdk/register.hpp>

#include <algorithm>
#include <cmath>

#include "state.hpp"

namespace {

using neuronlab::Tensor;

struct Coefficients {
  float b1, rest1, b2, rest2, eps, wd, step_size, root_bc2;
};

// One tensor's update of elements [first, last). Its scalars arrive by value, so the compiler
// knows no store can change them and vectorizes the loop. v_max is null without amsgrad.
void update(const Coefficients k, std::size_t first, std::size_t last, const float* grad,
            float* value, float* m, float* v, float* v_max) {
  if (v_max == nullptr) {
    for (std::size_t i = first; i < last; ++i) {
      const float g = grad[i] + k.wd * value[i];
      m[i] = k.b1 * m[i] + k.rest1 * g;
      v[i] = k.b2 * v[i] + k.rest2 * g * g;
      value[i] -= k.step_size * m[i] / (std::sqrt(v[i]) / k.root_bc2 + k.eps);
    }
    return;
  }
  for (std::size_t i = first; i < last; ++i) {
    const float g = grad[i] + k.wd * value[i];
    m[i] = k.b1 * m[i] + k.rest1 * g;
    v[i] = k.b2 * v[i] + k.rest2 * g * g;
    v_max[i] = std::max(v_max[i], v[i]);
    value[i] -= k.step_size * m[i] / (std::sqrt(v_max[i]) / k.root_bc2 + k.eps);
  }
}

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
        state_("adam", amsgrad_ ? 3 : 2) {}  // m, v, and the running max of v for amsgrad

  void bind(const Tensor* tensors, std::size_t count) override { state_.bind(tensors, count); }

  void step(const Tensor* tensors, std::size_t count) override {
    state_.check(tensors, count);
    const float b1 = static_cast<float>(beta1_), rest1 = static_cast<float>(1.0 - beta1_);
    const float b2 = static_cast<float>(beta2_), rest2 = static_cast<float>(1.0 - beta2_);
    const float eps = static_cast<float>(eps_);
    const float wd = static_cast<float>(weight_decay_);
    for (std::size_t t = 0; t < count; ++t) {
      const Tensor& x = tensors[t];
      if (x.grad == nullptr) continue;
      const double step = double(state_.advance(t));
      const float step_size = static_cast<float>(learning_rate() / (1.0 - std::pow(beta1_, step)));
      const float root_bc2 = static_cast<float>(std::sqrt(1.0 - std::pow(beta2_, step)));
      float* m = state_.buffer(t, 0);
      float* v = state_.buffer(t, 1);
      float* v_max = amsgrad_ ? state_.buffer(t, 2) : nullptr;
      const Coefficients k{b1, rest1, b2, rest2, eps, wd, step_size, root_bc2};
      neuronlab::optim::for_ranges(x.size, [&](std::size_t first, std::size_t last) {
        update(k, first, last, x.grad, x.value, m, v, v_max);
      });
    }
  }

 private:
  double beta1_;
  double beta2_;
  double eps_;
  double weight_decay_;
  bool amsgrad_;
  neuronlab::optim::State state_;
};

}  // namespace

NEURONLAB_REGISTER(Adam);
