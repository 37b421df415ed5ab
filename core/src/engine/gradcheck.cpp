// One numeric gradient checker for activations, losses, normalizations and whole networks.
//
// For every value v (an input or a parameter) with analytic gradient a:
//   L± = L(v ± h) with the float arguments v± = float(v ± h); likewise at ± h/2
//   D(h) = (L+ − L−) / (v+ − v−)                            central difference
//   numeric n = (4·D(h/2) − D(h)) / 3                        Richardson extrapolation
//   plus = (L+ − L0) / (v+ − v),  minus = (L0 − L−) / (v − v−)   one-sided slopes
//   error = |a − n| / max(|a|, |n|, floor)
// If the one-sided slopes differ by more than half the larger one, v sits at a kink (relu at
// 0, mae at p = y) or at a turning point of L; there any a between the two slopes is right, so
// the error is only how far a lies outside [min(plus, minus), max(plus, minus)], scaled the same
// way, and the value is counted in `skipped`.
#include <neuronlab/engine/gradcheck.hpp>
#include <neuronlab/engine/random.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace neuronlab::engine {

namespace {

std::string index_name(const std::string& tensor, std::size_t r, std::size_t c) {
  return tensor + "[" + std::to_string(r) + "][" + std::to_string(c) + "]";
}

class Checker {
 public:
  explicit Checker(const GradientCheckOptions& options) : options_(options) {}

  // slot holds v; evaluate() computes L from the current slot value; base is L(v).
  template <class Evaluate>
  void check(float& slot, double analytic, double base, Evaluate&& evaluate,
             const std::string& where) {
    const float original = slot;
    // L at v ± step and v ± step/2, with the float arguments actually used.
    double l[4];
    float args[4];
    const double offsets[4] = {options_.step, -options_.step, options_.step / 2,
                               -options_.step / 2};
    for (int i = 0; i < 4; ++i) {
      args[i] = static_cast<float>(double(original) + offsets[i]);
      slot = args[i];
      l[i] = evaluate();
    }
    slot = original;
    const double wide = (l[0] - l[1]) / (double(args[0]) - double(args[1]));
    const double narrow = (l[2] - l[3]) / (double(args[2]) - double(args[3]));
    // Richardson extrapolation: the step² error terms of the two central differences cancel.
    const double numeric = (4.0 * narrow - wide) / 3.0;
    const double plus = (l[0] - base) / (double(args[0]) - double(original));
    const double minus = (base - l[1]) / (double(original) - double(args[1]));
    const double scale = std::max({std::fabs(analytic), std::fabs(numeric), options_.floor});
    double error;
    if (std::fabs(plus - minus) > 0.5 * std::max(std::fabs(plus), std::fabs(minus))) {
      const double low = std::min(plus, minus), high = std::max(plus, minus);
      const double outside = analytic < low    ? low - analytic
                             : analytic > high ? analytic - high
                                               : 0.0;
      error = outside / scale;
      ++result_.skipped;
    } else {
      error = std::fabs(analytic - numeric) / scale;
    }
    if (!std::isfinite(error)) error = std::numeric_limits<double>::infinity();
    ++result_.checked;
    if (error > result_.worst_relative_error || result_.worst_at.empty()) {
      result_.worst_relative_error = std::max(error, result_.worst_relative_error);
      result_.worst_at = where;
      result_.analytic = analytic;
      result_.numeric = numeric;
    }
  }

  GradientCheck result() const { return result_; }

 private:
  GradientCheckOptions options_;
  GradientCheck result_;
};

std::vector<float> copy(ConstMatrixView m) {
  std::vector<float> out(m.rows * m.cols);
  for (std::size_t r = 0; r < m.rows; ++r)
    std::copy(m.row(r), m.row(r) + m.cols, out.begin() + r * m.cols);
  return out;
}

std::vector<float> random_weights(std::size_t size, std::uint64_t seed) {
  Random random(seed);
  std::vector<float> out(size);
  for (float& v : out) v = static_cast<float>(random.uniform(-1.0, 1.0));
  return out;
}

double dot(const std::vector<float>& a, const std::vector<float>& b) {
  double sum = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += double(a[i]) * double(b[i]);
  return sum;
}

}  // namespace

GradientCheck check_activation_gradient(const Activation& activation, ConstMatrixView x,
                                        const GradientCheckOptions& options) {
  const std::size_t rows = x.rows, cols = x.cols;
  std::vector<float> input = copy(x), y(rows * cols), dx(rows * cols);
  const std::vector<float> dy = random_weights(rows * cols, options.seed);
  const ConstMatrixView in(input.data(), rows, cols, cols);
  const MatrixView out{y.data(), rows, cols, cols};
  activation.forward(in, out);
  activation.backward(in, out, ConstMatrixView(dy.data(), rows, cols, cols),
                      MatrixView{dx.data(), rows, cols, cols});
  const double base = dot(dy, y);
  auto evaluate = [&] {
    activation.forward(in, out);
    return dot(dy, y);
  };
  Checker checker(options);
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t c = 0; c < cols; ++c)
      checker.check(input[r * cols + c], dx[r * cols + c], base, evaluate, index_name("x", r, c));
  return checker.result();
}

namespace {

template <class Forward, class Backward>
GradientCheck check_scalar(ConstMatrixView prediction, ConstMatrixView target, Forward forward,
                           Backward backward, const char* name,
                           const GradientCheckOptions& options) {
  const std::size_t rows = prediction.rows, cols = prediction.cols;
  std::vector<float> p = copy(prediction), grad(rows * cols);
  const ConstMatrixView in(p.data(), rows, cols, cols);
  backward(in, target, MatrixView{grad.data(), rows, cols, cols});
  const double base = forward(in, target);
  Checker checker(options);
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t c = 0; c < cols; ++c)
      checker.check(
          p[r * cols + c], grad[r * cols + c], base, [&] { return forward(in, target); },
          index_name(name, r, c));
  return checker.result();
}

}  // namespace

GradientCheck check_loss_gradient(const Loss& loss, ConstMatrixView prediction,
                                  ConstMatrixView target, const GradientCheckOptions& options) {
  return check_scalar(
      prediction, target, [&](ConstMatrixView p, ConstMatrixView t) { return loss.forward(p, t); },
      [&](ConstMatrixView p, ConstMatrixView t, MatrixView g) { loss.backward(p, t, g); },
      "prediction", options);
}

GradientCheck check_fused_loss_gradient(const Loss& loss, ConstMatrixView logits,
                                        ConstMatrixView target,
                                        const GradientCheckOptions& options) {
  return check_scalar(
      logits, target,
      [&](ConstMatrixView p, ConstMatrixView t) { return loss.forward_logits(p, t); },
      [&](ConstMatrixView p, ConstMatrixView t, MatrixView g) { loss.backward_logits(p, t, g); },
      "logits", options);
}

GradientCheck check_normalization_gradient(Normalization& normalization, ConstMatrixView x,
                                           const GradientCheckOptions& options) {
  const std::size_t rows = x.rows, cols = x.cols;
  normalization.bind(cols, rows);
  // Parameters away from their identity start, so that a backward that ignores them fails.
  Random random(options.seed + 1);
  for (std::size_t i = 0; i < normalization.parameter_count(); ++i) {
    const Tensor t = normalization.parameter(i);
    for (std::size_t k = 0; k < t.size; ++k)
      t.value[k] = static_cast<float>(random.uniform(0.5, 1.5));
  }
  std::vector<float> input = copy(x), y(rows * cols), dx(rows * cols);
  const std::vector<float> dy = random_weights(rows * cols, options.seed);
  const ConstMatrixView in(input.data(), rows, cols, cols);
  const MatrixView out{y.data(), rows, cols, cols};
  normalization.forward(in, out, true);
  normalization.backward(ConstMatrixView(dy.data(), rows, cols, cols),
                         MatrixView{dx.data(), rows, cols, cols});
  std::vector<std::vector<float>> parameter_grads;
  for (std::size_t i = 0; i < normalization.parameter_count(); ++i) {
    const Tensor t = normalization.parameter(i);
    parameter_grads.emplace_back(t.grad, t.grad + t.size);
  }
  const double base = dot(dy, y);
  auto evaluate = [&] {
    normalization.forward(in, out, true);
    return dot(dy, y);
  };
  Checker checker(options);
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t c = 0; c < cols; ++c)
      checker.check(input[r * cols + c], dx[r * cols + c], base, evaluate, index_name("x", r, c));
  for (std::size_t i = 0; i < normalization.parameter_count(); ++i) {
    const Tensor t = normalization.parameter(i);
    for (std::size_t k = 0; k < t.size; ++k)
      checker.check(t.value[k], parameter_grads[i][k], base, evaluate,
                    std::string(t.name) + "[" + std::to_string(k) + "]");
  }
  return checker.result();
}

GradientCheck check_network_gradients(Network& network, const Loss& loss, ConstMatrixView x,
                                      ConstMatrixView target, const GradientCheckOptions& options) {
  // Training-mode passes move running statistics; they are put back at the end.
  std::vector<std::vector<float>> kept;
  for (std::size_t l = 0; l < network.layer_count(); ++l)
    if (Normalization* norm = network.normalization(l))
      for (std::size_t i = 0; i < norm->state_count(); ++i) {
        const Tensor t = norm->state(i);
        kept.emplace_back(t.value, t.value + t.size);
      }

  network.forward(x, true);
  const double base = network.backward(loss, target);
  const std::vector<Tensor> tensors = network.parameters();
  std::vector<std::vector<float>> grads;
  for (const Tensor& t : tensors) grads.emplace_back(t.grad, t.grad + t.size);
  auto evaluate = [&] {
    network.forward(x, true);
    return network.loss(loss, target);
  };
  Checker checker(options);
  for (std::size_t k = 0; k < tensors.size(); ++k) {
    const Tensor& t = tensors[k];
    for (std::size_t i = 0; i < t.size; ++i)
      checker.check(t.value[i], grads[k][i], base, evaluate,
                    std::string(t.name) + "[" + std::to_string(i) + "]");
  }

  std::size_t k = 0;
  for (std::size_t l = 0; l < network.layer_count(); ++l)
    if (Normalization* norm = network.normalization(l))
      for (std::size_t i = 0; i < norm->state_count(); ++i, ++k)
        std::copy(kept[k].begin(), kept[k].end(), norm->state(i).value);
  return checker.result();
}

}  // namespace neuronlab::engine
