// The training loop. The first step reserves every network buffer for the batch size and
// binds the optimizer to the network's parameter tensors; later steps allocate nothing.
#include <neuronlab/engine/random.hpp>
#include <neuronlab/engine/trainer.hpp>
#include <neuronlab/error.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <numeric>

#include "metrics.hpp"
#include "plugin_call.hpp"

namespace neuronlab::engine {

namespace {

std::string number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", v);
  return buffer;
}

bool lower_is_better(const std::string& metric) { return metric != "accuracy" && metric != "r2"; }

void validate(const TrainingOptions& o) {
  if (o.epochs == 0) throw Error("epochs must be at least 1");
  if (!(o.clip_grad_norm >= 0.0) || !std::isfinite(o.clip_grad_norm))
    throw Error("clip_grad_norm must be 0 (off) or a positive number, not " +
                number(o.clip_grad_norm));
  if (!(o.weight_decay >= 0.0) || !std::isfinite(o.weight_decay))
    throw Error("weight_decay must be 0 (off) or a positive number, not " + number(o.weight_decay));
  const Schedule& s = o.schedule;
  if (s.kind == Schedule::Kind::step && s.step_size == 0)
    throw Error("the step schedule needs step_size of 1 or more");
  if (s.kind == Schedule::Kind::cosine && s.t_max == 0)
    throw Error("the cosine schedule needs t_max of 1 or more (epochs per half cycle)");
  if ((s.kind == Schedule::Kind::step || s.kind == Schedule::Kind::exponential) && !(s.gamma > 0.0))
    throw Error("the schedule's gamma must be greater than 0, not " + number(s.gamma));
  const std::string& metric = o.early_stopping.metric;
  if (!metric.empty()) {
    const bool classification = o.task != data::Task::regression;
    if (!has_metric(o.task, metric))
      throw Error("early_stopping cannot watch '" + metric + "'; for " +
                  (classification ? "classification use loss or accuracy"
                                  : "regression use loss, mse, mae or r2"));
    if (o.early_stopping.patience == 0) throw Error("early_stopping patience must be 1 or more");
    if (!(o.early_stopping.min_delta >= 0.0))
      throw Error("early_stopping min_delta must be 0 or more");
  }
}

ConstMatrixView rows_of(ConstMatrixView m, std::size_t first, std::size_t count) {
  return {m.data + first * m.stride, count, m.cols, m.stride};
}

}  // namespace

struct Trainer::Impl {
  Impl(Network& n, TrainingOptions o) : network(n), options(std::move(o)), random(options.seed) {}

  Network& network;
  TrainingOptions options;
  std::shared_ptr<Loss> loss;
  std::shared_ptr<Optimizer> optimizer;
  std::string loss_label, optimizer_label;  // component_label(), for failures
  double base_rate = 0.0;
  bool bound = false;
  std::size_t reserved = 0;
  std::vector<float> batch_x, batch_y;  // fit()'s gathered batch: (rows, inputs), (rows, outputs)
  std::vector<std::size_t> order;
  // The training input column with the largest magnitude, and that magnitude (fit() finds
  // them): inputs far from unit scale are the likeliest cause of a divergence, and then a
  // lower rate is not the advice to give.
  std::size_t widest_column = 0;
  double widest_magnitude = 0.0;
  Random random;
  MetricsAccumulator accumulator;
  const volatile std::sig_atomic_t* stop = nullptr;
  std::vector<float> best_values;  // the network at the best epoch, for restore_best

  // Buffers for batches of up to rows rows; the gathering buffers only for fit(), which fills
  // them (a caller of step() brings its own batch and need not pay for them).
  void warm_up(std::size_t rows, bool gathers) {
    if (rows > reserved) {
      reserved = rows;
      network.reserve(rows);
    }
    if (gathers && batch_x.size() < rows * network.inputs()) {
      batch_x.assign(rows * network.inputs(), 0.0f);
      batch_y.assign(rows * network.outputs(), 0.0f);
    }
    if (!bound) {
      const auto& tensors = network.parameters();
      call_plugin(Kind::optimizer, std::nullopt, optimizer_label,
                  [&] { optimizer->bind(tensors.data(), tensors.size()); });
      bound = true;
    }
  }

  void check_shapes(ConstMatrixView x, ConstMatrixView y, const char* what) const {
    if (x.cols != network.inputs())
      throw Error(std::string(what) + " rows have " + std::to_string(x.cols) +
                  " features but the network has " + std::to_string(network.inputs()) + " inputs");
    if (y.cols != network.outputs())
      throw Error(std::string(what) + " targets have " + std::to_string(y.cols) +
                  " values per row but the network has " + std::to_string(network.outputs()) +
                  " outputs");
    if (x.rows != y.rows)
      throw Error(std::string(what) + " has " + std::to_string(x.rows) + " rows of features but " +
                  std::to_string(y.rows) + " rows of targets");
  }

  // forward, backward, clip, decay, optimizer step; a non-finite loss updates nothing. The
  // network may borrow x only if nothing changes it before backward returns.
  double update(ConstMatrixView x, ConstMatrixView y, Network::Input input) {
    warm_up(x.rows, false);
    network.forward(x, true, input);
    const double value = call_plugin(Kind::loss, std::nullopt, loss_label,
                                     [&] { return network.backward(*loss, y); });
    if (!std::isfinite(value)) return value;
    const auto& tensors = network.parameters();
    if (options.clip_grad_norm > 0.0) {
      double total = 0.0;
      for (const Tensor& t : tensors)
        for (std::size_t i = 0; i < t.size; ++i) total += double(t.grad[i]) * double(t.grad[i]);
      // torch.nn.utils.clip_grad_norm_: scale by max_norm / (norm + 1e-6) when that is < 1.
      const double coefficient = options.clip_grad_norm / (std::sqrt(total) + 1e-6);
      if (coefficient < 1.0) {
        const float c = static_cast<float>(coefficient);
        for (std::size_t k = 0; k < tensors.size(); ++k) {
          float* g = network.gradient(k);
          for (std::size_t i = 0; i < tensors[k].size; ++i) g[i] *= c;
        }
      }
    }
    if (options.weight_decay > 0.0) {
      const float wd = static_cast<float>(options.weight_decay);
      for (std::size_t k = 0; k < tensors.size(); ++k) {
        float* g = network.gradient(k);
        for (std::size_t i = 0; i < tensors[k].size; ++i) g[i] += wd * tensors[k].value[i];
      }
    }
    call_plugin(Kind::optimizer, std::nullopt, optimizer_label,
                [&] { optimizer->step(tensors.data(), tensors.size()); });
    return value;
  }

  [[noreturn]] void diverged(std::size_t epoch, std::size_t batch, double value) const {
    const double rate = optimizer->learning_rate();
    Divergence d;
    d.epoch = epoch;
    d.epochs = options.epochs;
    d.batch = batch;
    d.learning_rate = rate;
    d.nan = std::isnan(value);
    d.source = network.find_non_finite();
    using Stage = NonFiniteSource::Stage;
    switch (d.source.stage) {
      case Stage::parameters:
        d.kind = Kind::optimizer;
        d.component = options.optimizer;
        break;
      case Stage::weighted_sum:
        break;
      case Stage::normalization:
        d.kind = Kind::normalization;
        d.component = network.spec().layers[d.source.layer].normalization;
        break;
      case Stage::activation:
        d.kind = Kind::activation;
        d.component = network.spec().layers[d.source.layer].activation;
        break;
      case Stage::loss:
        d.kind = Kind::loss;
        d.component = options.loss;
        break;
    }
    std::string when = epoch == 0 ? std::string("training diverged")
                                  : "training diverged in epoch " + std::to_string(epoch) + " of " +
                                        std::to_string(options.epochs);
    d.text = when + ": the loss is " + (std::isnan(value) ? "nan" : "infinite") +
             " (learning_rate " + number(rate) + "); ";
    if (widest_magnitude > unit_scale) {
      d.unscaled_input = widest_column;
      d.unscaled_magnitude = widest_magnitude;
      d.text += "the inputs are far from unit scale (input " + std::to_string(widest_column + 1) +
                " reaches " + number(widest_magnitude) +
                "): normalize them (normalize: standardize); a learning rate low enough to be "
                "stable on such inputs trains very slowly";
    } else {
      // Only what is not already done: a lower rate always, the rest when not set.
      std::vector<std::string> tries = {"a lower learning_rate (e.g. " + number(rate / 10.0) + ")"};
      if (!options.inputs_normalized)
        tries.push_back("normalize the inputs (normalize: standardize)");
      if (options.clip_grad_norm == 0) tries.push_back("clip the gradients (clip_grad_norm: 1)");
      d.text += "try " + tries[0];
      for (std::size_t i = 1; i < tries.size(); ++i)
        d.text += (i + 1 == tries.size() ? ", or " : ", ") + tries[i];
    }
    throw Diverged(std::move(d));
  }
};

Trainer::Trainer(Network& network, const Registry& registry, TrainingOptions options)
    : impl_(std::make_unique<Impl>(network, std::move(options))) {
  Impl& m = *impl_;
  validate(m.options);
  m.loss = registry.create<Loss>(m.options.loss, m.options.loss_params);
  m.optimizer = registry.create<Optimizer>(m.options.optimizer, m.options.optimizer_params);
  m.base_rate = m.optimizer->learning_rate();
  m.loss_label = component_label("the loss", registry.require(Kind::loss, m.options.loss));
  m.optimizer_label =
      component_label("the optimizer", registry.require(Kind::optimizer, m.options.optimizer));
}

Trainer::~Trainer() = default;

const Loss& Trainer::loss() const { return *impl_->loss; }
Optimizer& Trainer::optimizer() { return *impl_->optimizer; }
const TrainingOptions& Trainer::options() const { return impl_->options; }
void Trainer::set_stop_request(const volatile std::sig_atomic_t* flag) { impl_->stop = flag; }

double Trainer::step(ConstMatrixView x, ConstMatrixView y) {
  impl_->check_shapes(x, y, "the batch");
  // A caller's batch is copied: the copy also brings it into the cache from wherever it lies.
  const double value = impl_->update(x, y, Network::Input::copied);
  if (!std::isfinite(value)) impl_->diverged(0, 1, value);
  return value;
}

TrainingResult Trainer::fit(ConstMatrixView x, ConstMatrixView y, const EpochCallback& on_epoch) {
  const std::size_t held = impl_->options.validation_rows;
  if (held == 0)
    return fit(x, y, ConstMatrixView(nullptr, 0, x.cols, x.cols),
               ConstMatrixView(nullptr, 0, y.cols, y.cols), on_epoch);
  if (held >= x.rows)
    throw Error("validation_rows is " + std::to_string(held) + " but there are only " +
                std::to_string(x.rows) +
                " training rows; hold out fewer rows so that some are left to train on");
  const std::size_t kept = x.rows - held;
  return fit(rows_of(x, 0, kept), rows_of(y, 0, kept), rows_of(x, kept, held),
             rows_of(y, kept, held), on_epoch);
}

TrainingResult Trainer::fit(ConstMatrixView x, ConstMatrixView y, ConstMatrixView validation_x,
                            ConstMatrixView validation_y, const EpochCallback& on_epoch) {
  Impl& m = *impl_;
  const TrainingOptions& o = m.options;
  m.check_shapes(x, y, "the training data");
  if (x.rows == 0) throw Error("there are no training rows");
  const bool validating = validation_x.rows > 0;
  if (validating) m.check_shapes(validation_x, validation_y, "the validation data");
  const std::string& watched = o.early_stopping.metric;
  if (!watched.empty() && !validating)
    throw Error("early_stopping watches the validation " + watched +
                " but there is no validation data; set validation_rows (or a validation split)");

  const std::size_t rows = x.rows;
  m.widest_magnitude = 0.0;
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t c = 0; c < x.cols; ++c)
      if (std::fabs(x(r, c)) > m.widest_magnitude)
        m.widest_magnitude = std::fabs(x(r, c)), m.widest_column = c;
  const std::size_t batch = o.batch_size == 0 ? rows : std::min(o.batch_size, rows);
  // Batch statistics need two rows at least (batch norm refuses one, as PyTorch's does): with a
  // normalization inside the network, a last batch of one row joins the batch before it.
  bool merge_single_tail = false;
  for (std::size_t l = 0; l < m.network.layer_count(); ++l)
    merge_single_tail = merge_single_tail || m.network.normalization(l) != nullptr;
  merge_single_tail = merge_single_tail && batch > 1 && rows > batch;
  m.warm_up(merge_single_tail ? batch + 1 : batch, true);
  m.order.resize(rows);
  std::iota(m.order.begin(), m.order.end(), std::size_t{0});
  const std::size_t inputs = x.cols, outputs = y.cols;

  TrainingResult result;
  double best = 0.0;
  std::size_t waited = 0;
  const bool restore = !watched.empty() && o.early_stopping.restore_best;
  const auto started = std::chrono::steady_clock::now();
  for (std::size_t epoch = 0; epoch < o.epochs; ++epoch) {
    const double rate = o.schedule.rate(m.base_rate, epoch);
    m.optimizer->set_learning_rate(rate);
    if (o.shuffle) m.random.shuffle(m.order);
    m.accumulator.reset(o.task, outputs);
    std::size_t batch_number = 0;
    for (std::size_t start = 0, n = 0; start < rows; start += n) {
      if (m.stop != nullptr && *m.stop) {
        result.interrupted = true;
        result.partial_batches = batch_number;
        break;
      }
      ++batch_number;
      n = std::min(batch, rows - start);
      if (merge_single_tail && rows - start - n == 1) ++n;
      for (std::size_t r = 0; r < n; ++r) {
        const std::size_t source = m.order[start + r];
        std::memcpy(&m.batch_x[r * inputs], x.row(source), inputs * sizeof(float));
        std::memcpy(&m.batch_y[r * outputs], y.row(source), outputs * sizeof(float));
      }
      const ConstMatrixView bx(m.batch_x.data(), n, inputs, inputs);
      const ConstMatrixView by(m.batch_y.data(), n, outputs, outputs);
      // Gathered just now, so already in the cache: the network reads it where it is.
      const double value = m.update(bx, by, Network::Input::borrowed);
      if (!std::isfinite(value)) m.diverged(epoch + 1, batch_number, value);
      m.accumulator.add(m.network.output(), by, value);
    }
    if (result.interrupted) break;  // a part of an epoch is not an epoch
    EpochReport report;
    report.epoch = epoch + 1;
    report.epochs = o.epochs;
    report.learning_rate = rate;
    report.elapsed_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    report.train = m.accumulator.finish();
    if (validating) report.validation = evaluate(validation_x, validation_y);
    result.history.push_back(report);
    if (on_epoch) on_epoch(report);

    if (watched.empty()) {
      result.best_epoch = epoch + 1;
      continue;
    }
    const double value = report.validation->get(watched).value();
    const bool improved =
        epoch == 0 || (lower_is_better(watched) ? value < best - o.early_stopping.min_delta
                                                : value > best + o.early_stopping.min_delta);
    if (improved) {
      best = value;
      result.best_epoch = epoch + 1;
      waited = 0;
      if (restore) m.network.save_values(m.best_values);
    } else if (++waited >= o.early_stopping.patience) {
      result.stopped_early = true;
      break;
    }
  }
  result.weights_epoch = result.history.empty() ? 0 : result.history.back().epoch;
  if (restore && result.best_epoch != 0 && result.best_epoch != result.weights_epoch) {
    m.network.restore_values(m.best_values);
    result.weights_epoch = result.best_epoch;
  }
  return result;
}

Metrics Trainer::evaluate(ConstMatrixView x, ConstMatrixView y) {
  Impl& m = *impl_;
  m.check_shapes(x, y, "the evaluation data");
  MetricsAccumulator accumulator;
  accumulator.reset(m.options.task, y.cols);
  const std::size_t chunk = std::max<std::size_t>(m.network.max_batch(), 256);
  for (std::size_t start = 0; start < x.rows; start += chunk) {
    const std::size_t n = std::min(chunk, x.rows - start);
    const ConstMatrixView target = rows_of(y, start, n);
    m.network.forward(rows_of(x, start, n), false);
    accumulator.add(m.network.output(), target,
                    call_plugin(Kind::loss, std::nullopt, m.loss_label,
                                [&] { return m.network.loss(*m.loss, target); }));
  }
  return accumulator.finish();
}

std::vector<float> Trainer::predict(ConstMatrixView x) {
  Network& network = impl_->network;
  std::vector<float> out(x.rows * network.outputs());
  const std::size_t chunk = std::max<std::size_t>(network.max_batch(), 256);
  for (std::size_t start = 0; start < x.rows; start += chunk) {
    const std::size_t n = std::min(chunk, x.rows - start);
    const ConstMatrixView y = network.forward(rows_of(x, start, n), false);
    for (std::size_t r = 0; r < n; ++r)
      std::memcpy(&out[(start + r) * y.cols], y.row(r), y.cols * sizeof(float));
  }
  return out;
}

}  // namespace neuronlab::engine
