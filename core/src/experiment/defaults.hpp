// Every default of an experiment file, in one place. The reader starts every experiment from
// these (never from the engine's own struct initializers), bind completes the ones that
// depend on the data, and `neuronlab config` writes them all out. docs/experiments.md shows
// the same values.
#ifndef NEURONLAB_SRC_EXPERIMENT_DEFAULTS_HPP
#define NEURONLAB_SRC_EXPERIMENT_DEFAULTS_HPP

#include <neuronlab/data/dataset.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace neuronlab::experiment::defaults {

constexpr std::uint64_t seed = 0;
// data:
constexpr double test_split = 0.0;
constexpr double validation_split = 0.0;
constexpr bool data_shuffle = true;
// network.layers[]:
constexpr const char* activation = "identity";
constexpr const char* init = "default";
// optimizer: (its parameters are the plugin's defaults)
constexpr const char* optimizer = "adam";
// training:
constexpr std::size_t epochs = 100;
constexpr std::size_t batch_size = 32;  // 0 is `all`
constexpr bool shuffle = true;
constexpr double clip_grad_norm = 0.0;  // off
constexpr double weight_decay = 0.0;    // off
// training.early_stopping: (off unless given a metric)
constexpr std::size_t patience = 10;
constexpr double min_delta = 0.0;
constexpr bool restore_best = true;

// loss: by task.
inline const char* loss(data::Task task) {
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

// training.progress_every: about ten progress lines a run.
inline std::size_t progress_every(std::size_t training_epochs) {
  return std::max<std::size_t>(1, training_epochs / 10);
}

}  // namespace neuronlab::experiment::defaults

#endif  // NEURONLAB_SRC_EXPERIMENT_DEFAULTS_HPP
