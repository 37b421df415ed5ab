// An experiment file, read and validated. The YAML contract (DESIGN.md) with its defaults:
//
//   format_version: 1              required; only 1 exists
//   kind: experiment               default experiment (lessons run with `neuronlab learn`)
//   name: iris-mlp                 default: the file name without .yaml
//   description: ...               optional text
//   seed: 42                       default 0; seeds the generator, the split, the initial
//                                  weights and the per-epoch shuffle
//   data:                          exactly one of csv | inline | generate
//     csv: data/iris.csv           relative to the YAML file's folder
//     inline: {columns: [x1, x2, y], rows: [[0, 0, 0], [0, 1, 1]]}
//     generate: {name: spiral, samples: 300, classes: 3}   (see data/generate.hpp)
//     target: species              csv/inline: default the last column
//     features: [a, b]             csv/inline: default every other column
//     task: categorical            csv/inline: regression | binary | categorical; default
//                                  inferred (text target: categorical; numbers: regression)
//     test_split: 0.2              [0, 1), default 0 (no test set)
//     validation_split: 0.1        [0, 1), default 0 (watched during training)
//     shuffle: true                shuffle the rows before splitting; default true
//   normalize: standardize         a data-usage normalization plugin, fit on training rows
//   network:
//     layers:                      the last layer is the output layer
//       - neurons: 8               required, >= 1
//         activation: relu         a plugin; default identity
//         normalization: batch_norm   a layer-usage normalization plugin; default none
//         init: xavier_uniform     a scheme, or {name: uniform, limit: 0.1}; default default
//         weights: [[...], ...]    explicit (neurons, inputs) weights, and bias: [...]
//   loss: categorical_cross_entropy   default by task: mse | binary_cross_entropy |
//                                     categorical_cross_entropy
//   optimizer: {name: adam, learning_rate: 0.01}   default adam
//   training:
//     epochs: 200                  [1, 1000000], default 100
//     batch_size: 16               all (or 0) = the whole training set; default 32
//     shuffle: true                reshuffle the training rows each epoch; default true
//     schedule: {name: step, step_size: 50, gamma: 0.5}   constant | step | exponential |
//                                  cosine; default constant
//     clip_grad_norm: 1.0          default 0 (off)
//     weight_decay: 0.0001         L2 added to the gradients; default 0
//     early_stopping: {metric: loss, patience: 10, min_delta: 0, restore_best: true}
//                                  needs validation_split; restore_best (default true) ends
//                                  with the best epoch's weights, else with the last's
//     progress_every: 20           epochs per progress line; default: about ten lines
//   expect:                        conditions on the final metrics; `neuronlab run` fails
//     test_accuracy: {at_least: 0.9}        (exit 1) when one does not hold
//
// Metrics for expect: {train, validation, test}_{loss, accuracy, mse, mae, r2}; accuracy for
// binary and categorical tasks, mse, mae and r2 for regression.
#ifndef NEURONLAB_SPEC_EXPERIMENT_HPP
#define NEURONLAB_SPEC_EXPERIMENT_HPP

#include <neuronlab/data/dataset.hpp>
#include <neuronlab/data/generate.hpp>
#include <neuronlab/data/input_normalizer.hpp>
#include <neuronlab/data/split.hpp>
#include <neuronlab/engine/network.hpp>
#include <neuronlab/engine/trainer.hpp>
#include <neuronlab/registry.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace neuronlab::experiment {

constexpr int experiment_format_version = 1;

// A plugin as written: a name, its parameters, and where the name is.
struct PluginRef {
  std::string name;
  ParamMap params;
  std::string where;
};

struct DataSpec {
  enum class Source { csv, inline_table, generate };
  Source source = Source::csv;
  std::filesystem::path csv;  // resolved against the YAML file's folder
  std::string csv_written;    // as written in the file, for messages
  data::RawTable table;       // inline
  std::string generator;      // generate
  ParamMap generator_params;
  data::TableOptions columns;  // csv and inline
  double test_split = 0.0;
  double validation_split = 0.0;
  bool shuffle = true;
  std::string where;  // the data: key
};

struct Expectation {
  std::string metric;  // "test_accuracy"
  std::optional<double> at_least, at_most;
  std::string where;
};

// Where each layer and its plugins are written, for messages that point at the name itself.
struct LayerPlaces {
  std::string layer, activation, normalization, init;
};

struct Experiment {
  std::string file;  // as given, for messages
  std::string name;
  std::string description;
  std::uint64_t seed = 0;
  DataSpec data;
  std::optional<PluginRef> normalize;
  engine::NetworkSpec network;            // inputs is 0 until bind
  std::vector<LayerPlaces> layer_places;  // one per layer of network
  engine::TrainingOptions training;       // loss is empty until bind when not written
  // Where keys are written, for messages (the engine's structs carry no file positions).
  std::string training_where, loss_where, optimizer_where, batch_size_where, early_stopping_where;
  std::size_t progress_every = 0;  // 0: about ten progress lines
  std::vector<Expectation> expect;
};

// A key of the file set from the command line: --set optimizer.learning_rate=0.01. The value
// is YAML ("0.01", "adam", "{name: adam, learning_rate: 0.01}", "[8, 8]") and replaces what
// the file has there, or adds the key; list items are numbered from 0 (network.layers.0).
struct Override {
  std::string path;    // "network.layers.0.neurons"
  std::string value;   // "16"
  std::string option;  // as written, for messages: "--set network.layers.0.neurons=16"
};
// "key.path=value" as given to `option` (--set); throws neuronlab::Error without '=' or key.
Override parse_override(const std::string& text, const std::string& option = "--set");

// Reads and validates an experiment file: syntax, keys (with suggestions), types and ranges,
// all with file:line:column. Overrides are applied first and checked like the file, their
// mistakes named by their option. Throws neuronlab::Error.
Experiment read_experiment(const std::filesystem::path& file,
                           const std::vector<Override>& overrides = {});
// The same from text; `file` names it in messages; `base_dir` resolves data.csv.
Experiment parse_experiment(const std::string& text, const std::string& file,
                            const std::filesystem::path& base_dir,
                            const std::vector<Override>& overrides = {});

// Checks every plugin name and parameter against the registry before any work is done.
void check_plugins(const Experiment& experiment, const Registry& registry);

// Reads the CSV, types the inline table or runs the generator.
data::Dataset load_data(const DataSpec& spec, std::uint64_t seed);

// An experiment bound to its data: a new object, the parsed experiment is not changed.
struct BoundExperiment {
  // The parsed experiment resolved: network inputs, the training task, the loss (the task's
  // default when none is written), every plugin's parameters with their defaults, and the
  // number of epochs between progress lines.
  Experiment experiment;
  data::Split split;                                // inputs normalized when asked for
  std::optional<data::InputNormalizer> normalizer;  // fitted on split.train only
  std::optional<data::Split> unnormalized;          // the split as read, when normalized
  // The rows as the data holds them, in the units a person reads (pictures draw these).
  const data::Split& raw_split() const { return unnormalized ? *unnormalized : split; }
};

// Everything between the file and the trainer: check_plugins, the input normalization
// plugin, load_data, the checks that need the data (one output neuron per output, every
// expect: and early-stopping metric exists for the task, the loss suits the task, a batch
// normalization gets batches it can train on, the network fits in memory), the seeded split,
// then the normalization fit on the training rows and applied to every part. Throws
// neuronlab::Error at the offending key.
BoundExperiment bind(const Experiment& experiment, const Registry& registry);

// The bound experiment as an experiment file (YAML): every default and every plugin
// parameter written out, the data's target, features and task as they were read, a csv:
// path made absolute. Run again, it trains to the same record (`neuronlab config`).
std::string resolved_file(const BoundExperiment& bound);

}  // namespace neuronlab::experiment

#endif  // NEURONLAB_SPEC_EXPERIMENT_HPP
