// The run pipeline shared by `neuronlab run` and the experiment steps of lessons:
//
//   parsed experiment → bind (data, split, input normalization, resolved plugins)
//     → network → trainer → final metrics → saved model → expect: checks → RunRecord
//
// It prints nothing. Observers receive three events — started (the record holds the
// experiment and its data), epoch (after each finished epoch, already in the history) and
// finished (the whole record) — and decide what a person sees: TerminalReport (report.hpp)
// is the text of `neuronlab run`.
#ifndef NEURONLAB_EXPERIMENT_RUN_HPP
#define NEURONLAB_EXPERIMENT_RUN_HPP

#include <neuronlab/engine/network.hpp>
#include <neuronlab/engine/trainer.hpp>
#include <neuronlab/experiment/experiment.hpp>
#include <neuronlab/experiment/record.hpp>
#include <neuronlab/registry.hpp>

#include <csignal>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace neuronlab::experiment {

class RunObserver {
 public:
  virtual ~RunObserver() = default;
  virtual void started(const RunRecord&) {}
  virtual void epoch(const RunRecord&, const engine::EpochReport&) {}
  virtual void finished(const RunRecord&) {}
};

struct RunOptions {
  std::string save_model;  // empty: do not save; saved only when training did not diverge
  // An interrupted run's weights are saved too (else an interrupted run leaves the file as it
  // was: half-trained weights do not replace a model without being asked to).
  bool save_on_interrupt = false;
  const volatile std::sig_atomic_t* stop = nullptr;  // set: stop after the current batch
  std::vector<RunObserver*> observers;
  // Called with the network before the first epoch and after each one (a lesson draws the path
  // one neuron's weights took).
  std::function<void(const engine::Network&)> on_weights;
};

// The record and what it was made from, for callers that look further (a lesson prints the
// trained weights; a later step may plot the network).
struct RunResult {
  RunRecord record;
  BoundExperiment bound;
  std::optional<engine::Network> network;  // trained (as far as it got)
};

// Runs a parsed experiment, which it does not change. Throws neuronlab::Error for mistakes in
// the file, the data or a plugin's use; a diverging or interrupted run is not an exception:
// its record's outcome says so.
RunResult run_experiment(const Experiment& experiment, const Registry& registry,
                         const RunOptions& options = {});

}  // namespace neuronlab::experiment

#endif  // NEURONLAB_EXPERIMENT_RUN_HPP
