// Metrics over rows of predictions: loss, accuracy for classification, mse, mae and r2 for
// regression; accumulated batch by batch so that an epoch's numbers cost no extra pass.
//   accuracy  binary: [p > 0.5] = [y > 0.5];  categorical: argmax p = argmax y (first maximum)
//   mse       mean (p − y)²,  mae  mean |p − y|        over every output value
//   r2        1 − Σ(y − p)² / Σ(y − ȳ)² per output, averaged (sklearn r2_score,
//             multioutput="uniform_average"; a constant target gives 1 if predicted exactly,
//             else 0, as sklearn's force_finite)
#include "metrics.hpp"

#include <cmath>

namespace neuronlab::engine {

bool has_metric(data::Task task, std::string_view metric) {
  if (metric == "loss") return true;
  if (task == data::Task::regression) return metric == "mse" || metric == "mae" || metric == "r2";
  return metric == "accuracy";
}

std::optional<double> Metrics::get(std::string_view name) const {
  if (name == "loss") return loss;
  if (name == "accuracy") return accuracy;
  if (name == "mse") return mse;
  if (name == "mae") return mae;
  if (name == "r2") return r2;
  return std::nullopt;
}

void MetricsAccumulator::reset(data::Task task, std::size_t outputs) {
  task_ = task;
  rows_ = 0;
  loss_ = 0.0;
  correct_ = 0;
  squared_ = 0.0;
  absolute_ = 0.0;
  sum_.assign(outputs, 0.0);
  sum_squares_.assign(outputs, 0.0);
  residual_.assign(outputs, 0.0);
}

void MetricsAccumulator::add(ConstMatrixView prediction, ConstMatrixView target, double loss) {
  const std::size_t outputs = sum_.size();
  for (std::size_t r = 0; r < prediction.rows; ++r) {
    const float* p = prediction.row(r);
    const float* y = target.row(r);
    if (task_ == data::Task::binary) {
      correct_ += (p[0] > 0.5f) == (y[0] > 0.5f);
    } else if (task_ == data::Task::categorical) {
      // The maxima are held rather than reloaded through their indices, which measured
      // faster on a whole run (docs/performance.md, item 14).
      std::size_t best_p = 0, best_y = 0;
      float max_p = p[0], max_y = y[0];
      for (std::size_t c = 1; c < outputs; ++c) {
        if (p[c] > max_p) max_p = p[c], best_p = c;
        if (y[c] > max_y) max_y = y[c], best_y = c;
      }
      correct_ += best_p == best_y;
    } else {
      for (std::size_t c = 0; c < outputs; ++c) {
        const double e = double(p[c]) - double(y[c]);
        squared_ += e * e;
        absolute_ += std::fabs(e);
        sum_[c] += y[c];
        sum_squares_[c] += double(y[c]) * double(y[c]);
        residual_[c] += e * e;
      }
    }
  }
  loss_ += loss * double(prediction.rows);
  rows_ += prediction.rows;
}

Metrics MetricsAccumulator::finish() const {
  Metrics m;
  m.rows = rows_;
  if (rows_ == 0) return m;
  const double n = double(rows_);
  m.loss = loss_ / n;
  if (task_ != data::Task::regression) {
    m.accuracy = double(correct_) / n;
    return m;
  }
  const std::size_t outputs = sum_.size();
  m.mse = squared_ / (n * double(outputs));
  m.mae = absolute_ / (n * double(outputs));
  double r2 = 0.0;
  for (std::size_t c = 0; c < outputs; ++c) {
    const double total = sum_squares_[c] - sum_[c] * sum_[c] / n;
    if (total > 0.0)
      r2 += 1.0 - residual_[c] / total;
    else
      r2 += residual_[c] == 0.0 ? 1.0 : 0.0;
  }
  m.r2 = r2 / double(outputs);
  return m;
}

Metrics compute_metrics(data::Task task, ConstMatrixView prediction, ConstMatrixView target,
                        double loss) {
  MetricsAccumulator accumulator;
  accumulator.reset(task, prediction.cols);
  accumulator.add(prediction, target, loss);
  return accumulator.finish();
}

}  // namespace neuronlab::engine
