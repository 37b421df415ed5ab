// nadam: adam with Nesterov momentum and a warming-up momentum schedule.
//   g = g + weight_decay · p
//   μₜ = β1 · (1 − ½ · 0.96^(t · momentum_decay)),   Πₜ = μ₁ · … · μₜ
//   m = β1·m + (1 − β1)·g,   v = β2·v + (1 − β2)·g²
//   d = √(v / (1 − β2ᵗ)) + eps
//   p = p − lr · (1 − μₜ) / (1 − Πₜ) · g / d − lr · μₜ₊₁ / (1 − Πₜ·μₜ₊₁) · m / d
// PyTorch's `betas=(β1, β2)` tuple is the two parameters beta1 and beta2 here.
// Reference: torch.optim.NAdam; Dozat, ICLR 2016 workshop. The second coefficient uses
// Πₜ·μₜ₊₁ as in the paper, PyTorch ≥ 2.0 and PyTorch 1.13's foreach path; PyTorch 1.13's
// default single-tensor path multiplies by μₜ once more (fixed in pytorch/pytorch#92699).
#include <neuronlab/sdk/register.hpp>

#include <cfloat>
#include <cmath>

#include "state.hpp"

namespace {

using neuronlab::Tensor;
using neuronlab::optim::flush_subnormal;

class NAdam final : public neuronlab::Optimizer {
 public:
  static constexpr const char* name = "nadam";
  static constexpr const char* summary =
      "Adam with Nesterov momentum: looks one momentum step ahead";
  static constexpr const char* formula =
      "mu_t = b1*(1 - 0.5*0.96^(t*momentum_decay)), P_t = mu_1*...*mu_t;  "
      "m = b1*m + (1-b1)*g;  v = b2*v + (1-b2)*g^2;  d = sqrt(v/(1-b2^t)) + eps;  "
      "p -= lr*(1-mu_t)/(1-P_t) * g/d + lr*mu_{t+1}/(1-P_t*mu_{t+1}) * m/d";
  static constexpr const char* reference = "torch.optim.NAdam";

  static std::vector<nl_param> schema() {
    using neuronlab::inf;
    return {
        neuronlab::real("learning_rate", 2e-3, 0.0, inf, "step size lr"),
        neuronlab::real("beta1", 0.9, 0.0, 1.0, "decay of the first moment (PyTorch betas[0])",
                        false, true),
        neuronlab::real("beta2", 0.999, 0.0, 1.0, "decay of the second moment (PyTorch betas[1])",
                        false, true),
        neuronlab::real("eps", 1e-8, 0.0, inf, "added to the denominator, outside the root"),
        neuronlab::real("weight_decay", 0.0, 0.0, inf, "L2 penalty added to the gradient"),
        neuronlab::real("momentum_decay", 4e-3, 0.0, inf,
                        "speed at which the momentum schedule mu_t warms up to beta1"),
    };
  }

  explicit NAdam(const neuronlab::Args& args)
      : Optimizer(args.real("learning_rate")),
        beta1_(args.real("beta1")),
        beta2_(args.real("beta2")),
        eps_(args.real("eps")),
        weight_decay_(args.real("weight_decay")),
        momentum_decay_(args.real("momentum_decay")) {}

  void bind(const Tensor* tensors, std::size_t count) override {
    state_.bind(tensors, count);
    mu_product_.assign(count, 1.0);
  }

  void step(const Tensor* tensors, std::size_t count) override {
    state_.check(tensors, count);
    const float b1 = static_cast<float>(beta1_), rest1 = static_cast<float>(1.0 - beta1_);
    const float b2 = static_cast<float>(beta2_), rest2 = static_cast<float>(1.0 - beta2_);
    const float eps = static_cast<float>(eps_);
    const float v_floor = eps > 0.0f ? FLT_MIN : 0.0f;  // flush_subnormal (state.hpp)
    const float wd = static_cast<float>(weight_decay_);
    for (std::size_t t = 0; t < count; ++t) {
      const Tensor& x = tensors[t];
      if (x.grad == nullptr) continue;
      const double step = double(state_.advance(t));
      const double mu = momentum(step), mu_next = momentum(step + 1.0);
      mu_product_[t] *= mu;
      const double lr = learning_rate();
      const float grad_size = static_cast<float>(lr * (1.0 - mu) / (1.0 - mu_product_[t]));
      const float avg_size = static_cast<float>(lr * mu_next / (1.0 - mu_product_[t] * mu_next));
      const float bc2 = static_cast<float>(1.0 - beta2_t_.at(step));
      float* m = state_.buffer(t, 0);
      float* v = state_.buffer(t, 1);
      for (std::size_t i = 0; i < x.size; ++i) {
        const float g = x.grad[i] + wd * x.value[i];
        m[i] = flush_subnormal(b1 * m[i] + rest1 * g);
        v[i] = flush_subnormal(b2 * v[i] + rest2 * g * g, v_floor);
        const float d = std::sqrt(v[i] / bc2) + eps;
        x.value[i] -= grad_size * g / d;
        x.value[i] -= avg_size * m[i] / d;
      }
    }
  }

 private:
  double momentum(double step) const {
    return beta1_ * (1.0 - 0.5 * std::pow(0.96, step * momentum_decay_));
  }

  double beta1_;
  double beta2_;
  double eps_;
  double weight_decay_;
  double momentum_decay_;
  std::vector<double> mu_product_;  // Πₜ per tensor
  neuronlab::optim::State state_{"nadam", 2};
  neuronlab::optim::DecayingPower beta2_t_{beta2_};
};

}  // namespace

NEURONLAB_REGISTER(NAdam);
