// The train step: trains the lesson's current network on its current data — the network
// step's layers with the weights the network holds now (so a second train step goes on from
// where the first stopped), the data step's data — through the same pipeline as `neuronlab
// run`, with live progress on a terminal, the final metrics, a small loss curve, and the
// expect: conditions as graded checks. The trained network and its record are kept for the
// steps after it.
//   - train:
//       loss: binary_cross_entropy          the keys of an experiment besides data, normalize
//       optimizer: {name: adam, learning_rate: 0.05}    and network: name, seed, loss,
//       training: {epochs: 300, batch_size: 4}          optimizer, training, expect
//       expect: {train_accuracy: {at_least: 1.0}}
//     show: [weights, predictions]          optional, as for an experiment step
#include <neuronlab/lesson/runner.hpp>

#include "../../experiment/experiment_parts.hpp"
#include "../step_kind.hpp"

namespace neuronlab::lesson {
namespace {

struct TrainStep : ExperimentStep {
  bool run(StepContext& context) const override {
    experiment::Experiment e = experiment;
    // Go on from the current network's weights when it has this step's shape.
    if (context.network) {
      const engine::Network& net = *context.network;
      const bool same = net.layer_count() == e.network.layers.size() &&
                        (!context.data || net.inputs() == context.data->train.features());
      for (std::size_t l = 0; same && l < net.layer_count(); ++l) {
        engine::LayerSpec& layer = e.network.layers[l];
        if (layer.neurons != net.neurons(l)) break;
        const ConstMatrixView w = net.weights(l);
        std::vector<std::vector<double>> rows(w.rows);
        for (std::size_t r = 0; r < w.rows; ++r) rows[r].assign(w.row(r), w.row(r) + w.cols);
        layer.weights = std::move(rows);
        layer.bias = std::vector<double>(net.bias(l), net.bias(l) + net.neurons(l));
      }
    }
    run_graded(*this, e, context);
    return true;
  }
};

}  // namespace

namespace detail {
namespace {

std::shared_ptr<const StepBody> read(const StepReader& reader, const YAML::Node& step) {
  const yaml::YamlReader& in = reader.in;
  const YAML::Node node = step["train"];
  in.expect_map(node, "train");
  for (const char* part : {"data", "normalize", "network"})
    if (node[part])
      throw Error(in.key_where(node, part) + ": a train step trains the current " +
                  (std::string(part) == "network" ? "network" : "data") + "; set it with a " +
                  (std::string(part) == "network" ? "network" : "data") +
                  " step before, or use an experiment step that has its own");
  if (node["seed"])
    throw Error(in.key_where(node, "seed") +
                ": a train step trains on the data step's rows, which its seed: chose (and the "
                "network starts from its current weights): write seed: on the data step");
  in.check_keys(node, "a train step",
                {"name", "description", "loss", "optimizer", "training", "expect"});
  LessonScope& scope = reader.scope;
  if (!scope.has_data || scope.data.IsNull())
    needs_earlier(reader, step, "train", "data", "put a data step before it");
  if (scope.network.IsNull())
    needs_earlier(reader, step, "train", "a network", "put a network step before it");
  // The experiment this step runs: the current data and network with the step's own keys.
  YAML::Node composed(YAML::NodeType::Map);
  composed["data"] = scope.data;
  if (!scope.normalize.IsNull()) composed["normalize"] = scope.normalize;
  composed["network"] = scope.network;
  if (!scope.seed.IsNull()) composed["seed"] = scope.seed;
  for (auto it = node.begin(); it != node.end(); ++it) composed[it->first.Scalar()] = it->second;
  auto made = std::make_shared<TrainStep>();
  made->experiment = experiment::detail::read_experiment_fields(in, composed, reader.base_dir,
                                                                reader.default_name);
  made->show_curve = true;
  read_show(in, step, *made);
  scope.has_network = scope.has_record = true;
  return made;
}

}  // namespace

const StepKind& train_step_kind() {
  static const StepKind kind{"train",
                             {"show", "report"},
                             "write {} to train with the defaults, or give loss:, optimizer:, "
                             "training: or expect: below it",
                             &read};
  return kind;
}

}  // namespace detail
}  // namespace neuronlab::lesson
