// The run pipeline shared by `neuronlab run` and the experiment steps of lessons: prepare the
// data, build the network, train it with progress lines, report the final metrics, optionally
// save the model, and check the expect: conditions.
//
// What it prints to `out` (the text `neuronlab run` shows):
//   xor: 4 training, 0 validation, 0 test rows; binary           (not with quiet)
//   network: 2 inputs -> 4 tanh -> 1 sigmoid; loss binary_cross_entropy; optimizer adam
//   epoch 30/300  loss 0.52  accuracy 0.75                          (progress_every epochs)
//   train       loss 0.0027  accuracy 1
//   test        loss ...                                            (when there are test rows)
//   saved the model to PATH                                         (with save_model)
//   passed  train_accuracy = 1, expected >= 1                       (one line per expect:)
//   1 of 2 expectations failed                                      (when one failed)
// A diverging training run prints nothing more: RunResult::diverged holds the engine's
// message and the caller decides where it goes.
#ifndef NEURONLAB_EXPERIMENT_RUN_HPP
#define NEURONLAB_EXPERIMENT_RUN_HPP

#include <neuronlab/engine/network.hpp>
#include <neuronlab/engine/trainer.hpp>
#include <neuronlab/registry.hpp>
#include <neuronlab/experiment/experiment.hpp>

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace neuronlab::experiment {

struct RunOptions {
  bool quiet = false;      // no header and no progress lines
  std::string save_model;  // empty: do not save
};

struct CheckResult {
  Expectation expectation;
  double value = 0.0;
  bool passed = false;
};

struct RunResult {
  PreparedData prepared;
  std::optional<engine::Network> network;  // trained; empty when preparation failed
  std::string diverged;                    // non-empty: training stopped with this message
  engine::Metrics train;                   // the final metrics (not set after divergence)
  std::optional<engine::Metrics> validation, test;
  std::vector<CheckResult> checks;  // one per expect: condition, in file order

  std::size_t failed() const;  // failed checks
};

// Runs a read experiment (prepare_data, network, trainer, metrics, expect). Throws
// neuronlab::Error for mistakes in the file or the data; a diverging run is not an exception.
RunResult run_experiment(Experiment& experiment, const Registry& registry, std::ostream& out,
                         const RunOptions& options = {});

// "0.534942": how the pipeline prints a number (%.6g).
std::string format_metric(double value);
// "loss 0.0512  accuracy 0.983333": the metrics this task has.
std::string metrics_text(const engine::Metrics& metrics);

}  // namespace neuronlab::experiment

#endif  // NEURONLAB_EXPERIMENT_RUN_HPP
