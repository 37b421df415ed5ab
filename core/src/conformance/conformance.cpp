// The numeric conformance checks every plugin component must pass: determinism, gradients
// against central differences at several magnitudes, finiteness on extreme finite inputs, and
// for optimizers descent and convergence on a convex quadratic. The same code checks built-in
// and third-party components.
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
  explicit Report(const ComponentInfo& c)
      : subject_(std::string(kind_name(c.kind)) + " '" + c.name + "'") {}
  void add(bool passed, const std::string& detail) {
    results_.push_back({passed, subject_, detail});
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
  Matrix x = normal(4, 7, 3.0, 11), y1(4, 7), y2(4, 7);
  Matrix dy = normal(4, 7, 1.0, 12), dx1(4, 7), dx2(4, 7);
  a.forward(x.cview(), y1.view());
  a.forward(x.cview(), y2.view());
  a.backward(x.cview(), y1.cview(), dy.cview(), dx1.view());
  a.backward(x.cview(), y1.cview(), dy.cview(), dx2.view());
  report.add(y1 == y2 && dx1 == dx2, "determinism: the same input gives bit-identical outputs");

  // The host may split a batch by rows between threads: the halves must give the whole.
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
    report.gradient(std::string("gradient at ") + m.name,
                    engine::check_activation_gradient(a, xs.cview(), with_step(m.step)));
  }

  Matrix e = extremes(2), ey(e.rows, e.cols), edy(e.rows, e.cols, 1.0f), edx(e.rows, e.cols);
  a.forward(e.cview(), ey.view());
  a.backward(e.cview(), ey.cview(), edy.cview(), edx.view());
  report.add(ey.finite() && edx.finite(),
             "finite values and gradients at inputs from -1000 to 1000");
}

void check_loss(const Loss& loss, Report& report) {
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
double descend(const Registry& registry, const ComponentInfo& info, double rate, int steps,
               std::vector<float>& first_step) {
  auto optimizer = registry.create<Optimizer>(info, registry.resolve(info, {}));
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

void check_optimizer(const Registry& registry, const ComponentInfo& info, Report& report) {
  constexpr int kSteps = 2000;
  std::vector<float> step1, step2;
  const double final1 = descend(registry, info, 0.05, kSteps, step1);
  const double final2 = descend(registry, info, 0.05, kSteps, step2);
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
  const double final_large = descend(registry, info, 0.5, kSteps, unused);
  const double best = std::min(final1, final_large);
  const double start_value = start.value();
  report.add(best < 1e-3 * start_value,
             format("convergence on a convex quadratic: f went from %.4g to %.3g in 2000 steps at "
                    "learning rate %g (the better of 0.05 and 0.5)",
                    start_value, best, final1 <= final_large ? 0.05 : 0.5));
}

}  // namespace

std::vector<CheckResult> check_component(const Registry& registry, const ComponentInfo& info) {
  Report report(info);
  try {
    switch (info.kind) {
      case Kind::activation:
        check_activation(*registry.create<Activation>(info, registry.resolve(info, {})), report);
        break;
      case Kind::loss:
        check_loss(*registry.create<Loss>(info, registry.resolve(info, {})), report);
        break;
      case Kind::normalization:
        check_normalization(
            *registry.create<Normalization>(info, registry.resolve(info, {})), info.usage, report,
            [&] { return registry.create<Normalization>(info, registry.resolve(info, {})); });
        break;
      case Kind::optimizer:
        check_optimizer(registry, info, report);
        break;
    }
  } catch (const std::exception& e) {
    report.add(false, std::string("threw during the checks: ") + e.what());
  }
  return report.take();
}

}  // namespace neuronlab
