// categorical_cross_entropy: the loss of class probabilities, one output neuron per class.
// Targets are one-hot rows or soft probabilities, (batch, classes).
//   on probabilities  ℓ_row = −Σ_c t_c · max(log p_c, −100)
//                     ∂ℓ_row/∂p_c = −t_c / max(p_c, 1e-12)
//                     (the clamps of torch.nn.BCELoss: p = 0 gives a finite loss and gradient)
//   fused with softmax, on logits x (p = softmax(x)), by log-sum-exp:
//                     ℓ_row = Σ_c t_c · (lse − x_c),  lse = m + log Σ_j e^(x_j − m),  m = max x
//                     ∂ℓ_row/∂x_c = softmax(x)_c · Σ_j t_j − t_c   (= softmax − t for one-hot t)
//   L = Σ_rows ℓ_row / B: reduction "mean" divides by the batch size B, not by B · classes,
//   as torch.nn.CrossEntropyLoss does; "sum" gives the total.
// The fused form is exact for logits of any size (±1000 included) and needs no clamp.
// Reference: torch.nn.CrossEntropyLoss (on logits, with class-probability targets); on
// probabilities, the same as torch.nn.NLLLoss of the clamped log.
#include <neuronlab/sdk/register.hpp>

#include <algorithm>
#include <cmath>

#include "../vector_math.hpp"
#include "elementwise.hpp"

namespace {

using neuronlab::ConstMatrixView;
using neuronlab::MatrixView;
using neuronlab::loss::clamp_log;
using neuronlab::loss::kEpsilon;

class CategoricalCrossEntropy final : public neuronlab::Loss {
 public:
  static constexpr const char* name = "categorical_cross_entropy";
  static constexpr const char* summary =
      "Categorical cross-entropy: the loss of class probabilities; fuses with a softmax output";
  static constexpr const char* formula =
      "L = -mean over rows of sum_c t_c log p_c, logs clamped to >= -100;  "
      "on softmax logits x: dL/dx = (softmax(x) - t) / batch";
  static constexpr const char* reference = "torch.nn.CrossEntropyLoss";

  static std::vector<nl_param> schema() {
    return {
        neuronlab::loss::reduction("mean: over the batch rows (as CrossEntropyLoss); sum: total")};
  }

  explicit CategoricalCrossEntropy(const neuronlab::Args& args)
      : sum_(args.choice("reduction") == 1) {}

  // On probabilities. p, t: (batch, classes).
  double forward(ConstMatrixView p, ConstMatrixView t) const override {
    neuronlab::loss::check_probabilities(name, "softmax", p);
    double total = 0.0;
    for (std::size_t r = 0; r < p.rows; ++r)
      for (std::size_t c = 0; c < p.cols; ++c)
        total -= t(r, c) * clamp_log(std::log(double(p(r, c))));
    return total * scale(p);
  }

  void backward(ConstMatrixView p, ConstMatrixView t, MatrixView grad) const override {
    neuronlab::loss::check_probabilities(name, "softmax", p);
    const double s = scale(p);
    for (std::size_t r = 0; r < p.rows; ++r)
      for (std::size_t c = 0; c < p.cols; ++c)
        grad(r, c) = static_cast<float>(-s * t(r, c) / std::max(double(p(r, c)), kEpsilon));
  }

  // On logits, fused with softmax. x, t: (batch, classes).
  static constexpr const char* fuses_with = "softmax";

  double forward_logits(ConstMatrixView x, ConstMatrixView t) const override {
    double total = 0.0;
    for (std::size_t r = 0; r < x.rows; ++r) {
      const double lse = neuronlab::vmath::log_sum_exp(x.row(r), x.cols);
      for (std::size_t c = 0; c < x.cols; ++c) total += t(r, c) * (lse - x(r, c));
    }
    return total * scale(x);
  }

  // grad may alias x: each row's log-sum-exp is taken before any of its gradients is written.
  void backward_logits(ConstMatrixView x, ConstMatrixView t, MatrixView grad) const override {
    const double s = scale(x);
    for (std::size_t r = 0; r < x.rows; ++r) {
      double mass = 0.0;
      for (std::size_t c = 0; c < x.cols; ++c) mass += t(r, c);
      neuronlab::vmath::softmax_row(x.row(r), x.cols, [&](std::size_t c, double p) {
        grad(r, c) = static_cast<float>(s * (p * mass - t(r, c)));
      });
    }
  }

 private:
  double scale(ConstMatrixView p) const { return sum_ ? 1.0 : 1.0 / static_cast<double>(p.rows); }

  bool sum_;
};

}  // namespace

NEURONLAB_REGISTER(CategoricalCrossEntropy);
