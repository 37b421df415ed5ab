// The resolved experiment as a document (see document.hpp), and documents as YAML.
#include "document.hpp"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <filesystem>

namespace neuronlab::experiment::detail {
namespace {

// A number as a parameter: integral values as integers (an integer parameter reads them
// back; a real one reads 2 as 2.0), others as doubles.
Json number(double v) {
  if (std::isfinite(v) && v == std::trunc(v) && std::fabs(v) < 9007199254740992.0)
    return static_cast<std::int64_t>(v);
  return v;
}

Json param(const ParamValue& p) {
  if (const auto* d = std::get_if<double>(&p.value)) return number(*d);
  if (const auto* b = std::get_if<bool>(&p.value)) return *b;
  return std::get<std::string>(p.value);
}

// `relu`, or {name: leaky_relu, negative_slope: 0.01}.
Json plugin(const std::string& name, const ParamMap& params) {
  if (params.empty()) return name;
  Json out = {{"name", name}};
  for (const auto& [key, value] : params) out[key] = param(value);
  return out;
}

Json data_document(const DataSpec& d, const DataSummary& rows) {
  Json out = Json::object();
  switch (d.source) {
    case DataSpec::Source::csv:
      out["csv"] = std::filesystem::absolute(d.csv).lexically_normal().string();
      break;
    case DataSpec::Source::inline_table: {
      Json columns = Json::array(), table = Json::array();
      for (const data::Cell& c : d.table.header) columns.push_back(c.text);
      for (const auto& row : d.table.rows) {
        Json cells = Json::array();
        for (const data::Cell& c : row) cells.push_back(c.text);
        table.push_back(std::move(cells));
      }
      out["inline"] = {{"columns", std::move(columns)}, {"rows", std::move(table)}};
      break;
    }
    case DataSpec::Source::generate:
      out["generate"] = plugin(d.generator, d.generator_params);
      break;
  }
  if (d.source != DataSpec::Source::generate) {
    out["target"] = rows.target_name;
    out["features"] = rows.feature_names;
    out["task"] = data::task_name(rows.task);
  }
  out["test_split"] = d.test_split;
  out["validation_split"] = d.validation_split;
  out["shuffle"] = d.shuffle;
  return out;
}

Json layer_document(const engine::LayerSpec& layer) {
  Json out = {{"neurons", layer.neurons},
              {"activation", plugin(layer.activation, layer.activation_params)}};
  if (!layer.normalization.empty())
    out["normalization"] = plugin(layer.normalization, layer.normalization_params);
  out["init"] = plugin(layer.init, layer.init_params);
  if (layer.weights) out["weights"] = *layer.weights;
  if (layer.bias) out["bias"] = *layer.bias;
  return out;
}

Json schedule_document(const engine::Schedule& s) {
  using Kind = engine::Schedule::Kind;
  switch (s.kind) {
    case Kind::constant:
      return "constant";
    case Kind::step:
      return {{"name", "step"}, {"step_size", s.step_size}, {"gamma", s.gamma}};
    case Kind::exponential:
      return {{"name", "exponential"}, {"gamma", s.gamma}};
    case Kind::cosine:
      return {{"name", "cosine"}, {"t_max", s.t_max}, {"eta_min", s.eta_min}};
  }
  return "constant";
}

Json training_document(const Experiment& e) {
  const engine::TrainingOptions& t = e.training;
  Json out = {{"epochs", t.epochs}};
  out["batch_size"] = t.batch_size == 0 ? Json("all") : Json(t.batch_size);
  out["shuffle"] = t.shuffle;
  out["schedule"] = schedule_document(t.schedule);
  out["clip_grad_norm"] = t.clip_grad_norm;
  out["weight_decay"] = t.weight_decay;
  if (!t.early_stopping.metric.empty())
    out["early_stopping"] = {{"metric", t.early_stopping.metric},
                             {"patience", t.early_stopping.patience},
                             {"min_delta", t.early_stopping.min_delta},
                             {"restore_best", t.early_stopping.restore_best}};
  out["progress_every"] = e.progress_every;
  return out;
}

// A map of scalars this short is written on one line, {a: 1, b: 2}; a longer one a key a line.
constexpr std::size_t kFlowWidth = 64;

// Scalars keep their JSON text (numbers, true/false); strings go through the emitter, which
// quotes them where YAML would read another type.
void emit(YAML::Emitter& out, const Json& node) {
  if (node.is_object()) {
    bool flat = node.dump().size() <= kFlowWidth;
    for (const auto& item : node.items()) flat = flat && item.value().is_primitive();
    out << (flat ? YAML::Flow : YAML::Block) << YAML::BeginMap;
    for (const auto& item : node.items()) {
      out << YAML::Key << item.key() << YAML::Value;
      emit(out, item.value());
    }
    out << YAML::EndMap;
  } else if (node.is_array()) {
    bool flat = true;
    for (const Json& item : node) flat = flat && item.is_primitive();
    out << (flat ? YAML::Flow : YAML::Block) << YAML::BeginSeq;
    for (const Json& item : node) emit(out, item);
    out << YAML::EndSeq;
  } else if (node.is_string()) {
    out << node.get<std::string>();
  } else if (node.is_null()) {
    out << YAML::Null;
  } else {
    out << node.dump();
  }
}

}  // namespace

Json experiment_document(const Experiment& e, const DataSummary& data) {
  Json out = {
      {"format_version", experiment_format_version}, {"kind", "experiment"}, {"name", e.name}};
  if (!e.description.empty()) out["description"] = e.description;
  out["seed"] = e.seed;
  out["data"] = data_document(e.data, data);
  if (e.normalize) out["normalize"] = plugin(e.normalize->name, e.normalize->params);
  Json layers = Json::array();
  for (const engine::LayerSpec& layer : e.network.layers) layers.push_back(layer_document(layer));
  out["network"] = {{"layers", std::move(layers)}};
  out["loss"] = plugin(e.training.loss, e.training.loss_params);
  out["optimizer"] = plugin(e.training.optimizer, e.training.optimizer_params);
  out["training"] = training_document(e);
  if (!e.expect.empty()) {
    Json expect = Json::object();
    for (const Expectation& x : e.expect) {
      Json bounds = Json::object();
      if (x.at_least) bounds["at_least"] = *x.at_least;
      if (x.at_most) bounds["at_most"] = *x.at_most;
      expect[x.metric] = std::move(bounds);
    }
    out["expect"] = std::move(expect);
  }
  return out;
}

std::string yaml_text(const Json& document) {
  YAML::Emitter out;
  out.SetIndent(2);
  emit(out, document);
  return std::string(out.c_str()) + "\n";
}

}  // namespace neuronlab::experiment::detail

namespace neuronlab::experiment {

std::string resolved_file(const BoundExperiment& bound) {
  return detail::yaml_text(detail::experiment_document(bound.experiment, summarize(bound.split)));
}

}  // namespace neuronlab::experiment
