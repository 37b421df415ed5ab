// The neuron step: one neuron with explicit weights, run through the engine (a network of one
// layer with one neuron, traced for one observation), printed with its numbers substituted:
//   z = x1·w1 + … + xn·wn + b,   a = f(z)
// The numbers are the engine's float32 values, not a recomputation, so the lesson shows what
// training would use.
#include <neuronlab/engine/network.hpp>
#include <neuronlab/lesson/runner.hpp>

#include <cstdio>
#include <variant>

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
  layer.where = step.activation_where;
  engine::Network network(engine::NetworkSpec{n, {layer}, step.activation_where}, registry, 0);
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

}  // namespace neuronlab::lesson
