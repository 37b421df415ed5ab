// Training a Network: mini-batches, a loss and an optimizer plugin, a learning-rate schedule,
// gradient clipping, L2 weight decay, validation metrics and early stopping.
//
// One training step on a batch (X, Y):
//   forward(X, training) → loss → backward → clip_grad_norm → g += weight_decay·p → optimizer
// which is the order of a PyTorch loop with torch.nn.utils.clip_grad_norm_ before
// optimizer.step() and the optimizer's own weight_decay. The schedule sets the learning rate
// once per epoch, as torch.optim.lr_scheduler's step() after each epoch. After warm-up
// (the first step binds the optimizer and reserves every buffer) a step allocates nothing.
// The same options, seed and data give bit-identical results.
#ifndef NEURONLAB_ENGINE_TRAINER_HPP
#define NEURONLAB_ENGINE_TRAINER_HPP

#include <neuronlab/data/dataset.hpp>
#include <neuronlab/engine/network.hpp>
#include <neuronlab/registry.hpp>
#include <neuronlab/schema.hpp>

#include <csignal>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace neuronlab::engine {

// Learning rate for 0-based epoch e from the optimizer's base rate lr0 (closed forms of
// torch.optim.lr_scheduler):
//   constant     lr0
//   step         lr0 · gamma^floor(e / step_size)                         StepLR
//   exponential  lr0 · gamma^e                                            ExponentialLR
//   cosine       eta_min + (lr0 − eta_min)·(1 + cos(π·e / t_max)) / 2     CosineAnnealingLR
struct Schedule {
  enum class Kind { constant, step, exponential, cosine };
  Kind kind = Kind::constant;
  std::size_t step_size = 1;  // step
  double gamma = 0.1;         // step, exponential
  std::size_t t_max = 1;      // cosine
  double eta_min = 0.0;       // cosine
  double rate(double base, std::size_t epoch) const;
};

// The schedules as schemas (kind "schedule"), and a schedule from its resolved parameters;
// t_max 0 (its default) means the number of epochs.
const std::vector<const Schema*>& schedule_schemas();
Schedule make_schedule(const std::string& name, const ParamValues& values, std::size_t epochs);

// Stops when the validation metric has not improved by more than min_delta for `patience`
// epochs in a row (loss, mse, mae: lower is better; accuracy, r2: higher is better).
// With restore_best the network ends with the weights (and normalization state) of the best
// epoch, as Keras's restore_best_weights; without it, with those of the last epoch.
struct EarlyStopping {
  std::string metric;  // empty: off; else loss | accuracy | mse | mae | r2
  std::size_t patience = 10;
  double min_delta = 0.0;
  bool restore_best = true;
};

struct TrainingOptions {
  std::size_t epochs = 100;
  std::size_t batch_size = 0;                // 0: the whole training set in one batch
  bool shuffle = true;                       // reshuffle the training rows every epoch
  std::uint64_t seed = 0;                    // for shuffling
  data::Task task = data::Task::regression;  // which metrics; binary targets are 0/1
  std::string loss = "mse";
  ParamMap loss_params;
  std::string optimizer = "sgd";
  ParamMap optimizer_params;  // learning_rate is the schedule's base rate
  Schedule schedule;
  double clip_grad_norm = 0.0;  // 0: off; else the max L2 norm over all gradients together
  double weight_decay = 0.0;    // L2: weight_decay·p added to every gradient; 0: off
  // The caller normalized the inputs already: divergence advice does not suggest it.
  bool inputs_normalized = false;
  EarlyStopping early_stopping;
  // When fit() gets no validation data: hold out the last validation_rows rows of the
  // training data (before any shuffling), as Keras's validation_split does.
  std::size_t validation_rows = 0;
};

// Metrics over a set of rows. loss is the loss plugin's value; classification adds accuracy
// (binary: output > 0.5 matches target > 0.5; categorical: argmax matches), regression adds
// mse, mae (over every output value) and r2 (1 − SS_res/SS_tot per output, averaged over
// outputs as sklearn's uniform_average).
struct Metrics {
  std::size_t rows = 0;
  double loss = 0.0;
  std::optional<double> accuracy;
  std::optional<double> mse;
  std::optional<double> mae;
  std::optional<double> r2;
  // By name (loss | accuracy | mse | mae | r2); empty if this task does not have it.
  std::optional<double> get(std::string_view name) const;
};

// Whether a task has the metric: loss always, accuracy for binary and categorical, mse, mae
// and r2 for regression (what early stopping may watch and expect: may check).
bool has_metric(data::Task task, std::string_view metric);

// During an epoch the training metrics accumulate over its batches (in training mode, before
// each batch's update), weighted by batch size; validation metrics are computed after it.
struct EpochReport {
  std::size_t epoch = 0;  // 1-based
  std::size_t epochs = 0;
  double learning_rate = 0.0;    // used during this epoch
  double elapsed_seconds = 0.0;  // since fit() started, at the end of this epoch
  Metrics train;
  std::optional<Metrics> validation;
};

struct TrainingResult {
  std::vector<EpochReport> history;
  bool stopped_early = false;
  bool interrupted = false;         // the stop request was seen; history ends where it stopped
  std::size_t partial_batches = 0;  // interrupted: batches of the unfinished epoch applied
  std::size_t best_epoch = 0;       // by the early-stopping metric; the last epoch without one
  // The epoch whose weights the network holds at the end: best_epoch when early stopping
  // restored them, else the last epoch of history (0 if interrupted before one finished;
  // after an interruption, plus the updates of partial_batches).
  std::size_t weights_epoch = 0;
};

using EpochCallback = std::function<void(const EpochReport&)>;

// Training stopped because the loss was not finite: what a record of the run keeps.
struct Divergence {
  std::size_t epoch = 0;  // 1-based; 0 for a single step()
  std::size_t epochs = 0;
  std::size_t batch = 0;  // 1-based within the epoch
  double learning_rate = 0.0;
  bool nan = false;  // else infinite
  NonFiniteSource source;
  // The component at the source: the activation or normalization of source.layer, the loss,
  // or the optimizer that updated the parameters; empty for weighted sums (the product itself).
  std::optional<Kind> kind;
  std::string component;
  // Set when a training input reaches beyond unit_scale in magnitude: its 0-based column and
  // that magnitude. The advice is then to normalize, not to lower the rate.
  std::optional<std::size_t> unscaled_input;
  double unscaled_magnitude = 0.0;
  std::string text;  // the message: when, the loss, what to try
};

// Inputs whose magnitude reaches beyond this are "far from unit scale" for a divergence's advice.
constexpr double unit_scale = 10.0;

// Thrown by fit() and step(); what() is the message for the user (when, the loss, what to try).
class Diverged : public Error {
 public:
  explicit Diverged(Divergence divergence)
      : Error(divergence.text), divergence_(std::move(divergence)) {}
  const Divergence& divergence() const { return divergence_; }

 private:
  Divergence divergence_;
};

class Trainer {
 public:
  // Creates the loss and optimizer plugins; throws neuronlab::Error for unknown names,
  // bad parameters or options. Messages name no file: the engine knows none (the experiment
  // layer validates a file's options at their keys first).
  Trainer(Network& network, const Registry& registry, TrainingOptions options);
  ~Trainer();
  Trainer(const Trainer&) = delete;
  Trainer& operator=(const Trainer&) = delete;

  // x: (rows, inputs), y: (rows, outputs). A NaN or infinite loss stops training with
  // Diverged naming the epoch and what to try. Between batches fit() reads the stop request
  // (set_stop_request) and, when it is set, returns with interrupted.
  TrainingResult fit(ConstMatrixView x, ConstMatrixView y, const EpochCallback& on_epoch = {});
  TrainingResult fit(ConstMatrixView x, ConstMatrixView y, ConstMatrixView validation_x,
                     ConstMatrixView validation_y, const EpochCallback& on_epoch = {});

  // One update on one batch (rows ≤ the batch size the trainer reserved for, which is the
  // larger of batch_size and the rows of the first call); returns the batch loss before the
  // update. A non-finite loss throws neuronlab::Error and leaves the parameters unchanged.
  double step(ConstMatrixView x, ConstMatrixView y);

  // Evaluation mode, in batches.
  Metrics evaluate(ConstMatrixView x, ConstMatrixView y);
  std::vector<float> predict(ConstMatrixView x);  // (rows, outputs) row-major

  // A flag another thread or a signal handler may set; null (the default) for none.
  void set_stop_request(const volatile std::sig_atomic_t* flag);

  const Loss& loss() const;
  Optimizer& optimizer();
  const TrainingOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Metrics of predictions (rows, outputs) against targets, with a precomputed loss value.
Metrics compute_metrics(data::Task task, ConstMatrixView prediction, ConstMatrixView target,
                        double loss);

}  // namespace neuronlab::engine

#endif  // NEURONLAB_ENGINE_TRAINER_HPP
