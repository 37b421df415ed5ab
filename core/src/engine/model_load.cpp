// Loading a model file: YAML → NetworkSpec with explicit weights → Network, then the
// normalizations' parameters and state. Every problem is reported at file:line:column.
#include <neuronlab/sdk/abi.h>
#include <neuronlab/engine/model_file.hpp>
#include <neuronlab/error.hpp>
#include <neuronlab/io/files.hpp>

#include <yaml-cpp/yaml.h>

#include "../yaml/yaml_reader.hpp"

#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

namespace neuronlab::engine {

namespace {

// The model file's own rules on top of the shared YAML reader: every failure says the file
// is damaged, since neuronlab wrote it.
class Reader {
 public:
  explicit Reader(const std::filesystem::path& path) : yaml_(path.string()) {}

  std::string where(const YAML::Node& node) const { return yaml_.where(node); }

  [[noreturn]] void fail(const YAML::Node& node, const std::string& what) const {
    throw Error(where(node) + ": " + what +
                "; the model file is damaged or was edited by hand (save the model again)");
  }

  YAML::Node need(const YAML::Node& map, const char* key, const char* kind) const {
    if (!map.IsMap()) fail(map, std::string("expected a map for ") + kind);
    YAML::Node value = map[key];
    if (!value) fail(map, std::string(kind) + " has no '" + key + "'");
    return value;
  }

  std::string text(const YAML::Node& node) const {
    if (!node.IsScalar()) fail(node, "expected a single value");
    return node.Scalar();
  }

  std::size_t count(const YAML::Node& node) const {
    const std::string s = text(node);
    char* end = nullptr;
    const unsigned long long v = std::strtoull(s.c_str(), &end, 10);
    if (s.empty() || *end != '\0' || s[0] == '-')
      fail(node, "expected a whole number, not '" + s + "'");
    return static_cast<std::size_t>(v);
  }

  float real(const YAML::Node& node) const {
    const std::string s = text(node);
    char* end = nullptr;
    const float v = std::strtof(s.c_str(), &end);
    if (s.empty() || *end != '\0') fail(node, "expected a number, not '" + s + "'");
    return v;
  }

  std::vector<float> floats(const YAML::Node& node) const {
    if (!node.IsSequence()) fail(node, "expected a list of numbers");
    std::vector<float> out;
    for (const auto& item : node) out.push_back(real(item));
    return out;
  }

  std::vector<std::string> strings(const YAML::Node& node) const {
    std::vector<std::string> out;
    if (!node) return out;
    if (!node.IsSequence()) fail(node, "expected a list of names");
    for (const auto& item : node) out.push_back(text(item));
    return out;
  }

  // A plugin's parameters; the registry checks them against the schema.
  ParamMap params(const YAML::Node& map, bool skip_name) const {
    ParamMap out;
    if (!map) return out;
    if (!map.IsMap()) fail(map, "expected a map of parameters");
    for (const auto& entry : map) {
      const std::string key = text(entry.first);
      if (skip_name && key == "name") continue;
      text(entry.second);  // a single value, or the file is damaged
      out.emplace_back(key, yaml_.param_value(entry.second, key));
    }
    return out;
  }

  // Writes {name: [values]} into the tensors get(i) returns, matching by name and size.
  template <class Get>
  void restore(const YAML::Node& map, std::size_t count, Get get, const std::string& owner) const {
    if (!map.IsMap()) fail(map, "expected a map of " + owner + " tensors");
    for (std::size_t i = 0; i < count; ++i) {
      const Tensor t = get(i);
      const YAML::Node node = map[t.name];
      if (!node) fail(map, owner + " has no '" + t.name + "'");
      const std::vector<float> values = floats(node);
      if (values.size() != t.size)
        fail(node, owner + " '" + t.name + "' has " + std::to_string(values.size()) +
                       " values where " + std::to_string(t.size) + " are needed");
      std::copy(values.begin(), values.end(), t.value);
    }
  }

 private:
  yaml::YamlReader yaml_;
};

data::Task parse_task(const Reader& reader, const YAML::Node& node) {
  const std::string t = reader.text(node);
  if (t == "regression") return data::Task::regression;
  if (t == "binary") return data::Task::binary;
  if (t == "categorical") return data::Task::categorical;
  reader.fail(node, "unknown task '" + t + "' (regression, binary or categorical)");
}

YAML::Node parse(const std::filesystem::path& path) {
  // A model holds a value per weight: 256 MB is about twenty million of them.
  const std::string text = io::read_input_file(
      path, path.string(), 256'000'000,
      "a model file holds its weights as text; this one is larger than any model neuronlab "
      "saves for a course-sized network");
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw Error(path.string() + ":" + std::to_string(e.mark.line + 1) + ":" +
                std::to_string(e.mark.column + 1) + ": " + e.msg +
                "; the model file is not valid YAML (save the model again)");
  }
}

}  // namespace

namespace {

Model read_model(const std::filesystem::path& path, const Registry& registry) {
  const Reader reader(path);
  const YAML::Node root = parse(path);
  if (!root.IsMap()) reader.fail(root, "expected a model (a map with format_version and layers)");
  const YAML::Node version = reader.need(root, "format_version", "the model");
  if (reader.text(version) != std::to_string(model_format_version))
    throw Error(reader.where(version) + ": format_version " + reader.text(version) +
                " is not supported; this neuronlab reads model files of format_version " +
                std::to_string(model_format_version) +
                " (load it with the neuronlab that saved it, or train and save it again)");
  if (const YAML::Node kind = root["kind"]; kind && reader.text(kind) != "model")
    throw Error(reader.where(kind) + ": this is " +
                (reader.text(kind) == "experiment" ? "an experiment" : "a " + reader.text(kind)) +
                " file, not a model (predict and evaluate read the model a run saved: "
                "model.yaml in a run folder, or the file given to run --save-model)");

  ModelInfo info;
  info.task = parse_task(reader, reader.need(root, "task", "the model"));
  info.feature_names = reader.strings(root["features"]);
  if (root["target"]) info.target_name = reader.text(root["target"]);
  info.class_names = reader.strings(root["classes"]);

  NetworkSpec spec;
  const YAML::Node inputs = reader.need(root, "inputs", "the model");
  spec.inputs = reader.count(inputs);
  if (spec.inputs != info.feature_names.size())
    reader.fail(inputs, "the model has " + std::to_string(spec.inputs) + " inputs but names " +
                            std::to_string(info.feature_names.size()) + " features");
  const YAML::Node layers = reader.need(root, "layers", "the model");
  if (!layers.IsSequence() || layers.size() == 0) reader.fail(layers, "expected a list of layers");
  // Every size is checked against the values the file holds before anything is allocated,
  // so a damaged or hostile count cannot make the network claim memory it has no values for.
  std::size_t fan_in = spec.inputs;
  for (const auto& node : layers) {
    LayerSpec layer;
    layer.neurons = reader.count(reader.need(node, "neurons", "a layer"));
    const YAML::Node activation = reader.need(node, "activation", "a layer");
    layer.activation = reader.text(
        activation.IsMap() ? reader.need(activation, "name", "activation") : activation);
    if (activation.IsMap()) layer.activation_params = reader.params(activation, true);
    if (const YAML::Node norm = node["normalization"]) {
      layer.normalization =
          reader.text(norm.IsMap() ? reader.need(norm, "name", "normalization") : norm);
      if (norm.IsMap()) layer.normalization_params = reader.params(norm, true);
    }
    std::vector<std::vector<double>> weights;
    const YAML::Node weight_rows = reader.need(node, "weights", "a layer");
    if (!weight_rows.IsSequence()) reader.fail(weight_rows, "expected a list of weight rows");
    for (const auto& row : weight_rows) {
      const std::vector<float> values = reader.floats(row);
      weights.emplace_back(values.begin(), values.end());
    }
    const YAML::Node bias_node = reader.need(node, "bias", "a layer");
    const std::vector<float> bias = reader.floats(bias_node);
    if (weights.size() != layer.neurons || bias.size() != layer.neurons)
      reader.fail(node, "a layer of " + std::to_string(layer.neurons) + " neurons has " +
                            std::to_string(weights.size()) + " rows of weights and " +
                            std::to_string(bias.size()) + " biases");
    for (std::size_t r = 0; r < weights.size(); ++r)
      if (weights[r].size() != fan_in)
        reader.fail(node["weights"][r], "row " + std::to_string(r + 1) + " of the weights has " +
                                            std::to_string(weights[r].size()) +
                                            " values but the layer has " + std::to_string(fan_in) +
                                            " inputs");
    fan_in = layer.neurons;
    layer.weights = std::move(weights);
    layer.bias = std::vector<double>(bias.begin(), bias.end());
    spec.layers.push_back(std::move(layer));
  }

  // The outputs must be what the task says: one value, one probability, one per class.
  const std::size_t outputs = spec.layers.back().neurons;
  const std::size_t classes = info.class_names.size();
  const bool fits = info.task == data::Task::regression ? outputs == 1
                    : info.task == data::Task::binary   ? outputs == 1 && classes == 2
                                                        : classes >= 2 && outputs == classes;
  if (!fits)
    reader.fail(root["task"],
                "its task is " + reader.text(root["task"]) + " with " + std::to_string(classes) +
                    " class names, but its last layer has " + std::to_string(outputs) + " outputs");
  std::optional<Network> built;
  try {
    built.emplace(spec, registry, 0);
  } catch (const LayerError& e) {  // placed at its layer in the file
    throw Error((e.layer() ? reader.where(layers[*e.layer()]) : reader.where(root)) + ": " +
                e.what());
  }
  Network& network = *built;
  for (std::size_t l = 0; l < network.layer_count(); ++l) {
    Normalization* norm = network.normalization(l);
    if (norm == nullptr) continue;
    const YAML::Node node = layers[l];
    const std::string owner = "the normalization of layer " + std::to_string(l + 1);
    reader.restore(
        reader.need(node, "normalization_parameters", "a normalized layer"),
        norm->parameter_count(), [&](std::size_t i) { return norm->parameter(i); }, owner);
    reader.restore(
        reader.need(node, "normalization_state", "a normalized layer"), norm->state_count(),
        [&](std::size_t i) { return norm->state(i); }, owner);
  }

  if (const YAML::Node input = root["input_normalization"]) {
    InputNormalization& in = info.input_normalization;
    const YAML::Node name = reader.need(input, "name", "input_normalization");
    in.name = reader.text(name);
    in.params = reader.params(input["params"], false);
    const ComponentInfo& component =
        registry.require(Kind::normalization, in.name, reader.where(name));
    if ((component.usage & NL_USAGE_DATA) == 0)
      reader.fail(name, "normalization '" + in.name + "' cannot normalize input data");
    in.object = registry.create<Normalization>(component, registry.resolve(component, in.params));
    // bind sizes the state for this many features; the saved values then replace it.
    in.object->bind(spec.inputs, 0);
    reader.restore(
        reader.need(input, "state", "input_normalization"), in.object->state_count(),
        [&](std::size_t i) { return in.object->state(i); }, "input_normalization");
  }
  return Model{std::move(*built), std::move(info)};
}

}  // namespace

Model load_model(const std::filesystem::path& path, const Registry& registry) {
  try {
    return read_model(path, registry);
  } catch (const YAML::Exception& e) {
    // A node read as what it is not (a map walked as a list): the reader checks the shapes it
    // knows, and this catches the rest as what it is, a damaged file.
    throw Error(path.string() + ":" + std::to_string(e.mark.line + 1) + ":" +
                std::to_string(e.mark.column + 1) + ": " + e.msg +
                "; the model file is damaged or was edited by hand (save the model again)");
  }
}

}  // namespace neuronlab::engine
