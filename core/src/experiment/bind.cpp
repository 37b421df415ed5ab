// From a parsed experiment to training data: plugin checks, data, and the checks that need
// the data (output layer size, metrics for the task).
#include <neuronlab/sdk/abi.h>
#include <neuronlab/experiment/experiment.hpp>

#include "../data/text.hpp"

namespace neuronlab::experiment {

namespace {

const char* default_loss(data::Task task) {
  switch (task) {
    case data::Task::regression:
      return "mse";
    case data::Task::binary:
      return "binary_cross_entropy";
    case data::Task::categorical:
      return "categorical_cross_entropy";
  }
  return "mse";
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

void check_plugins(const Experiment& e, const Registry& registry) {
  for (std::size_t i = 0; i < e.network.layers.size(); ++i) {
    const engine::LayerSpec& layer = e.network.layers[i];
    const LayerPlaces& places = e.layer_places[i];
    registry.resolve(registry.require(Kind::activation, layer.activation, places.activation),
                     layer.activation_params);
    if (layer.normalization.empty()) continue;
    const ComponentInfo& norm =
        registry.require(Kind::normalization, layer.normalization, places.normalization);
    if (!(norm.usage & NL_USAGE_LAYER))
      throw Error(places.normalization + ": normalization '" + norm.name +
                  "' works on input data, not inside a network (use it as normalize: " + norm.name +
                  " at the top level; in a layer use batch_norm or layer_norm)");
    registry.resolve(norm, layer.normalization_params);
  }
  if (!e.training.loss.empty())
    registry.resolve(registry.require(Kind::loss, e.training.loss, e.loss_where),
                     e.training.loss_params);
  registry.resolve(registry.require(Kind::optimizer, e.training.optimizer, e.optimizer_where),
                   e.training.optimizer_params);
}

void bind_data(Experiment& e, const data::Dataset& d) {
  e.network.inputs = d.features();
  e.training.task = d.task;
  if (e.training.loss.empty()) {
    e.training.loss = default_loss(d.task);
    e.loss_where = e.file;
  }

  const engine::LayerSpec& output = e.network.layers.back();
  if (output.neurons != d.outputs()) {
    std::string need =
        d.task == data::Task::categorical
            ? "the data has " + std::to_string(d.outputs()) + " classes (" +
                  neuronlab::detail::join(d.class_names) + "), one output neuron each"
        : d.task == data::Task::binary
            ? "a binary task has one output neuron (the probability of '" + d.class_names[1] + "')"
            : "a regression task has one output neuron (the predicted '" + d.target_name + "')";
    throw Error(output.where + ": the output layer has " + std::to_string(output.neurons) +
                " neurons but " + need + "; use neurons: " + std::to_string(d.outputs()));
  }

  const bool classification = d.task != data::Task::regression;
  for (const Expectation& x : e.expect) {
    const bool accuracy = ends_with(x.metric, "_accuracy");
    const bool regression_metric =
        ends_with(x.metric, "_mse") || ends_with(x.metric, "_mae") || ends_with(x.metric, "_r2");
    if (accuracy && !classification)
      throw Error(x.where + ": " + x.metric + " is measured for classes, but this task is " +
                  "regression (use _r2, _mse or _mae)");
    if (regression_metric && classification)
      throw Error(x.where + ": " + x.metric + " is measured for regression, but this task is " +
                  data::task_name(d.task) + " (use _accuracy or _loss)");
  }
}

PreparedData prepare_data(Experiment& e, const Registry& registry) {
  check_plugins(e, registry);
  PreparedData out;
  if (e.normalize)
    out.normalizer.emplace(registry, e.normalize->name, e.normalize->params, e.normalize->where);
  data::Dataset all = load_data(e.data, e.seed);
  bind_data(e, all);
  out.split = data::split(all, e.data.test_split, e.data.validation_split, e.seed, e.data.shuffle,
                          e.data.where);
  if (out.normalizer) {
    out.normalizer->fit(out.split.train);
    out.normalizer->transform(out.split.train);
    out.normalizer->transform(out.split.validation);
    out.normalizer->transform(out.split.test);
  }
  return out;
}

}  // namespace neuronlab::experiment
