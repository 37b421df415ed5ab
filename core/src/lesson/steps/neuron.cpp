// The neuron step: one neuron with explicit weights, run through the engine (a network of one
// layer with one neuron, traced for one observation), printed with its numbers substituted:
//   z = x1·w1 + … + xn·wn + b,   a = f(z)
// The numbers are the engine's float32 values, not a recomputation, so the lesson shows what
// training would use.
//   - neuron:
//       inputs: {age: 0.5, salary: -1.2}
//       weights: [0.8, 0.3]          (or {age: 0.8, salary: 0.3})
//       bias: 0.1
//       activation: sigmoid
#include <neuronlab/engine/network.hpp>
#include <neuronlab/lesson/runner.hpp>

#include <cstdio>
#include <optional>
#include <variant>

#include "../step_kind.hpp"

namespace neuronlab::lesson {
namespace {

// "0.14", "−1.2" (a typographic minus, as in the course text).
std::string number(double v) {
  if (v == 0) v = 0;  // no "−0"
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", v < 0 ? -v : v);
  return (v < 0 ? "\u2212" : "") + std::string(buffer);
}

// A factor or term of a sum: negative numbers in parentheses, "(−1.2)".
std::string term(double v) { return v < 0 ? "(" + number(v) + ")" : number(v); }

std::string param_text(const ParamValue& p) {
  if (const auto* d = std::get_if<double>(&p.value)) return number(*d);
  if (const auto* b = std::get_if<bool>(&p.value)) return *b ? "true" : "false";
  return std::get<std::string>(p.value);
}

}  // namespace

std::string neuron_text(const NeuronStep& step, const Registry& registry) {
  const std::size_t n = step.inputs.size();
  engine::LayerSpec layer;
  layer.neurons = 1;
  layer.activation = step.activation;
  layer.activation_params = step.activation_params;
  layer.weights = std::vector<std::vector<double>>{step.weights};
  layer.bias = std::vector<double>{step.bias};
  std::optional<engine::Network> built;
  try {
    built.emplace(engine::NetworkSpec{n, {layer}}, registry, 0);
  } catch (const engine::LayerError& e) {
    throw Error(step.activation_where + ": " + e.what());
  }
  engine::Network& network = *built;
  const std::vector<float> x(step.inputs.begin(), step.inputs.end());
  const engine::NeuronTrace t = network.trace_neuron(0, 0, x.data());

  std::string inputs, weights, sum;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string sep = i ? ", " : "";
    inputs += sep + step.input_names[i] + " " + number(t.inputs[i]);
    weights += sep + step.input_names[i] + " " + number(t.weights[i]);
    sum += (i ? " + " : "") + term(t.inputs[i]) + "\u00b7" + term(t.weights[i]);
  }
  std::string params;
  for (const auto& [name, value] : step.activation_params)
    params += (params.empty() ? "   (" : ", ") + name + " " + param_text(value);
  if (!params.empty()) params += ")";

  return "  inputs   " + inputs + "\n  weights  " + weights + "; bias " + number(t.bias) +
         "\n  z = " + sum + " + " + term(t.bias) + " = " + number(t.weighted_sum) +
         "\n  a = " + step.activation + "(" + number(t.weighted_sum) +
         ") = " + number(t.activation) + params + "\n";
}

void NeuronStep::check_plugins(const Registry& registry) const {
  registry.resolve(registry.require(Kind::activation, activation, activation_where),
                   activation_params);
}

bool NeuronStep::run(StepContext& context) const {
  context.console.out << neuron_text(*this, context.registry);
  return true;
}

namespace detail {
namespace {

using yaml::YamlReader;

std::shared_ptr<const StepBody> read(const StepReader& reader, const YAML::Node& step) {
  const YamlReader& in = reader.in;
  const YAML::Node node = step["neuron"];
  in.check_keys(node, "neuron", {"inputs", "weights", "bias", "activation"});
  auto made = std::make_shared<NeuronStep>();
  NeuronStep& n = *made;
  const YAML::Node inputs =
      in.require(node, "inputs", "neuron", "named input values, for example {age: 0.5}");
  in.expect_map(inputs, "neuron.inputs");
  if (inputs.size() == 0) in.fail(inputs, "neuron.inputs needs at least one input");
  for (auto it = inputs.begin(); it != inputs.end(); ++it) {
    n.input_names.push_back(in.text(it->first, "an input name"));
    n.inputs.push_back(in.real(it->second, "input '" + n.input_names.back() + "'", -1e6, 1e6));
  }
  in.check_keys(inputs, "neuron.inputs", n.input_names);  // repeated names

  const YAML::Node weights =
      in.require(node, "weights", "neuron", "one weight per input, for example [0.8, 0.3]");
  if (weights.IsSequence()) {
    if (weights.size() != n.inputs.size())
      in.fail(weights, "neuron.weights has " + std::to_string(weights.size()) + " values for " +
                           std::to_string(n.inputs.size()) +
                           " inputs (give one weight per input, in the order of the inputs)");
    for (const YAML::Node& w : weights) n.weights.push_back(in.real(w, "a weight", -1e6, 1e6));
  } else if (weights.IsMap()) {
    in.check_keys(weights, "neuron.weights", n.input_names);
    for (const std::string& name : n.input_names)
      n.weights.push_back(in.real(
          in.require(weights, name, "neuron.weights", "a weight for every input, by its name"),
          "weight '" + name + "'", -1e6, 1e6));
  } else {
    in.fail(weights, "neuron.weights must be a list [0.8, 0.3] or a map {age: 0.8, salary: 0.3}");
  }
  if (node["bias"]) n.bias = in.real(node["bias"], "neuron.bias", -1e6, 1e6);
  in.plugin(in.require(node, "activation", "neuron", "a plugin, for example sigmoid"), "activation",
            n.activation, n.activation_where, n.activation_params);
  return made;
}

}  // namespace

const StepKind& neuron_step_kind() {
  static const StepKind kind{
      "neuron", {}, "give inputs:, weights:, bias: and activation: below it", &read};
  return kind;
}

}  // namespace detail
}  // namespace neuronlab::lesson
