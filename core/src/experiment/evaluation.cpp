// A model's metrics on labelled rows (evaluation.hpp).
#include <neuronlab/experiment/evaluation.hpp>
#include <neuronlab/experiment/report.hpp>

#include <algorithm>
#include <cmath>

#include "document.hpp"

namespace neuronlab::experiment {

Evaluation evaluate_classifier(data::Task task, const std::vector<std::string>& classes,
                               ConstMatrixView prediction, const std::vector<std::size_t>& labels) {
  Evaluation e;
  e.task = task;
  e.rows = prediction.rows;
  const std::size_t k = classes.size();
  e.confusion.assign(k, std::vector<std::size_t>(k, 0));
  std::size_t right = 0;
  for (std::size_t r = 0; r < prediction.rows; ++r) {
    std::size_t predicted = 0;
    if (task == data::Task::binary) {
      predicted = prediction(r, 0) > 0.5f ? 1 : 0;
    } else {
      for (std::size_t c = 1; c < prediction.cols; ++c)
        if (prediction(r, c) > prediction(r, predicted)) predicted = c;
    }
    ++e.confusion[labels[r]][predicted];
    right += predicted == labels[r];
  }
  e.accuracy = e.rows ? static_cast<double>(right) / static_cast<double>(e.rows) : 0.0;
  for (std::size_t c = 0; c < k; ++c) {
    ClassScore s;
    s.name = classes[c];
    for (std::size_t j = 0; j < k; ++j)
      s.support += e.confusion[c][j], s.predicted += e.confusion[j][c];
    const double tp = static_cast<double>(e.confusion[c][c]);
    s.precision = s.predicted ? tp / static_cast<double>(s.predicted) : 0.0;
    s.recall = s.support ? tp / static_cast<double>(s.support) : 0.0;
    s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0.0;
    e.macro_precision += s.precision / static_cast<double>(k);
    e.macro_recall += s.recall / static_cast<double>(k);
    e.macro_f1 += s.f1 / static_cast<double>(k);
    e.classes.push_back(s);
  }
  return e;
}

Evaluation evaluate_regression(ConstMatrixView prediction, ConstMatrixView values) {
  Evaluation e;
  e.rows = prediction.rows;
  const std::size_t n = prediction.rows, outputs = prediction.cols;
  double squared = 0, absolute = 0, r2 = 0;
  for (std::size_t c = 0; c < outputs; ++c) {
    double mean = 0;
    for (std::size_t r = 0; r < n; ++r) mean += values(r, c) / static_cast<double>(n);
    double residual = 0, total = 0;
    for (std::size_t r = 0; r < n; ++r) {
      const double d = static_cast<double>(prediction(r, c)) - values(r, c);
      squared += d * d, absolute += std::fabs(d), residual += d * d;
      total += (values(r, c) - mean) * (values(r, c) - mean);
    }
    r2 += (total > 0 ? 1.0 - residual / total : 0.0) / static_cast<double>(outputs);
  }
  const double cells = static_cast<double>(n * outputs);
  e.mse = n ? squared / cells : 0.0;
  e.mae = n ? absolute / cells : 0.0;
  e.r2 = r2;
  return e;
}

namespace {

std::string padded(std::string text, std::size_t width, bool right = false) {
  if (text.size() >= width) return text;
  return right ? std::string(width - text.size(), ' ') + text
               : text + std::string(width - text.size(), ' ');
}

std::string fixed(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4f", v);
  return buffer;
}

}  // namespace

std::string evaluation_text(const Evaluation& e) {
  std::string out = std::to_string(e.rows) + " rows; ";
  if (e.task == data::Task::regression)
    return out + "mse " + format_metric(e.mse) + "  mae " + format_metric(e.mae) + "  r2 " +
           format_metric(e.r2) + "\n";
  std::size_t width = 9;  // "macro avg"
  for (const ClassScore& s : e.classes) width = std::max(width, s.name.size());
  out += "accuracy " + format_metric(e.accuracy) + "\n\n";
  out += padded("class", width) + "  precision  recall      f1  support\n";
  for (const ClassScore& s : e.classes)
    out += padded(s.name, width) + "  " + padded(fixed(s.precision), 9, true) + "  " +
           padded(fixed(s.recall), 6, true) + "  " + padded(fixed(s.f1), 6, true) + "  " +
           padded(std::to_string(s.support), 7, true) + "\n";
  out += padded("macro avg", width) + "  " + padded(fixed(e.macro_precision), 9, true) + "  " +
         padded(fixed(e.macro_recall), 6, true) + "  " + padded(fixed(e.macro_f1), 6, true) + "  " +
         padded(std::to_string(e.rows), 7, true) + "\n\n";
  // The confusion matrix: rows are the true classes, columns the predicted ones.
  std::size_t cell = 4;
  for (const ClassScore& s : e.classes) cell = std::max(cell, s.name.size());
  for (const auto& row : e.confusion)
    for (std::size_t n : row) cell = std::max(cell, std::to_string(n).size());
  out += "confusion (rows: true class, columns: predicted)\n" + padded("", width);
  for (const ClassScore& s : e.classes) out += "  " + padded(s.name, cell, true);
  out += "\n";
  for (std::size_t t = 0; t < e.classes.size(); ++t) {
    out += padded(e.classes[t].name, width);
    for (std::size_t n : e.confusion[t]) out += "  " + padded(std::to_string(n), cell, true);
    out += "\n";
  }
  return out;
}

std::string evaluation_json(const Evaluation& e) {
  detail::Json out = {{"task", data::task_name(e.task)}, {"rows", e.rows}};
  if (e.task == data::Task::regression) {
    out["mse"] = e.mse, out["mae"] = e.mae, out["r2"] = e.r2;
  } else {
    out["accuracy"] = e.accuracy;
    detail::Json classes = detail::Json::array();
    for (const ClassScore& s : e.classes)
      classes.push_back({{"class", s.name},
                         {"precision", s.precision},
                         {"recall", s.recall},
                         {"f1", s.f1},
                         {"support", s.support},
                         {"predicted", s.predicted}});
    out["classes"] = std::move(classes);
    out["macro"] = {
        {"precision", e.macro_precision}, {"recall", e.macro_recall}, {"f1", e.macro_f1}};
    out["confusion"] = e.confusion;
  }
  return out.dump(2) + "\n";
}

}  // namespace neuronlab::experiment
