// From a parsed experiment to a bound one: plugin checks, data, the checks that need the data
// (output layer size, metrics and loss for the task, batches a normalization can train on,
// memory), the split and the input normalization. The parsed experiment is not changed.
#include <neuronlab/sdk/abi.h>
#include <neuronlab/experiment/experiment.hpp>
#include <neuronlab/schema.hpp>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "../data/text.hpp"
#include "defaults.hpp"

namespace neuronlab::experiment {

namespace {

using neuronlab::detail::join;

std::string at(const std::string& where, const std::string& fallback) {
  return (where.empty() ? fallback : where) + ": ";
}

// Every parameter of the component with its value: the written ones keep where they were
// written, the others get their defaults. Resolves to the same values again.
ParamMap resolved(const Registry& registry, Kind kind, const std::string& name,
                  const ParamMap& given) {
  const ComponentInfo& info = registry.require(kind, name);
  return resolved_params(info.params, registry.resolve(info, given), given);
}

void resolve_plugins(Experiment& e, const Registry& registry) {
  for (engine::LayerSpec& layer : e.network.layers) {
    const Schema& init =
        find_schema(engine::init_schemas(), layer.init, "init", "init schemes", "");
    layer.init_params =
        resolved_params(init.params, resolve(init, layer.init_params).values(), layer.init_params);
    layer.activation_params =
        resolved(registry, Kind::activation, layer.activation, layer.activation_params);
    if (!layer.normalization.empty())
      layer.normalization_params =
          resolved(registry, Kind::normalization, layer.normalization, layer.normalization_params);
  }
  e.training.loss_params = resolved(registry, Kind::loss, e.training.loss, e.training.loss_params);
  e.training.optimizer_params =
      resolved(registry, Kind::optimizer, e.training.optimizer, e.training.optimizer_params);
  if (e.normalize)
    e.normalize->params =
        resolved(registry, Kind::normalization, e.normalize->name, e.normalize->params);
  if (e.data.source == DataSpec::Source::generate) {
    const Schema& generator = data::require_generator(e.data.generator, e.data.where).schema;
    e.data.generator_params =
        resolved_params(generator.params, resolve(generator, e.data.generator_params).values(),
                        e.data.generator_params);
  }
}

void check_output_layer(const Experiment& e, const data::Dataset& d) {
  const engine::LayerSpec& output = e.network.layers.back();
  // Softmax divides each output by their sum: over one neuron it is 1 whatever the input.
  if (output.activation == "softmax" && output.neurons == 1)
    throw Error(e.layer_places.back().activation +
                ": softmax over a single output neuron is always 1, so the network cannot learn "
                "anything; use sigmoid for one output (a binary task), softmax for one neuron "
                "per class");
  if (output.neurons == d.outputs()) return;
  std::string need =
      d.task == data::Task::categorical
          ? "the data has " + std::to_string(d.outputs()) + " classes (" + join(d.class_names) +
                "), one output neuron each"
      : d.task == data::Task::binary
          ? "a binary task has one output neuron (the probability of '" + d.class_names[1] + "')"
          : "a regression task has one output neuron (the predicted '" + d.target_name + "')";
  throw Error(e.layer_places.back().layer + ": the output layer has " +
              std::to_string(output.neurons) + " neurons but " + need +
              "; use neurons: " + std::to_string(d.outputs()));
}

void check_metrics(const Experiment& e, data::Task task) {
  const bool classification = task != data::Task::regression;
  for (const Expectation& x : e.expect) {
    if (engine::has_metric(task, x.metric.substr(x.metric.find('_') + 1))) continue;
    if (!classification)
      throw Error(x.where + ": " + x.metric + " is measured for classes, but this task is " +
                  "regression (use _r2, _mse or _mae)");
    throw Error(x.where + ": " + x.metric + " is measured for regression, but this task is " +
                data::task_name(task) + " (use _accuracy or _loss)");
  }
  const std::string& watched = e.training.early_stopping.metric;
  if (watched.empty() || engine::has_metric(task, watched)) return;
  throw Error(at(e.early_stopping_where, e.file) + "early_stopping cannot watch '" + watched +
              "' in a " + data::task_name(task) + " task; " +
              (classification ? "for classes watch loss or accuracy"
                              : "for regression watch loss, mse, mae or r2"));
}

// A loss that fuses with sigmoid or softmax measures class probabilities: it cannot score a
// number, and a softmax over one output is always 1.
void check_loss(const Experiment& e, const data::Dataset& d, const Registry& registry) {
  const engine::LayerSpec& output = e.network.layers.back();
  registry.check_pairing(e.training.loss, output.activation, output.activation_params,
                         e.loss_where.empty() ? e.file : e.loss_where);
  const std::shared_ptr<Loss> loss =
      registry.create<Loss>(e.training.loss, e.training.loss_params, e.loss_where);
  const char* fused = loss->fused_activation();
  if (fused == nullptr) return;
  const std::string partner = fused;
  const std::string where = at(e.loss_where, e.file) + "loss '" + e.training.loss + "'";
  if (d.task == data::Task::regression)
    throw Error(where + " measures class probabilities, but this task is regression (the target '" +
                d.target_name + "' is a number); use a loss for numbers such as mse, mae or " +
                "huber, or give data.task: binary or categorical if the target names classes");
  if (d.task == data::Task::binary && partner == "softmax")
    throw Error(where +
                " compares several class probabilities, but this task is binary (one output, "
                "the probability of '" +
                d.class_names[1] + "'); use binary_cross_entropy with a sigmoid output");
}

// A layer normalization that needs several rows per batch in training (batch statistics)
// is tried on the batch size the training will give it, so that the mistake is reported at
// batch_size, before any training.
void check_batch_normalization(const Experiment& e, std::size_t train_rows,
                               const Registry& registry) {
  const std::size_t batch =
      e.training.batch_size == 0 ? train_rows : std::min(e.training.batch_size, train_rows);
  if (batch != 1) return;
  for (std::size_t l = 0; l < e.network.layers.size(); ++l) {
    const engine::LayerSpec& layer = e.network.layers[l];
    if (layer.normalization.empty()) continue;
    const std::shared_ptr<Normalization> norm = registry.create<Normalization>(
        layer.normalization, layer.normalization_params, e.layer_places[l].normalization);
    std::vector<float> z(layer.neurons, 0.5f), h(layer.neurons);
    try {
      norm->bind(layer.neurons, 1);
      norm->forward({z.data(), 1, layer.neurons, layer.neurons},
                    {h.data(), 1, layer.neurons, layer.neurons}, true);
    } catch (const std::exception& refused) {
      const std::string why = e.training.batch_size == 1 ? "batch_size 1 gives"
                                                         : "with " + std::to_string(train_rows) +
                                                               " training row, it gives";
      throw Error(at(e.batch_size_where, e.training_where.empty() ? e.file : e.training_where) +
                  why + " layer " + std::to_string(l + 1) + "'s normalization '" +
                  layer.normalization +
                  "' one row per batch, and it cannot train on one: " + refused.what());
    }
  }
}

// "10,000,200,101"
std::string grouped(double count) {
  std::string digits = std::to_string(static_cast<unsigned long long>(count));
  for (std::size_t i = digits.size(); i > 3; i -= 3) digits.insert(i - 3, ",");
  return digits;
}

std::string gigabytes(double bytes) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g GB", bytes / 1e9);
  return buffer;
}

// Weights, gradients and up to two optimizer buffers per parameter, and five buffers of
// (batch, neurons) per layer: a lower bound of what training holds in memory, refused when
// it is more than the machine has, before anything is allocated.
void check_memory(const Experiment& e, std::size_t train_rows) {
  const std::size_t batch =
      e.training.batch_size == 0 ? train_rows : std::min(e.training.batch_size, train_rows);
  double parameters = 0, buffers = 0, largest = 0;
  std::size_t largest_layer = 0, fan_in = e.network.inputs;
  for (std::size_t l = 0; l < e.network.layers.size(); ++l) {
    const double n = double(e.network.layers[l].neurons);
    const double weights = n * double(fan_in) + n;
    parameters += weights;
    buffers += 5.0 * n * double(std::max<std::size_t>(batch, 256));
    if (weights > largest) largest = weights, largest_layer = l;
    fan_in = e.network.layers[l].neurons;
  }
  const double bytes = 4.0 * (4.0 * parameters + buffers);
  const double memory = double(sysconf(_SC_PHYS_PAGES)) * double(sysconf(_SC_PAGE_SIZE));
  if (memory <= 0 || bytes <= memory) return;
  throw Error(e.layer_places[largest_layer].layer + ": the network would need at least " +
              gigabytes(bytes) + " of memory to train its " + grouped(parameters) +
              " parameters (weights, gradients, optimizer state), more than this machine has (" +
              gigabytes(memory) + "); this layer alone has " + grouped(largest) +
              " parameters: use fewer neurons");
}

}  // namespace

void check_plugins(const Experiment& e, const Registry& registry) {
  for (std::size_t i = 0; i < e.network.layers.size(); ++i) {
    const engine::LayerSpec& layer = e.network.layers[i];
    const LayerPlaces& places = e.layer_places[i];
    registry.resolve(registry.require(Kind::activation, layer.activation, places.activation),
                     layer.activation_params);
    resolve(find_schema(engine::init_schemas(), layer.init, "init", "init schemes",
                        places.init.empty() ? places.layer : places.init),
            layer.init_params);
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

BoundExperiment bind(const Experiment& parsed, const Registry& registry) {
  check_plugins(parsed, registry);
  BoundExperiment out;
  out.experiment = parsed;
  Experiment& e = out.experiment;
  if (e.normalize)
    out.normalizer.emplace(registry, e.normalize->name, e.normalize->params, e.normalize->where);
  const data::Dataset all = load_data(e.data, e.seed);
  e.network.inputs = all.features();
  e.training.task = all.task;
  if (e.training.loss.empty()) {
    e.training.loss = defaults::loss(all.task);
    e.loss_where = e.file;
  }
  check_output_layer(e, all);
  check_metrics(e, all.task);
  resolve_plugins(e, registry);
  check_loss(e, all, registry);
  // A plugin may refuse a combination of parameters (PluginUserError): say so at its key.
  registry.create<Optimizer>(e.training.optimizer, e.training.optimizer_params, e.optimizer_where);
  if (e.progress_every == 0) e.progress_every = defaults::progress_every(e.training.epochs);

  out.split = data::split(all, e.data.test_split, e.data.validation_split, e.seed, e.data.shuffle,
                          e.data.where);
  check_batch_normalization(e, out.split.train.rows, registry);
  check_memory(e, out.split.train.rows);
  if (out.normalizer) {
    out.unnormalized = out.split;
    out.normalizer->fit(out.split.train);
    out.normalizer->transform(out.split.train);
    out.normalizer->transform(out.split.validation);
    out.normalizer->transform(out.split.test);
  }
  return out;
}

}  // namespace neuronlab::experiment
