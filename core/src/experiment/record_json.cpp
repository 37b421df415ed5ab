// The run record as JSON (record.hpp). Keys are written in a fixed order; a part or value
// that does not exist is null, so that every record has the same shape.
#include <neuronlab/experiment/record.hpp>

#include <cmath>
#include <cstdio>

#include "document.hpp"

namespace neuronlab::experiment {
namespace {

using detail::Json;

Json metrics(const engine::Metrics& m) {
  Json out = {{"rows", m.rows}, {"loss", m.loss}};
  for (const char* name : {"accuracy", "mse", "mae", "r2"})
    if (auto v = m.get(name)) out[name] = *v;
  return out;
}

Json optional_metrics(const std::optional<engine::Metrics>& m) {
  return m ? metrics(*m) : Json(nullptr);
}

const char* stage_name(engine::NonFiniteSource::Stage stage) {
  using Stage = engine::NonFiniteSource::Stage;
  switch (stage) {
    case Stage::parameters:
      return "parameters";
    case Stage::weighted_sum:
      return "weighted_sum";
    case Stage::normalization:
      return "normalization";
    case Stage::activation:
      return "activation";
    case Stage::loss:
      return "loss";
  }
  return "loss";
}

Json divergence(const DivergenceRecord& d) {
  const engine::Divergence& v = d.details;
  const bool in_layer = v.source.stage != engine::NonFiniteSource::Stage::loss;
  return {{"epoch", v.epoch},
          {"batch", v.batch},
          {"learning_rate", v.learning_rate},
          {"loss", v.nan ? "nan" : "infinite"},
          {"stage", stage_name(v.source.stage)},
          {"layer", in_layer ? Json(v.source.layer + 1) : Json(nullptr)},
          {"kind", v.kind ? Json(kind_name(*v.kind)) : Json(nullptr)},
          {"component", v.component.empty() ? Json(nullptr) : Json(v.component)},
          {"library", d.library.empty() ? Json(nullptr) : Json(d.library)},
          {"where", d.where},
          {"message", d.message}};
}

const char* const metric_names[] = {"accuracy", "mse", "mae", "r2"};

std::string number(double v) {
  if (!std::isfinite(v)) return std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf");
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", v);
  return text;
}

}  // namespace

std::string metrics_json(const RunRecord& r) {
  const Json out = {
      {"format_version", record_format_version}, {"name", r.experiment.name},
      {"outcome", outcome_name(r.outcome)},      {"epochs", r.history.size()},
      {"weights_epoch", r.weights_epoch},        {"best_epoch", r.best_epoch},
      {"train", optional_metrics(r.train)},      {"validation", optional_metrics(r.validation)},
      {"test", optional_metrics(r.test)}};
  return out.dump(2) + "\n";
}

std::string history_csv(const RunRecord& r) {
  // The task's metrics, as the first epoch has them (every epoch has the same).
  std::vector<std::string> names{"loss"};
  const bool validating = !r.history.empty() && r.history.front().validation.has_value();
  if (!r.history.empty())
    for (const char* name : metric_names)
      if (r.history.front().train.get(name)) names.push_back(name);
  std::string out = "epoch,learning_rate,elapsed_seconds";
  for (const char* part : {"train", "validation"}) {
    if (std::string(part) == "validation" && !validating) continue;
    for (const std::string& name : names) out += std::string(",") + part + "_" + name;
  }
  out += "\n";
  for (const engine::EpochReport& e : r.history) {
    out +=
        std::to_string(e.epoch) + "," + number(e.learning_rate) + "," + number(e.elapsed_seconds);
    for (const engine::Metrics* m : {&e.train, e.validation ? &*e.validation : nullptr}) {
      if (m == &e.train || validating)
        for (const std::string& name : names) {
          const std::optional<double> v = m ? m->get(name) : std::nullopt;
          out += "," + (v ? number(*v) : std::string());
        }
    }
    out += "\n";
  }
  return out;
}

std::string record_json(const RunRecord& r) {
  Json out = {{"format_version", record_format_version},
              {"name", r.experiment.name},
              {"file", r.experiment.file},
              {"outcome", outcome_name(r.outcome)}};

  const DataSummary& d = r.data;
  out["data"] = {{"task", data::task_name(d.task)},
                 {"train_rows", d.train_rows},
                 {"validation_rows", d.validation_rows},
                 {"test_rows", d.test_rows},
                 {"features", d.feature_names},
                 {"target", d.target_name},
                 {"classes", d.class_names},
                 {"warnings", d.warnings}};

  Json history = Json::array();
  for (const engine::EpochReport& e : r.history)
    history.push_back({{"epoch", e.epoch},
                       {"learning_rate", e.learning_rate},
                       {"elapsed_seconds", e.elapsed_seconds},
                       {"train", metrics(e.train)},
                       {"validation", optional_metrics(e.validation)}});
  out["history"] = std::move(history);
  out["best_epoch"] = r.best_epoch;
  out["weights_epoch"] = r.weights_epoch;
  out["partial_batches"] = r.partial_batches;
  out["divergence"] = r.divergence ? divergence(*r.divergence) : Json(nullptr);
  out["final"] = {{"train", optional_metrics(r.train)},
                  {"validation", optional_metrics(r.validation)},
                  {"test", optional_metrics(r.test)}};

  Json checks = Json::array();
  for (const CheckResult& c : r.checks)
    checks.push_back({{"metric", c.expectation.metric},
                      {"value", c.value},
                      {"at_least", c.expectation.at_least ? Json(*c.expectation.at_least) : Json()},
                      {"at_most", c.expectation.at_most ? Json(*c.expectation.at_most) : Json()},
                      {"passed", c.passed},
                      {"where", c.expectation.where}});
  out["checks"] = std::move(checks);
  out["failed_checks"] = r.failed();
  out["saved_model"] = r.saved_model.empty() ? Json(nullptr) : Json(r.saved_model);
  out["elapsed_seconds"] = r.elapsed_seconds;
  out["experiment"] = detail::experiment_document(r.experiment, r.data);
  return out.dump(2) + "\n";
}

}  // namespace neuronlab::experiment
