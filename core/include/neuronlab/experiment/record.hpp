// The run record: everything a training run produced, as data. The pipeline (run.hpp) fills
// it and prints nothing; reporters read it — the terminal text (report.hpp), the JSON of
// `neuronlab run --json` (record_json), the lesson steps — and so will run folders, pictures
// and sweeps. A record is complete at every event an observer receives: at start it holds the
// experiment and its data, after each epoch the history so far, at the end everything.
#ifndef NEURONLAB_EXPERIMENT_RECORD_HPP
#define NEURONLAB_EXPERIMENT_RECORD_HPP

#include <neuronlab/engine/trainer.hpp>
#include <neuronlab/experiment/experiment.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace neuronlab::experiment {

constexpr int record_format_version = 1;

// How the run ended.
//   completed      every epoch ran
//   stopped_early  early stopping ended it (best_epoch, weights_epoch say which weights remain)
//   diverged       the loss became NaN or infinite (divergence says where)
//   interrupted    the user stopped it (Ctrl-C): history ends at the last whole epoch
enum class Outcome { completed, stopped_early, diverged, interrupted };
const char* outcome_name(Outcome outcome);  // "completed", "stopped_early", ...

struct CheckResult {
  Expectation expectation;
  double value = 0.0;
  bool passed = false;
};

// What the run trained on, after the split (and before nothing else: normalization does not
// change these).
struct DataSummary {
  data::Task task = data::Task::regression;
  std::size_t train_rows = 0, validation_rows = 0, test_rows = 0;
  std::vector<std::string> feature_names;
  std::string target_name;
  std::vector<std::string> class_names;  // binary and categorical
  // What the split suggests is a mistake, said before training: a class that only held-out
  // rows have, which the network cannot learn.
  std::vector<std::string> warnings;
};

DataSummary summarize(const data::Split& split);

struct DivergenceRecord {
  engine::Divergence details;
  std::string message;  // where training is written, then the engine's: when, the loss, what to try
  std::string where;  // "layer 2's activation 'relu'", "layer 1's weighted sums", "the loss 'mse'"
  std::string library;  // the component's library; empty for weighted sums
};

struct RunRecord {
  Experiment experiment;  // resolved: every default and plugin parameter filled in
  DataSummary data;
  std::vector<engine::EpochReport> history;  // one entry per finished epoch, in order
  Outcome outcome = Outcome::completed;
  std::size_t best_epoch = 0;       // by early stopping's metric; else the last epoch
  std::size_t weights_epoch = 0;    // the epoch whose weights the final metrics measure
  std::size_t partial_batches = 0;  // interrupted: updates of the unfinished epoch on top
  std::optional<DivergenceRecord> divergence;
  // The final metrics, measured in evaluation mode with the weights of weights_epoch; none
  // after a divergence, and none for a part without rows.
  std::optional<engine::Metrics> train, validation, test;
  std::vector<CheckResult> checks;  // one per expect: condition, in file order
  std::string saved_model;          // where the model was saved; empty if it was not
  double elapsed_seconds = 0.0;     // the whole run, reading the data included

  std::size_t failed() const;  // failed checks
  // The final metrics of a part by name ("train", "validation", "test"), if measured.
  const std::optional<engine::Metrics>& part(const std::string& name) const;
};

// The record as one JSON document (record_format_version), two-space indented. Numbers are
// written with enough digits to read back the same double; a non-finite number is null.
std::string record_json(const RunRecord& record);
// The final metrics alone, as a run folder's metrics.json: name, outcome, the epochs trained,
// weights_epoch, best_epoch, and train / validation / test (null without rows or after a
// divergence), each with rows, loss and the task's metrics.
std::string metrics_json(const RunRecord& record);
// One CSV row per epoch: epoch, learning_rate, elapsed_seconds, then train_ and validation_
// columns for the loss and each metric of the task (validation_ only with validation rows).
// Numbers have 17 significant digits, so they read back as the doubles of the record.
std::string history_csv(const RunRecord& record);

}  // namespace neuronlab::experiment

#endif  // NEURONLAB_EXPERIMENT_RECORD_HPP
