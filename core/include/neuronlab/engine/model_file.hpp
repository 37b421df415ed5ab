// Model files: a trained network and what is needed to use it on new rows, as YAML.
//
//   format_version: 1
//   kind: model
//   task: categorical                # regression | binary | categorical
//   inputs: 4
//   features: [sepal_length, ...]    # input column names, in order
//   target: species
//   classes: [setosa, versicolor, virginica]
//   input_normalization:             # absent when the inputs are used as they are
//     name: standardize
//     params: {}
//     state: {mean: [...], std: [...]}
//   layers:
//     - neurons: 8
//       activation: {name: relu}     # with every parameter, defaults filled in
//       normalization: {name: batch_norm, momentum: 0.1, eps: 1e-05}
//       normalization_parameters: {weight: [...], bias: [...]}
//       normalization_state: {running_mean: [...], running_var: [...]}
//       weights:                     # (neurons, inputs): one row per neuron
//         - [0.1, -0.2, ...]
//       bias: [...]
//
// Floats are written with 9 significant digits, which read back to the same float, so
// save → load → predict gives bit-identical outputs. The file is written to a temporary file
// in the same directory and renamed over the target, so a crash never leaves half a model.
#ifndef NEURONLAB_ENGINE_MODEL_FILE_HPP
#define NEURONLAB_ENGINE_MODEL_FILE_HPP

#include <neuronlab/data/dataset.hpp>
#include <neuronlab/engine/network.hpp>
#include <neuronlab/registry.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace neuronlab::engine {

constexpr int model_format_version = 1;

// A fitted data-usage normalization of the inputs.
struct InputNormalization {
  std::string name;  // empty: none
  ParamMap params;
  std::shared_ptr<Normalization> object;  // fitted; its state(i) tensors are saved
};

struct ModelInfo {
  data::Task task = data::Task::regression;
  std::vector<std::string> feature_names;  // inputs() names, or empty
  std::string target_name;
  std::vector<std::string> class_names;  // binary: {negative, positive}; categorical: all
  InputNormalization input_normalization;
};

struct Model {
  Network network;
  ModelInfo info;
};

// Throws neuronlab::Error when the file cannot be written.
void save_model(const std::filesystem::path& path, Network& network, const ModelInfo& info);

// Recreates every plugin through the registry, then restores weights, parameters and state.
// Throws neuronlab::Error (file:line:column, what, hint) for a malformed file, a
// format_version other than 1, or a plugin the registry does not have (naming it).
Model load_model(const std::filesystem::path& path, const Registry& registry);

}  // namespace neuronlab::engine

#endif  // NEURONLAB_ENGINE_MODEL_FILE_HPP
