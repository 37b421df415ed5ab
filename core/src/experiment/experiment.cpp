// Reading an experiment file (the contract is in experiment.hpp): top level, network,
// training and expect. The data section is in data_spec.cpp.
#include <neuronlab/experiment/experiment.hpp>

#include <fstream>
#include <sstream>

#include "../data/text.hpp"
#include "../yaml/yaml_reader.hpp"
#include "defaults.hpp"
#include "experiment_parts.hpp"

namespace neuronlab::experiment {

using yaml::YamlReader;

const std::vector<std::string> detail::experiment_fields = {
    "name",    "description", "seed",      "data",     "normalize",
    "network", "loss",        "optimizer", "training", "expect"};

namespace {

const std::vector<std::string> metric_names = {"loss", "accuracy", "mse", "mae", "r2"};

}  // namespace

void detail::read_network(const YamlReader& in, const YAML::Node& network, Experiment& e) {
  in.check_keys(network, "network", {"layers"});
  YAML::Node layers = in.require(network, "layers", "network",
                                 "a list of layers, for example [{neurons: 1, activation: "
                                 "sigmoid}]");
  if (!layers.IsSequence() || layers.size() == 0)
    in.fail(layers, "network.layers must be a list with at least one layer");
  for (const YAML::Node& node : layers) {
    in.check_keys(node, "layer",
                  {"neurons", "activation", "normalization", "init", "weights", "bias"});
    engine::LayerSpec layer;
    layer.activation = defaults::activation;
    layer.init = defaults::init;
    LayerPlaces places;
    places.layer = in.where(node);
    layer.neurons = static_cast<std::size_t>(in.integer(
        in.require(node, "neurons", "a layer", "how many neurons, for example neurons: 8"),
        "neurons", 1, 100000));
    if (node["activation"])
      in.plugin(node["activation"], "activation", layer.activation, places.activation,
                layer.activation_params);
    else
      places.activation = places.layer;
    if (node["normalization"])
      in.plugin(node["normalization"], "normalization", layer.normalization, places.normalization,
                layer.normalization_params);
    if (node["init"]) in.plugin(node["init"], "init", layer.init, places.init, layer.init_params);
    if (YAML::Node w = node["weights"]) {
      if (!w.IsSequence()) in.fail(w, "weights must be a list of rows, one per neuron");
      std::vector<std::vector<double>> rows;
      for (const YAML::Node& row : w) {
        if (!row.IsSequence())
          in.fail(row, "each row of weights must be a list of numbers, one per input");
        std::vector<double> values;
        for (const YAML::Node& v : row) values.push_back(in.real(v, "a weight", -1e9, 1e9));
        rows.push_back(std::move(values));
      }
      layer.weights = std::move(rows);
    }
    if (YAML::Node b = node["bias"]) {
      if (!b.IsSequence()) in.fail(b, "bias must be a list of numbers, one per neuron");
      std::vector<double> values;
      for (const YAML::Node& v : b) values.push_back(in.real(v, "a bias", -1e9, 1e9));
      layer.bias = std::move(values);
    }
    e.network.layers.push_back(std::move(layer));
    e.layer_places.push_back(std::move(places));
  }
}

namespace {

// A schedule by name, with its parameters (engine::schedule_schemas); t_max defaults to the
// number of epochs.
engine::Schedule read_schedule(const YamlReader& in, const YAML::Node& node, std::size_t epochs) {
  std::string name, where;
  ParamMap params;
  in.plugin(node, "schedule", name, where, params);
  const Schema& schema =
      find_schema(engine::schedule_schemas(), name, "schedule", "schedules", where);
  return engine::make_schedule(name, resolve(schema, params), epochs);
}

void read_training(const YamlReader& in, const YAML::Node& node, Experiment& e) {
  engine::TrainingOptions& t = e.training;
  t.epochs = defaults::epochs;
  t.batch_size = defaults::batch_size;
  t.shuffle = defaults::shuffle;
  t.schedule = engine::Schedule{};  // constant
  t.clip_grad_norm = defaults::clip_grad_norm;
  t.weight_decay = defaults::weight_decay;
  t.early_stopping.patience = defaults::patience;
  t.early_stopping.min_delta = defaults::min_delta;
  t.early_stopping.restore_best = defaults::restore_best;
  if (!node) return;
  in.check_keys(node, "training",
                {"epochs", "batch_size", "shuffle", "schedule", "clip_grad_norm", "weight_decay",
                 "early_stopping", "progress_every"});
  e.training_where = in.where(node);
  if (node["epochs"])
    t.epochs = static_cast<std::size_t>(in.integer(node["epochs"], "epochs", 1, 1000000));
  // `all` (or 0) is the whole training set in one batch; 1 is per-sample.
  if (node["batch_size"]) {
    const YAML::Node b = node["batch_size"];
    e.batch_size_where = in.where(b);
    try {
      t.batch_size = b.IsScalar() && b.Scalar() == "all"
                         ? 0
                         : static_cast<std::size_t>(in.integer(b, "batch_size", 0, 100000000));
    } catch (const Error& error) {
      throw Error(std::string(error.what()) + "\n  hint: or 'all' for the whole training set");
    }
  }
  if (node["shuffle"]) t.shuffle = in.flag(node["shuffle"], "training.shuffle");
  if (node["schedule"]) t.schedule = read_schedule(in, node["schedule"], t.epochs);
  if (node["clip_grad_norm"])
    t.clip_grad_norm = in.real(node["clip_grad_norm"], "clip_grad_norm", 0, 1e9);
  if (node["weight_decay"]) t.weight_decay = in.real(node["weight_decay"], "weight_decay", 0, 1);
  if (node["progress_every"])
    e.progress_every =
        static_cast<std::size_t>(in.integer(node["progress_every"], "progress_every", 1, 1000000));
  if (YAML::Node stop = node["early_stopping"]) {
    in.check_keys(stop, "early_stopping", {"metric", "patience", "min_delta", "restore_best"});
    YAML::Node metric = in.require(stop, "metric", "early_stopping",
                                   "what to watch on the validation rows, for example loss");
    t.early_stopping.metric = in.text(metric, "early_stopping.metric");
    e.early_stopping_where = in.where(metric);
    bool known = false;
    for (const auto& m : metric_names) known = known || m == t.early_stopping.metric;
    if (!known)
      in.fail(metric,
              "unknown metric '" + t.early_stopping.metric + "'" +
                  did_you_mean(t.early_stopping.metric, metric_names) +
                  "; early stopping watches one of: " + neuronlab::detail::join(metric_names));
    if (stop["patience"])
      t.early_stopping.patience =
          static_cast<std::size_t>(in.integer(stop["patience"], "patience", 1, 1000000));
    if (stop["min_delta"])
      t.early_stopping.min_delta = in.real(stop["min_delta"], "min_delta", 0, 1e9);
    if (stop["restore_best"])
      t.early_stopping.restore_best = in.flag(stop["restore_best"], "early_stopping.restore_best");
    if (e.data.validation_split <= 0)
      in.fail(stop,
              "early_stopping watches the validation rows, but there are none (add "
              "validation_split: 0.1 to data)");
  }
}

void read_expect(const YamlReader& in, const YAML::Node& node, Experiment& e) {
  in.expect_map(node, "expect");
  std::vector<std::string> metrics;
  for (const char* part : {"train", "validation", "test"})
    for (const auto& m : metric_names) metrics.push_back(std::string(part) + "_" + m);
  in.check_keys(node, "expect", metrics);
  for (auto it = node.begin(); it != node.end(); ++it) {
    Expectation x;
    x.metric = it->first.Scalar();
    x.where = in.where(it->first);
    const YAML::Node bounds = it->second;
    in.check_keys(bounds, "expect." + x.metric, {"at_least", "at_most"});
    if (bounds["at_least"]) x.at_least = in.real(bounds["at_least"], "at_least", -1e12, 1e12);
    if (bounds["at_most"]) x.at_most = in.real(bounds["at_most"], "at_most", -1e12, 1e12);
    if (!x.at_least && !x.at_most)
      in.fail(bounds, "expect." + x.metric + " needs at_least: or at_most: (or both)");
    if (x.at_least && x.at_most && *x.at_least > *x.at_most)
      in.fail(bounds, "expect." + x.metric + " can never hold: at_least is above at_most");
    const bool test = x.metric.rfind("test_", 0) == 0;
    const bool validation = x.metric.rfind("validation_", 0) == 0;
    if ((test && e.data.test_split <= 0) || (validation && e.data.validation_split <= 0))
      in.fail(it->first, x.metric + " needs " + (test ? "test" : "validation") +
                             " rows, but there are none (add " +
                             (test ? "test_split" : "validation_split") + ": 0.2 to data)");
    e.expect.push_back(std::move(x));
  }
}

}  // namespace

Experiment parse_experiment(const std::string& text, const std::string& file,
                            const std::filesystem::path& base_dir,
                            const std::vector<Override>& overrides) {
  YamlReader in(file);
  const YAML::Node root = in.load_versioned(text, "an experiment", experiment_format_version);
  for (const Override& o : overrides) detail::apply_override(in, root, o);
  std::vector<std::string> top_keys = {"format_version", "kind"};
  top_keys.insert(top_keys.end(), detail::experiment_fields.begin(),
                  detail::experiment_fields.end());
  // A sweep's keys (sweep.hpp reads them; one run of the sweep is the experiment without them).
  top_keys.insert(top_keys.end(), {"sweep", "repeats", "sweep_metric"});
  in.check_keys(root, "an experiment file", top_keys);

  if (root["kind"]) {
    const std::string kind = in.text(root["kind"], "kind");
    if (kind == "lesson")
      in.fail(root["kind"], "this file is a lesson; open it with 'neuronlab learn'");
    if (kind != "experiment")
      in.fail(root["kind"], "unknown kind '" + kind + "'" +
                                did_you_mean(kind, {"experiment", "lesson"}) +
                                "; 'neuronlab run' runs kind: experiment");
  }
  return detail::read_experiment_fields(in, root, base_dir,
                                        std::filesystem::path(file).stem().string());
}

Experiment detail::read_experiment_fields(const YamlReader& in, const YAML::Node& root,
                                          const std::filesystem::path& base_dir,
                                          const std::string& default_name) {
  Experiment e;
  e.file = in.file();
  e.seed = defaults::seed;
  e.name = root["name"] ? in.text(root["name"], "name") : default_name;
  if (root["description"]) e.description = in.text(root["description"], "description");
  if (root["seed"])
    e.seed = static_cast<std::uint64_t>(in.integer(root["seed"], "seed", 0, 2147483647));
  e.training.seed = e.seed;

  read_data(in,
            in.require(root, "data", "an experiment file",
                       "where the rows come from: csv:, inline: or generate:"),
            base_dir, e.data);
  if (root["normalize"]) {
    PluginRef n;
    in.plugin(root["normalize"], "normalize", n.name, n.where, n.params);
    e.normalize = std::move(n);
  }
  detail::read_network(in,
                       in.require(root, "network", "an experiment file",
                                  "the layers, for example network: {layers: [{neurons: 1}]}"),
                       e);
  e.training.loss.clear();
  if (root["loss"])
    in.plugin(root["loss"], "loss", e.training.loss, e.loss_where, e.training.loss_params);
  e.training.optimizer = defaults::optimizer;
  e.optimizer_where = in.where(root);
  if (root["optimizer"])
    in.plugin(root["optimizer"], "optimizer", e.training.optimizer, e.optimizer_where,
              e.training.optimizer_params);
  read_training(in, root["training"], e);
  if (root["expect"]) read_expect(in, root["expect"], e);
  return e;
}

Experiment read_experiment(const std::filesystem::path& file,
                           const std::vector<Override>& overrides) {
  const std::string text = YamlReader(file.string()).read(file);
  return parse_experiment(text, file.string(), file.parent_path(), overrides);
}

}  // namespace neuronlab::experiment
