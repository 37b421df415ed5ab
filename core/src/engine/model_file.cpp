// Saving models (format in model_file.hpp). Every float is written with %.9g, which strtof
// reads back as the same float; parameters (doubles) with the shortest text that round-trips.
#include <neuronlab/engine/model_file.hpp>
#include <neuronlab/error.hpp>
#include <neuronlab/io/atomic_file.hpp>

#include <yaml-cpp/yaml.h>

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <variant>

namespace neuronlab::engine {

namespace {

const char* task_text(data::Task task) {
  switch (task) {
    case data::Task::binary:
      return "binary";
    case data::Task::categorical:
      return "categorical";
    case data::Task::regression:
      break;
  }
  return "regression";
}

std::string float_text(float v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.9g", double(v));
  return buffer;
}

std::string param_text(const ParamValue& p) {
  if (const bool* b = std::get_if<bool>(&p.value)) return *b ? "true" : "false";
  if (const std::string* s = std::get_if<std::string>(&p.value)) return *s;
  // The shortest text that reads back as the same double: 0.1, not 0.10000000000000001.
  const double v = std::get<double>(p.value);
  char buffer[40];
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, v);
    if (std::strtod(buffer, nullptr) == v) break;
  }
  return buffer;
}

void emit_floats(YAML::Emitter& out, const float* values, std::size_t count) {
  out << YAML::Flow << YAML::BeginSeq;
  for (std::size_t i = 0; i < count; ++i) out << float_text(values[i]);
  out << YAML::EndSeq;
}

void emit_strings(YAML::Emitter& out, const std::vector<std::string>& values) {
  out << YAML::Flow << YAML::BeginSeq;
  for (const auto& v : values) out << YAML::DoubleQuoted << v;  // "no" stays a name
  out << YAML::EndSeq;
}

// {name: relu, negative_slope: 0.01}
void emit_plugin(YAML::Emitter& out, const std::string& name, const ParamMap& params) {
  out << YAML::Flow << YAML::BeginMap << YAML::Key << "name" << YAML::Value << name;
  for (const auto& [key, value] : params)
    out << YAML::Key << key << YAML::Value << param_text(value);
  out << YAML::EndMap;
}

// {running_mean: [...], running_var: [...]} from parameter(i) or state(i).
template <class Get>
void emit_tensors(YAML::Emitter& out, std::size_t count, Get get) {
  out << YAML::BeginMap;
  for (std::size_t i = 0; i < count; ++i) {
    const Tensor t = get(i);
    out << YAML::Key << t.name << YAML::Value;
    emit_floats(out, t.value, t.size);
  }
  out << YAML::EndMap;
}

}  // namespace

void save_model(const std::filesystem::path& path, Network& network, const ModelInfo& info) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "format_version" << YAML::Value << model_format_version;
  out << YAML::Key << "kind" << YAML::Value << "model";
  out << YAML::Key << "task" << YAML::Value << task_text(info.task);
  out << YAML::Key << "inputs" << YAML::Value << network.inputs();
  out << YAML::Key << "features" << YAML::Value;
  emit_strings(out, info.feature_names);
  out << YAML::Key << "target" << YAML::Value << YAML::DoubleQuoted << info.target_name;
  out << YAML::Key << "classes" << YAML::Value;
  emit_strings(out, info.class_names);

  const InputNormalization& input = info.input_normalization;
  if (!input.name.empty()) {
    if (!input.object)
      throw std::logic_error("save_model: input normalization '" + input.name + "' has no object");
    out << YAML::Key << "input_normalization" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << input.name;
    out << YAML::Key << "params" << YAML::Value << YAML::Flow << YAML::BeginMap;
    for (const auto& [key, value] : input.params)
      out << YAML::Key << key << YAML::Value << param_text(value);
    out << YAML::EndMap;
    out << YAML::Key << "state" << YAML::Value;
    emit_tensors(out, input.object->state_count(),
                 [&](std::size_t i) { return input.object->state(i); });
    out << YAML::EndMap;
  }

  out << YAML::Key << "layers" << YAML::Value << YAML::BeginSeq;
  for (std::size_t l = 0; l < network.layer_count(); ++l) {
    const LayerSpec& spec = network.spec().layers[l];
    out << YAML::BeginMap;
    out << YAML::Key << "neurons" << YAML::Value << spec.neurons;
    out << YAML::Key << "activation" << YAML::Value;
    emit_plugin(out, spec.activation, spec.activation_params);
    if (Normalization* norm = network.normalization(l)) {
      out << YAML::Key << "normalization" << YAML::Value;
      emit_plugin(out, spec.normalization, spec.normalization_params);
      out << YAML::Key << "normalization_parameters" << YAML::Value;
      emit_tensors(out, norm->parameter_count(), [&](std::size_t i) { return norm->parameter(i); });
      out << YAML::Key << "normalization_state" << YAML::Value;
      emit_tensors(out, norm->state_count(), [&](std::size_t i) { return norm->state(i); });
    }
    const ConstMatrixView w = static_cast<const Network&>(network).weights(l);
    out << YAML::Key << "weights" << YAML::Value << YAML::BeginSeq;
    for (std::size_t r = 0; r < w.rows; ++r) emit_floats(out, w.row(r), w.cols);
    out << YAML::EndSeq;
    out << YAML::Key << "bias" << YAML::Value;
    emit_floats(out, network.bias(l), network.neurons(l));
    out << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::EndMap;
  if (!out.good()) throw std::logic_error("save_model: " + out.GetLastError());
  io::write_file_atomically(path, std::string(out.c_str()) + "\n", "the model");
}

}  // namespace neuronlab::engine
