// The trace step: one observation through the current network, neuron by neuron, with the
// numbers substituted; with backward: true, one training step backwards as well — the loss,
// each neuron's delta ∂loss/∂z, each weight's and bias's gradient beside the numeric gradient
// (a central difference of the loss), and the update plain gradient descent would make.
//   - trace:
//       input: [1, 0]               raw input values (the data's normalization is applied), or
//       row: 2                      a training row of the current data (1 is the first)
//       backward: true              optional
//       target: [1]                 with backward: the wanted output (default: the row's)
//       loss: binary_cross_entropy  with backward: default the data's task's loss
//       learning_rate: 0.1          with backward: for the update shown (default 0.1)
// The numbers are the engine's float32 values, printed with 4 significant digits.
#include <neuronlab/engine/network.hpp>
#include <neuronlab/lesson/runner.hpp>

#include <cmath>
#include <cstdio>

#include "../../experiment/defaults.hpp"
#include "../step_kind.hpp"

namespace neuronlab::lesson {

// "0.5", "-0.0163", "1.2e-05": how the trace prints a value.
std::string trace_number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", v == 0 ? 0.0 : v);
  return buffer;
}

namespace {

std::string term(double v) { return v < 0 ? "(" + trace_number(v) + ")" : trace_number(v); }

struct TraceStep : StepBody {
  std::vector<double> input;  // empty: row
  std::size_t row = 0;        // 1-based
  bool backward = false;
  std::vector<double> target;  // empty: the row's
  std::string loss;            // empty: the task's
  std::string loss_where, where;
  double learning_rate = 0.1;

  void check_plugins(const Registry& registry) const override {
    if (!loss.empty()) registry.require(Kind::loss, loss, loss_where);
  }

  bool run(StepContext& context) const override;
  void forward(engine::Network& net, const std::vector<float>& x, const StepContext& context,
               std::ostream& out) const;
  void backwards(engine::Network& net, const std::vector<float>& x, const std::vector<float>& y,
                 const Loss& loss_object, const std::string& loss_name, std::ostream& out) const;
};

void TraceStep::forward(engine::Network& net, const std::vector<float>& x,
                        const StepContext& context, std::ostream& out) const {
  out << "one observation forward:";
  const std::vector<std::string>* names =
      context.data ? &context.data->train.feature_names : nullptr;
  for (std::size_t j = 0; j < x.size(); ++j)
    out << (j ? "," : "") << " "
        << (names && j < names->size() ? (*names)[j] : "x" + std::to_string(j + 1)) << " = "
        << trace_number(x[j]);
  out << "\n";
  for (std::size_t l = 0; l < net.layer_count(); ++l) {
    const std::string& f = net.spec().layers[l].activation;
    for (std::size_t i = 0; i < net.neurons(l); ++i) {
      const engine::NeuronTrace t = net.trace_neuron(l, i, x.data());
      std::string sum;
      for (std::size_t j = 0; j < t.inputs.size(); ++j)
        sum += (j ? " + " : "") + term(t.inputs[j]) + "\u00b7" + term(t.weights[j]);
      out << "  layer " << l + 1 << " neuron " << i + 1 << ": z = " << sum << " + " << term(t.bias)
          << " = " << trace_number(t.weighted_sum);
      if (t.normalized != t.weighted_sum) out << ", normalized " << trace_number(t.normalized);
      out << "; a = " << f << "(" << trace_number(t.normalized)
          << ") = " << trace_number(t.activation) << "\n";
    }
  }
}

// The loss of the network's output for x against y, with parameter `value` set to `set`.
double loss_with(engine::Network& net, float& value, float set, const std::vector<float>& x,
                 const std::vector<float>& y, const Loss& loss) {
  const float kept = value;
  value = set;
  net.forward(ConstMatrixView(x.data(), 1, x.size(), x.size()));
  const double l = net.loss(loss, ConstMatrixView(y.data(), 1, y.size(), y.size()));
  value = kept;
  return l;
}

// ∂loss/∂value by a central difference, with a step of 1e-3 of the value's size.
double numeric_gradient(engine::Network& net, float& value, const std::vector<float>& x,
                        const std::vector<float>& y, const Loss& loss) {
  const float h = 1e-3f * std::max(1.0f, std::fabs(value));
  const float up = value + h, down = value - h;
  return (loss_with(net, value, up, x, y, loss) - loss_with(net, value, down, x, y, loss)) /
         (static_cast<double>(up) - static_cast<double>(down));
}

void TraceStep::backwards(engine::Network& net, const std::vector<float>& x,
                          const std::vector<float>& y, const Loss& loss_object,
                          const std::string& loss_name, std::ostream& out) const {
  const engine::BackwardTrace b =
      net.trace_backward(x.data(), y.data(), loss_object, learning_rate);
  out << "one training step backwards (loss " << loss_name << ", target";
  for (float v : y) out << " " << trace_number(v);
  out << ", learning rate " << trace_number(learning_rate)
      << "):\n  loss = " << trace_number(b.loss) << "\n";
  for (std::size_t l = net.layer_count(); l-- > 0;) {
    const engine::LayerBackwardTrace& t = b.layers[l];
    const std::size_t fan_in = net.fan_in(l);
    MatrixView w = net.weights(l);
    for (std::size_t i = 0; i < net.neurons(l); ++i) {
      out << "  layer " << l + 1 << " neuron " << i + 1
          << ": delta \u2202loss/\u2202z = " << trace_number(t.delta[i]) << "\n";
      for (std::size_t j = 0; j < fan_in; ++j) {
        const double numeric = numeric_gradient(net, w(i, j), x, y, loss_object);
        out << "    weight " << j + 1 << ": gradient "
            << trace_number(t.weight_gradient[i * fan_in + j]) << " (numeric "
            << trace_number(numeric) << "), update "
            << trace_number(t.weight_update[i * fan_in + j]) << "\n";
      }
      const double numeric = numeric_gradient(net, net.bias(l)[i], x, y, loss_object);
      out << "    bias:     gradient " << trace_number(t.bias_gradient[i]) << " (numeric "
          << trace_number(numeric) << "), update " << trace_number(t.bias_update[i]) << "\n";
    }
  }
}

bool TraceStep::run(StepContext& context) const {
  engine::Network& net = *context.network;
  std::vector<float> x, y;
  if (!input.empty()) {
    if (input.size() != net.inputs())
      throw Error(where + ": trace.input has " + std::to_string(input.size()) +
                  " values, and the network takes " + std::to_string(net.inputs()));
    x.assign(input.begin(), input.end());
    if (context.normalizer) context.normalizer->transform(x, 1, x.size());
  } else {
    const data::Dataset& d = context.data->train;
    if (row > d.rows)
      throw Error(where + ": trace.row " + std::to_string(row) + ": the training rows are 1 to " +
                  std::to_string(d.rows));
    x.assign(d.x.begin() + (row - 1) * d.features(), d.x.begin() + row * d.features());
    y.assign(d.y.begin() + (row - 1) * d.outputs(), d.y.begin() + row * d.outputs());
  }
  std::ostream& out = context.console.out;
  forward(net, x, context, out);
  if (!backward) return true;
  if (!target.empty()) y.assign(target.begin(), target.end());
  if (y.size() != net.outputs())
    throw Error(where + ": the network has " + std::to_string(net.outputs()) +
                " outputs; give trace.target with one value each");
  const std::string name =
      !loss.empty() ? loss : std::string(experiment::defaults::loss(context.data->train.task));
  const std::shared_ptr<Loss> loss_object = context.registry.create<Loss>(name, {}, loss_where);
  backwards(net, x, y, *loss_object, name, out);
  return true;
}

}  // namespace

namespace detail {
namespace {

std::vector<double> numbers(const yaml::YamlReader& in, const YAML::Node& node,
                            const std::string& name) {
  if (!node.IsSequence() || node.size() == 0)
    in.fail(node, name + " must be a list of numbers, for example [1, 0]");
  std::vector<double> out;
  for (const YAML::Node& v : node) out.push_back(in.real(v, name, -1e6, 1e6));
  return out;
}

std::shared_ptr<const StepBody> read(const StepReader& reader, const YAML::Node& step) {
  const yaml::YamlReader& in = reader.in;
  const YAML::Node node = step["trace"];
  in.expect_map(node, "trace");
  in.check_keys(node, "trace", {"input", "row", "backward", "target", "loss", "learning_rate"});
  if (!reader.scope.has_network)
    needs_earlier(reader, step, "trace", "a network",
                  "put a network step (or an experiment or train step) before it");
  auto made = std::make_shared<TraceStep>();
  TraceStep& t = *made;
  t.where = in.where(node);
  if (node["input"] && node["row"])
    throw Error(in.key_where(node, "row") + ": give trace.input or trace.row, not both");
  if (node["input"]) {
    t.input = numbers(in, node["input"], "trace.input");
  } else if (node["row"]) {
    if (!reader.scope.has_data)
      needs_earlier(reader, step, "trace",
                    "data for row:", "put a data step before it, or give input: [...]");
    t.row = std::size_t(in.integer(node["row"], "trace.row", 1, 100000000));
  } else {
    in.fail(node, "trace needs the observation: input: [1, 0] or row: 1");
  }
  if (node["backward"]) t.backward = in.flag(node["backward"], "trace.backward");
  for (const char* key : {"target", "loss", "learning_rate"})
    if (node[key] && !t.backward)
      throw Error(in.key_where(node, key) + ": trace." + key +
                  " is for the backward step: add backward: true, or remove it");
  if (node["target"]) t.target = numbers(in, node["target"], "trace.target");
  if (t.backward && t.row == 0 && t.target.empty())
    in.fail(node, "a backward trace of input: [...] needs target: [...] (the wanted output)");
  if (node["loss"]) {
    t.loss = in.text(node["loss"], "trace.loss");
    t.loss_where = in.where(node["loss"]);
  } else if (t.backward && !reader.scope.has_data) {
    in.fail(node, "a backward trace needs loss: (there is no data step to take its task from)");
  }
  if (node["learning_rate"])
    t.learning_rate = in.real(node["learning_rate"], "trace.learning_rate", 0, 1e6);
  return made;
}

}  // namespace

const StepKind& trace_step_kind() {
  static const StepKind kind{"trace", {}, "give input: [...] or row: N below it", &read};
  return kind;
}

}  // namespace detail
}  // namespace neuronlab::lesson
