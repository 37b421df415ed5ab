// The network step: makes a network the lesson's current one, for the trace, train and plot
// steps after it. Its layers are written as an experiment's network: (explicit weights and
// biases allowed); its inputs are the current data's features, or `inputs:` when no data step
// came before. The network is shown layer by layer with its weights.
//   - network:
//       layers:
//         - {neurons: 2, activation: tanh, weights: [[1, 1], [1, 1]], bias: [-0.5, -1.5]}
//         - {neurons: 1, activation: sigmoid, weights: [[2, -2]], bias: [0]}
//     inputs: 2                         optional with a data step before
//     seed: 1                           optional: seeds the weights not written (default 0)
#include <neuronlab/engine/network.hpp>
#include <neuronlab/experiment/report.hpp>
#include <neuronlab/lesson/runner.hpp>

#include "../../experiment/experiment_parts.hpp"
#include "../step_kind.hpp"

namespace neuronlab::lesson {
namespace {

struct NetworkStep : StepBody {
  experiment::Experiment layers;  // network and layer_places, as an experiment reads them
  std::size_t inputs = 0;         // 0: the current data's features
  std::uint64_t seed = 0;
  std::string where;

  void check_plugins(const Registry& registry) const override {
    for (std::size_t l = 0; l < layers.network.layers.size(); ++l) {
      const engine::LayerSpec& layer = layers.network.layers[l];
      const experiment::LayerPlaces& at = layers.layer_places[l];
      registry.resolve(registry.require(Kind::activation, layer.activation, at.activation),
                       layer.activation_params);
      if (!layer.normalization.empty())
        registry.resolve(
            registry.require(Kind::normalization, layer.normalization, at.normalization),
            layer.normalization_params);
    }
  }

  bool run(StepContext& context) const override {
    engine::NetworkSpec spec = layers.network;
    spec.inputs = inputs ? inputs : context.data->train.features();
    try {
      context.network.emplace(spec, context.registry, seed);
      context.path.clear();
    } catch (const engine::LayerError& e) {
      const std::string at = e.layer() ? layers.layer_places[*e.layer()].layer : where;
      throw Error(at + ": " + e.what());
    }
    print(*context.network, context.console.out);
    return true;
  }

  static void print(const engine::Network& net, std::ostream& out) {
    out << "network: " << net.inputs() << (net.inputs() == 1 ? " input" : " inputs");
    for (std::size_t l = 0; l < net.layer_count(); ++l)
      out << " -> " << net.neurons(l) << " " << net.spec().layers[l].activation
          << (net.spec().layers[l].normalization.empty()
                  ? ""
                  : "+" + net.spec().layers[l].normalization);
    out << "\n";
    for (std::size_t l = 0; l < net.layer_count(); ++l)
      for (std::size_t i = 0; i < net.neurons(l); ++i) {
        const engine::Neuron n = net.neuron(l, i);
        out << "  layer " << l + 1 << " neuron " << i + 1 << ": weights ";
        for (std::size_t j = 0; j < n.inputs; ++j)
          out << (j ? ", " : "") << experiment::format_metric(n.weights[j]);
        out << "; bias " << experiment::format_metric(n.bias) << "\n";
      }
  }
};

}  // namespace

namespace detail {
namespace {

std::shared_ptr<const StepBody> read(const StepReader& reader, const YAML::Node& step) {
  const yaml::YamlReader& in = reader.in;
  auto made = std::make_shared<NetworkStep>();
  made->where = in.key_where(step, "network");
  experiment::detail::read_network(in, step["network"], made->layers);
  if (step["inputs"])
    made->inputs = std::size_t(in.integer(step["inputs"], "inputs", 1, 100000));
  else if (!reader.scope.has_data)
    needs_earlier(reader, step, "network", "its number of inputs",
                  "put a data step before it, or write inputs: N on this step");
  if (step["seed"]) made->seed = std::uint64_t(in.integer(step["seed"], "seed", 0, 2147483647));
  keep(reader.scope.network, step["network"]);
  reader.scope.has_network = true;
  return made;
}

}  // namespace

const StepKind& network_step_kind() {
  static const StepKind kind{"network",
                             {"inputs", "seed"},
                             "write the layers as an experiment does: {layers: [...]}",
                             &read};
  return kind;
}

}  // namespace detail
}  // namespace neuronlab::lesson
