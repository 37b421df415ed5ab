// The numeric conformance checks every plugin component must pass: determinism, gradients
// against central differences at several magnitudes, finiteness on extreme finite inputs, for
// layer normalizations the bind and backward contracts, and for optimizers descent and
// convergence on a convex quadratic. They run at the defaults and again with each numeric
// parameter moved off its default. The same code checks built-in and third-party components.
#include <neuronlab/sdk/abi.h>
#include <neuronlab/check.hpp>
#include <neuronlab/engine/gradcheck.hpp>
#include <neuronlab/engine/random.hpp>
#include <neuronlab/registry.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace neuronlab {

namespace {

using engine::GradientCheck;
using engine::GradientCheckOptions;

constexpr double kTolerance = 1e-2;  // relative error allowed in float

// A row-major (rows, cols) float matrix owning its storage.
struct Matrix {
  std::size_t rows, cols;
  std::vector<float> data;
  Matrix(std::size_t r, std::size_t c, float fill = 0.0f) : rows(r), cols(c), data(r * c, fill) {}
  MatrixView view() { return {data.data(), rows, cols, cols}; }
  ConstMatrixView cview() const { return {data.data(), rows, cols, cols}; }
  float& at(std::size_t r, std::size_t c) { return data[r * cols + c]; }
  bool finite() const {
    for (float v : data)
      if (!std::isfinite(v)) return false;
    return true;
  }
  bool operator==(const Matrix& o) const {
    return data.size() == o.data.size() &&
           std::memcmp(data.data(), o.data.data(), data.size() * sizeof(float)) == 0;
  }
};

Matrix normal(std::size_t rows, std::size_t cols, double scale, std::uint64_t seed) {
  engine::Random random(seed);
  Matrix m(rows, cols);
  for (float& v : m.data) v = static_cast<float>(random.normal() * scale);
  return m;
}

// Every row a probability distribution bounded away from 0 (softmax of small normals).
Matrix probabilities(std::size_t rows, std::size_t cols, std::uint64_t seed) {
  Matrix m = normal(rows, cols, 0.5, seed);
  for (std::size_t r = 0; r < rows; ++r) {
    double sum = 0;
    for (std::size_t c = 0; c < cols; ++c) sum += std::exp(m.at(r, c));
    for (std::size_t c = 0; c < cols; ++c)
      m.at(r, c) = static_cast<float>(std::exp(m.at(r, c)) / sum);
  }
  return m;
}

// Most kinks sit at 0 (relu, selu, step): keep every input at least `margin` from it, so the
// finite differences never straddle one there.
Matrix away_from_zero(Matrix m, double margin) {
  for (float& v : m.data)
    if (std::fabs(v) < margin) v = static_cast<float>(v < 0 ? v - margin : v + margin);
  return m;
}

Matrix sigmoid_of(Matrix m) {
  for (float& v : m.data) v = static_cast<float>(1.0 / (1.0 + std::exp(-double(v))));
  return m;
}

Matrix one_hot(std::size_t rows, std::size_t cols, std::uint64_t seed) {
  engine::Random random(seed);
  Matrix m(rows, cols);
  for (std::size_t r = 0; r < rows; ++r) m.at(r, random.below(cols)) = 1.0f;
  return m;
}

// One row of extreme but finite values, repeated.
Matrix extremes(std::size_t rows) {
  const float row[] = {-1000.0f, -100.0f, -30.0f, -1e-30f, 0.0f, 1e-30f, 30.0f, 100.0f, 1000.0f};
  const std::size_t cols = sizeof row / sizeof row[0];
  Matrix m(rows, cols);
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t c = 0; c < cols; ++c) m.at(r, c) = r % 2 ? -row[c] : row[c];
  return m;
}

std::string format(const char* pattern, double a, double b = 0, double c = 0) {
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, pattern, a, b, c);
  return buffer;
}

class Report {
 public:
  explicit Report(const ComponentInfo& c, const CheckProgress& progress = {})
      : subject_(std::string(kind_name(c.kind)) + " '" + c.name + "'"), progress_(progress) {}
  // Says what the next check is about to do (a crash in the plugin is reported with it).
  void next(const std::string& what) {
    if (progress_.stage) progress_.stage(subject_ + ": " + what);
  }
  void add(bool passed, const std::string& detail) {
    results_.push_back({passed, subject_, detail});
    if (progress_.result) progress_.result(results_.back());
  }
  void gradient(const std::string& what, const GradientCheck& g) {
    std::string detail = what + ": worst relative error " + format("%.3g", g.worst_relative_error);
    if (g.checked == 0) {
      add(false, what + ": no point could be checked (every one straddled a kink)");
      return;
    }
    if (!g.worst_at.empty())
      detail +=
          " at " + g.worst_at + format(" (analytic %.6g, numeric %.6g)", g.analytic, g.numeric);
    detail += format(", %g values checked", static_cast<double>(g.checked));
    if (g.skipped) detail += format(", %g skipped at kinks", static_cast<double>(g.skipped));
    add(g.worst_relative_error < kTolerance, detail);
  }
  std::vector<CheckResult> take() { return std::move(results_); }

 private:
  std::string subject_;
  CheckProgress progress_;
  std::vector<CheckResult> results_;
};

// The finite-difference step shrinks with the inputs, so that it stays small against them.
const struct {
  const char* name;
  double scale;
  double step;
} kMagnitudes[] = {{"moderate inputs (|x| ~ 1)", 1.0, 1e-2},
                   {"large inputs (|x| ~ 20)", 20.0, 1e-2},
                   {"small inputs (|x| ~ 0.01)", 0.01, 1e-3}};

GradientCheckOptions with_step(double step) {
  GradientCheckOptions options;
  options.step = step;
  return options;
}

void check_activation(const Activation& a, Report& report) {
  report.next("the determinism check");
  Matrix x = normal(4, 7, 3.0, 11), y1(4, 7), y2(4, 7);
  Matrix dy = normal(4, 7, 1.0, 12), dx1(4, 7), dx2(4, 7);
  a.forward(x.cview(), y1.view());
  a.forward(x.cview(), y2.view());
  a.backward(x.cview(), y1.cview(), dy.cview(), dx1.view());
  a.backward(x.cview(), y1.cview(), dy.cview(), dx2.view());
  report.add(y1 == y2 && dx1 == dx2, "determinism: the same input gives bit-identical outputs");

  // The host may split a batch by rows between threads: the halves must give the whole.
  report.next("the row-independence check");
  Matrix ys(4, 7), dxs(4, 7);
  for (std::size_t first : {std::size_t{0}, std::size_t{2}}) {
    const ConstMatrixView xh(x.data.data() + first * 7, 2, 7, 7);
    const MatrixView yh{ys.data.data() + first * 7, 2, 7, 7};
    a.forward(xh, yh);
    a.backward(xh, yh, ConstMatrixView(dy.data.data() + first * 7, 2, 7, 7),
               MatrixView{dxs.data.data() + first * 7, 2, 7, 7});
  }
  report.add(ys == y1 && dxs == dx1,
             "rows are independent: a batch computed in two halves equals the whole");

  for (const auto& m : kMagnitudes) {
    Matrix xs = away_from_zero(normal(4, 7, m.scale, 13), 3 * m.step);
    report.next(std::string("the gradient check at ") + m.name);
    report.gradient(std::string("gradient at ") + m.name,
                    engine::check_activation_gradient(a, xs.cview(), with_step(m.step)));
  }

  report.next("the check at extreme inputs");
  Matrix e = extremes(2), ey(e.rows, e.cols), edy(e.rows, e.cols, 1.0f), edx(e.rows, e.cols);
  a.forward(e.cview(), ey.view());
  a.backward(e.cview(), ey.cview(), edy.cview(), edx.view());
  report.add(ey.finite() && edx.finite(),
             "finite values and gradients at inputs from -1000 to 1000");
}

void check_loss(const Loss& loss, Report& report) {
  report.next("the determinism check");
  const char* fused = loss.fused_activation();
  const std::string partner = fused ? fused : "";
  const std::size_t rows = 5, cols = 4;
  // The prediction's domain follows the activation the loss pairs with: probabilities (rows
  // summing to one, or each in (0, 1)) against 0/1 targets, otherwise any real numbers.
  Matrix prediction = partner == "softmax"   ? probabilities(rows, cols, 21)
                      : partner == "sigmoid" ? sigmoid_of(normal(rows, cols, 1.0, 21))
                                             : normal(rows, cols, 1.5, 21);
  Matrix target = fused ? one_hot(rows, cols, 22) : normal(rows, cols, 1.5, 22);

  Matrix g1(rows, cols), g2(rows, cols);
  double v1 = loss.forward(prediction.cview(), target.cview());
  double v2 = loss.forward(prediction.cview(), target.cview());
  loss.backward(prediction.cview(), target.cview(), g1.view());
  loss.backward(prediction.cview(), target.cview(), g2.view());
  report.add(v1 == v2 && g1 == g2, "determinism: the same input gives bit-identical outputs");

  report.next("the gradient check");
  report.gradient(
      "gradient with respect to the prediction",
      engine::check_loss_gradient(loss, prediction.cview(), target.cview(), with_step(1e-3)));

  // Extremes: the edges of the probability range, or large magnitudes.
  Matrix edge(rows, cols), eg(rows, cols);
  for (std::size_t i = 0; i < edge.data.size(); ++i)
    edge.data[i] = fused ? static_cast<float>(i % 2) : (i % 2 ? 1000.0f : -1000.0f);
  Matrix edge_target = fused ? one_hot(rows, cols, 23) : normal(rows, cols, 1000.0, 23);
  double ev = loss.forward(edge.cview(), edge_target.cview());
  loss.backward(edge.cview(), edge_target.cview(), eg.view());
  report.add(std::isfinite(ev) && eg.finite(),
             fused ? "finite value and gradient at predictions of exactly 0 and 1"
                   : "finite value and gradient at predictions and targets of ±1000");

  if (!fused) return;
  for (const auto& m : kMagnitudes) {
    Matrix logits = normal(rows, cols, m.scale, 24);
    report.gradient(
        "fused with " + partner + ": gradient at " + m.name,
        engine::check_fused_loss_gradient(loss, logits.cview(), target.cview(), with_step(m.step)));
  }
  Matrix logits = extremes(rows), lg(rows, logits.cols);
  Matrix lt = one_hot(rows, logits.cols, 25);
  double lv = loss.forward_logits(logits.cview(), lt.cview());
  loss.backward_logits(logits.cview(), lt.cview(), lg.view());
  report.add(std::isfinite(lv) && lg.finite(),
             "fused with " + partner + ": finite value and gradient at logits of ±1000");
}

// Copies every state tensor of `from` into `to`, which must be bound to the same shape.
bool copy_state(Normalization& from, Normalization& to) {
  if (from.state_count() != to.state_count()) return false;
  for (std::size_t i = 0; i < from.state_count(); ++i) {
    const Tensor source = from.state(i), target = to.state(i);
    if (source.size != target.size || std::strcmp(source.name, target.name) != 0) return false;
    std::copy(source.value, source.value + source.size, target.value);
  }
  return true;
}

// Every parameter set away from its identity start, so that a backward or a restore that
// ignores one shows.
void perturb_parameters(Normalization& n, std::uint64_t seed) {
  engine::Random random(seed);
  for (std::size_t i = 0; i < n.parameter_count(); ++i) {
    const Tensor t = n.parameter(i);
    for (std::size_t k = 0; k < t.size; ++k)
      t.value[k] = static_cast<float>(random.uniform(0.5, 1.5));
  }
}

std::vector<std::vector<float>> gradients_of(Normalization& n) {
  std::vector<std::vector<float>> out;
  for (std::size_t i = 0; i < n.parameter_count(); ++i) {
    const Tensor t = n.parameter(i);
    out.emplace_back(t.grad, t.grad + t.size);
  }
  return out;
}

// The first element where two sets of gradients differ, as "weight[2] from 1.5 to 3", or "".
std::string first_difference(Normalization& n, const std::vector<std::vector<float>>& before,
                             const std::vector<std::vector<float>>& after) {
  for (std::size_t i = 0; i < before.size() && i < after.size(); ++i)
    for (std::size_t k = 0; k < before[i].size() && k < after[i].size(); ++k)
      if (std::memcmp(&before[i][k], &after[i][k], sizeof(float)) != 0)
        return std::string(n.parameter(i).name) + "[" + std::to_string(k) + "]" +
               format(" from %.6g to %.6g", before[i][k], after[i][k]);
  return "";
}

// backward overwrites the parameters' gradients: a second call after the same forward must
// give the same gradients and the same dx.
void check_backward_overwrites(Normalization& n, Report& report) {
  Matrix x = normal(6, 5, 1.5, 35), y(6, 5), dy = normal(6, 5, 1.0, 36), dx1(6, 5), dx2(6, 5);
  n.bind(5, 6);
  perturb_parameters(n, 37);
  n.forward(x.cview(), y.view(), true);
  n.backward(dy.cview(), dx1.view());
  const auto first = gradients_of(n);
  n.backward(dy.cview(), dx2.view());
  const std::string changed = first_difference(n, first, gradients_of(n));
  const std::string what = "backward overwrites the parameter gradients: ";
  if (!changed.empty())
    report.add(false, what + "a second backward after one forward changed " + changed +
                          " (backward must overwrite parameter(i).grad, not add to it)");
  else if (!(dx1 == dx2))
    report.add(false, what + "a second backward after one forward gave a different dx");
  else
    report.add(true, what + "a second backward after one forward gives the same gradients and dx");
}

// What the host does when the batch grows: keep parameters and state, bind again, copy them
// back. The rebound object must then compute exactly as a fresh one given the same values.
void check_bind_again(Normalization& n, Normalization& fresh, Report& report) {
  const std::string what = "bind again: ";
  Matrix x = normal(6, 5, 1.5, 38), y(6, 5), dy = normal(6, 5, 1.0, 39);
  n.bind(5, 6);
  perturb_parameters(n, 40);
  n.forward(x.cview(), y.view(), true);  // moves running statistics, if it keeps any
  std::vector<std::vector<float>> kept;
  std::vector<std::pair<std::string, std::size_t>> shape;
  auto tensors = [](Normalization& m) {
    std::vector<Tensor> out;
    for (std::size_t i = 0; i < m.parameter_count(); ++i) out.push_back(m.parameter(i));
    for (std::size_t i = 0; i < m.state_count(); ++i) out.push_back(m.state(i));
    return out;
  };
  for (const Tensor& t : tensors(n)) {
    kept.emplace_back(t.value, t.value + t.size);
    shape.emplace_back(t.name, t.size);
  }
  n.bind(5, 9);
  fresh.bind(5, 9);
  for (Normalization* m : {&n, &fresh}) {
    const std::vector<Tensor> now = tensors(*m);
    if (now.size() != kept.size()) {
      report.add(false, what + format("%g parameter and state tensors after it, %g before",
                                      double(now.size()), double(kept.size())));
      return;
    }
    for (std::size_t i = 0; i < now.size(); ++i) {
      if (shape[i].first != now[i].name || shape[i].second != now[i].size) {
        report.add(false, what + "tensor " + std::to_string(i) + " is '" + now[i].name + "' of " +
                              std::to_string(now[i].size) + " after it, '" + shape[i].first +
                              "' of " + std::to_string(shape[i].second) + " before");
        return;
      }
      std::copy(kept[i].begin(), kept[i].end(), now[i].value);
    }
  }
  // The same calls on both: evaluation, then a training step with its backward.
  Matrix x9 = normal(9, 5, 1.5, 41), dy9 = normal(9, 5, 1.0, 42);
  Matrix ye[2] = {Matrix(9, 5), Matrix(9, 5)}, yt[2] = {Matrix(9, 5), Matrix(9, 5)};
  Matrix dx[2] = {Matrix(9, 5), Matrix(9, 5)};
  std::vector<std::vector<float>> grads[2];
  Normalization* both[2] = {&n, &fresh};
  for (int k = 0; k < 2; ++k) {
    both[k]->forward(x9.cview(), ye[k].view(), false);
    both[k]->forward(x9.cview(), yt[k].view(), true);
    both[k]->backward(dy9.cview(), dx[k].view());
    grads[k] = gradients_of(*both[k]);
  }
  const bool same = ye[0] == ye[1] && yt[0] == yt[1] && dx[0] == dx[1] && grads[0] == grads[1];
  report.add(same, what + (same ? "rebound with a larger batch and given back its parameters and "
                                  "state, it computes exactly as a fresh instance given the same"
                                : "rebound with a larger batch and given back its parameters and "
                                  "state, its outputs or gradients differ from a fresh instance "
                                  "given the same"));
}

void check_normalization(Normalization& n, std::uint32_t usage, Report& report,
                         const std::function<std::shared_ptr<Normalization>()>& fresh) {
  if (usage & NL_USAGE_DATA) {
    Matrix x = normal(20, 3, 4.0, 31);
    for (std::size_t r = 0; r < x.rows; ++r) x.at(r, 2) = 7.0f;  // a constant column
    Matrix y1(20, 3), y2(20, 3), y3(20, 3);
    n.fit(x.cview());
    n.transform(x.cview(), y1.view());
    n.transform(x.cview(), y2.view());
    report.add(y1 == y2, "determinism: transforming the same data twice gives the same result");
    report.add(y1.finite(), "data usage: finite output, including a constant column");
    // What a saved model does: bind a new instance, restore the state, transform.
    auto restored = fresh();
    restored->bind(x.cols, 0);
    const bool copied = copy_state(n, *restored);
    if (copied) restored->transform(x.cview(), y3.view());
    report.add(copied && y3 == y1,
               "saved state: bind, then the fitted state(i) copied in, transforms as the fitted "
               "instance does");
  }
  if (usage & NL_USAGE_LAYER) {
    for (const auto& m : kMagnitudes) {
      Matrix xs = away_from_zero(normal(6, 5, m.scale, 33), 3 * m.step);
      report.gradient(std::string("gradient (input and parameters) at ") + m.name,
                      engine::check_normalization_gradient(n, xs.cview(), with_step(m.step)));
    }
    Matrix x = normal(6, 5, 2.0, 34), y1(6, 5), y2(6, 5);
    n.bind(5, 6);
    n.forward(x.cview(), y1.view(), true);
    n.forward(x.cview(), y2.view(), true);
    report.add(y1 == y2, "determinism: the same batch gives bit-identical outputs");
    Matrix e = extremes(4), ey(e.rows, e.cols), edy(e.rows, e.cols, 1.0f), edx(e.rows, e.cols);
    n.bind(e.cols, e.rows);
    n.forward(e.cview(), ey.view(), true);
    n.backward(edy.cview(), edx.view());
    report.add(ey.finite() && edx.finite(),
               "finite values and gradients at inputs from -1000 to 1000");
    check_backward_overwrites(n, report);
    check_bind_again(n, *fresh(), report);
  }
}

// f(w) = ½ Σ a_i (w_i − c_i)², over two tensors, from a fixed start.
struct Quadratic {
  std::vector<float> a, c, w, g;
  explicit Quadratic(std::size_t n) : a(n), c(n), w(n), g(n) {
    engine::Random random(41);
    for (std::size_t i = 0; i < n; ++i) {
      a[i] = static_cast<float>(random.uniform(0.5, 2.0));
      c[i] = static_cast<float>(random.normal());
      w[i] = static_cast<float>(c[i] + random.normal(0.0, 2.0));
    }
  }
  double value() const {
    double f = 0;
    for (std::size_t i = 0; i < w.size(); ++i) f += 0.5 * a[i] * (w[i] - c[i]) * (w[i] - c[i]);
    return f;
  }
  void gradient() {
    for (std::size_t i = 0; i < w.size(); ++i) g[i] = a[i] * (w[i] - c[i]);
  }
};

// Runs `steps` steps from the quadratic's start at a fixed rate; returns f at the end and the
// first step taken.
double descend(const Registry& registry, const ComponentInfo& info,
               const std::vector<double>& values, double rate, int steps,
               std::vector<float>& first_step) {
  auto optimizer = registry.create<Optimizer>(info, values);
  optimizer->set_learning_rate(rate);
  Quadratic q(8);
  Tensor tensors[2] = {{"weight", q.w.data(), q.g.data(), 5},
                       {"bias", q.w.data() + 5, q.g.data() + 5, 3}};
  optimizer->bind(tensors, 2);
  const std::vector<float> start = q.w;
  for (int t = 0; t < steps; ++t) {
    q.gradient();
    optimizer->step(tensors, 2);
    if (t == 0)
      for (std::size_t i = 0; i < q.w.size(); ++i) first_step.push_back(q.w[i] - start[i]);
  }
  return q.value();
}

void check_optimizer(const Registry& registry, const ComponentInfo& info,
                     const std::vector<double>& values, Report& report) {
  constexpr int kSteps = 2000;
  std::vector<float> step1, step2;
  const double final1 = descend(registry, info, values, 0.05, kSteps, step1);
  const double final2 = descend(registry, info, values, 0.05, kSteps, step2);
  report.add(step1 == step2 && final1 == final2,
             "determinism: two fresh instances follow bit-identical trajectories");

  Quadratic start(8);
  start.gradient();
  double along = 0;
  for (std::size_t i = 0; i < start.g.size(); ++i) along += start.g[i] * step1[i];
  report.add(along < 0,
             format("descent: the first step moves against the gradient (g·Δw = %.3g)", along));

  // Adaptive methods differ in how fast they settle at a given rate (Adagrad's steps shrink,
  // RMSprop's stay large), so the better of two rates counts.
  std::vector<float> unused;
  const double final_large = descend(registry, info, values, 0.5, kSteps, unused);
  const double best = std::min(final1, final_large);
  const double start_value = start.value();
  report.add(best < 1e-3 * start_value,
             format("convergence on a convex quadratic: f went from %.4g to %.3g in 2000 steps at "
                    "learning rate %g (the better of 0.05 and 0.5)",
                    start_value, best, final1 <= final_large ? 0.05 : 0.5));
}

// Every check of the component's kind, on objects created with `values`.
void run_checks(const Registry& registry, const ComponentInfo& info,
                const std::vector<double>& values, Report& report) {
  switch (info.kind) {
    case Kind::activation:
      check_activation(*registry.create<Activation>(info, values), report);
      break;
    case Kind::loss:
      check_loss(*registry.create<Loss>(info, values), report);
      break;
    case Kind::normalization:
      report.next("the normalization checks");
      check_normalization(*registry.create<Normalization>(info, values), info.usage, report,
                          [&] { return registry.create<Normalization>(info, values); });
      break;
    case Kind::optimizer:
      report.next("the optimizer checks");
      check_optimizer(registry, info, values, report);
      break;
  }
}

bool inside(const ParamInfo& p, double v) {
  return std::isfinite(v) && (p.min_open ? v > p.min_value : v >= p.min_value) &&
         (p.max_open ? v < p.max_value : v <= p.max_value);
}

// A value inside the range and off the default: the default ± 1 for integers; a quarter of
// the way to the farther bound of a bounded range; otherwise the default doubled (or moved by
// 0.01 from 0) towards the unbounded side.
std::optional<double> non_default(const ParamInfo& p) {
  const double d = p.default_value;
  double v;
  if (p.type == ParamType::integer)
    v = inside(p, d + 1) ? d + 1 : d - 1;
  else if (std::isfinite(p.min_value) && std::isfinite(p.max_value))
    v = p.max_value - d >= d - p.min_value ? d + (p.max_value - d) / 4 : d - (d - p.min_value) / 4;
  else if (std::isinf(p.max_value))
    v = d + (d != 0 ? std::fabs(d) : 0.01);
  else
    v = d - (d != 0 ? std::fabs(d) : 0.01);
  if (!inside(p, v) || v == d) return std::nullopt;
  return v;
}

}  // namespace

std::vector<CheckResult> check_component(const Registry& registry, const ComponentInfo& info,
                                         const CheckProgress& progress) {
  Report report(info, progress);
  const std::vector<double> defaults = registry.resolve(info, {});
  try {
    run_checks(registry, info, defaults, report);
  } catch (const std::exception& e) {
    report.add(false, std::string("threw during the checks: ") + e.what());
  }

  // The same checks with each numeric parameter off its default (the others at theirs), as
  // one result per parameter: the first failure, or how many passed.
  for (std::size_t i = 0; i < info.params.size(); ++i) {
    const ParamInfo& p = info.params[i];
    if (p.type != ParamType::real && p.type != ParamType::integer) continue;
    const std::string at = "with " + p.name + " = ";
    const std::optional<double> value = non_default(p);
    if (!value) {
      report.add(false, at + "?: no value inside " + p.range_text() + " other than the default " +
                            p.format_value(p.default_value) + " to check it at");
      continue;
    }
    std::vector<double> values = defaults;
    values[i] = *value;
    const std::string label =
        at + p.format_value(*value) + " (default " + p.format_value(p.default_value) + "): ";
    report.next("the checks " + label.substr(0, label.size() - 2));
    Report sub(info);
    try {
      run_checks(registry, info, values, sub);
    } catch (const ParameterError& e) {
      report.add(true, label +
                           "refused as a user's mistake with the other parameters at their "
                           "defaults, so not checked there: " +
                           e.what());
      continue;
    } catch (const std::exception& e) {
      sub.add(false, std::string("threw during the checks: ") + e.what());
    }
    const std::vector<CheckResult> results = sub.take();
    auto failed = std::find_if(results.begin(), results.end(),
                               [](const CheckResult& r) { return !r.passed; });
    if (failed != results.end())
      report.add(false, label + failed->detail);
    else
      report.add(true, label + "the same " + std::to_string(results.size()) + " checks pass");
  }
  return report.take();
}

}  // namespace neuronlab
