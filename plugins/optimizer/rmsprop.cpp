// rmsprop: divides each step by a running root-mean-square of recent gradients.
//   g = g + weight_decay · p
//   v = α·v + (1 − α)·g²
//   centered:  m = α·m + (1 − α)·g,  a = √(v − m²) + eps;   otherwise a = √v + eps
//   momentum μ > 0:  b = μ·b + g / a,  p = p − lr·b;        otherwise p = p − lr·g / a
// eps is added outside the root and the momentum buffer starts at zero, as in PyTorch (Keras
// and TensorFlow put eps inside the root). Reference: torch.optim.RMSprop (PyTorch 1.13);
// Hinton, Neural Networks for Machine Learning, lecture 6e; Graves 2013 for the centered form.
#include <neuronlab/sdk/register.hpp>

#include <cfloat>
#include <cmath>

#include "state.hpp"

namespace {

using neuronlab::Tensor;
using neuronlab::optim::flush_subnormal;

class RmsProp final : public neuronlab::Optimizer {
 public:
  static constexpr const char* name = "rmsprop";
  static constexpr const char* summary =
      "Divides each step by a running root-mean-square of that weight's recent gradients";
  static constexpr const char* formula =
      "g += wd*p;  v = alpha*v + (1-alpha)*g^2;  a = sqrt(v - m^2) + eps with "
      "m = alpha*m + (1-alpha)*g if centered, else sqrt(v) + eps;  "
      "b = mu*b + g/a, p -= lr*b  (without momentum: p -= lr*g/a)";
  static constexpr const char* reference = "torch.optim.RMSprop";

  static std::vector<nl_param> schema() {
    using neuronlab::inf;
    return {
        neuronlab::real("learning_rate", 1e-2, 0.0, inf, "step size lr"),
        neuronlab::real("alpha", 0.99, 0.0, 1.0, "smoothing constant of the running averages"),
        neuronlab::real("eps", 1e-8, 0.0, inf, "added to the denominator, outside the root"),
        neuronlab::real("weight_decay", 0.0, 0.0, inf, "L2 penalty added to the gradient"),
        neuronlab::real("momentum", 0.0, 0.0, inf, "momentum factor mu; 0 turns momentum off"),
        neuronlab::flag("centered", false,
                        "normalize by the estimated variance instead of the raw second moment"),
    };
  }

  explicit RmsProp(const neuronlab::Args& args)
      : Optimizer(args.real("learning_rate")),
        alpha_(args.real("alpha")),
        eps_(args.real("eps")),
        weight_decay_(args.real("weight_decay")),
        momentum_(args.real("momentum")),
        centered_(args.flag("centered")),
        // v always; then the running mean of g when centered, the momentum buffer when used.
        state_("rmsprop", 1 + (centered_ ? 1 : 0) + (momentum_ > 0.0 ? 1 : 0)) {}

  void bind(const Tensor* tensors, std::size_t count) override { state_.bind(tensors, count); }

  void step(const Tensor* tensors, std::size_t count) override {
    state_.check(tensors, count);
    const float lr = static_cast<float>(learning_rate());
    const float alpha = static_cast<float>(alpha_);
    const float rest = static_cast<float>(1.0 - alpha_);
    const float eps = static_cast<float>(eps_);
    const float wd = static_cast<float>(weight_decay_);
    const float mu = static_cast<float>(momentum_);
    const float v_floor = centered_ || !(eps > 0.0f) ? 0.0f : FLT_MIN;
    for (std::size_t t = 0; t < count; ++t) {
      const Tensor& x = tensors[t];
      if (x.grad == nullptr) continue;
      state_.advance(t);
      float* v = state_.buffer(t, 0);                                        // running mean of g²
      float* m = centered_ ? state_.buffer(t, 1) : nullptr;                  // running mean of g
      float* b = mu > 0.0f ? state_.buffer(t, centered_ ? 2 : 1) : nullptr;  // momentum
      for (std::size_t i = 0; i < x.size; ++i) {
        const float g = x.grad[i] + wd * x.value[i];
        // v is stored as 0 below FLT_MIN (flush_subnormal, state.hpp) unless centered, where
        // v − m² must stay ≥ 0, or eps is 0.
        v[i] = flush_subnormal(alpha * v[i] + rest * g * g, v_floor);
        float a;
        if (centered_) {
          m[i] = alpha * m[i] + rest * g;
          a = std::sqrt(v[i] - m[i] * m[i]) + eps;
        } else {
          a = std::sqrt(v[i]) + eps;
        }
        if (mu > 0.0f) {
          b[i] = flush_subnormal(mu * b[i] + g / a);
          x.value[i] -= lr * b[i];
        } else {
          x.value[i] -= lr * g / a;
        }
      }
    }
  }

 private:
  double alpha_;
  double eps_;
  double weight_decay_;
  double momentum_;
  bool centered_;
  neuronlab::optim::State state_;
};

}  // namespace

NEURONLAB_REGISTER(RmsProp);
