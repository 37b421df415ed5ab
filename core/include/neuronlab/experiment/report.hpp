// The terminal text of a run, written by an observer of the pipeline from the run record:
//
//   xor: 4 training, 0 validation, 0 test rows; binary           (header; not with quiet)
//   network: 2 inputs -> 4 tanh -> 1 sigmoid; loss binary_cross_entropy; optimizer adam
//   epoch 30/300  loss 0.52  accuracy 0.75                          (every progress_every
//                                                                    epochs, and the last)
//   stopped early after epoch 40 (best epoch 30, whose weights are kept)
//   train       loss 0.0027  accuracy 1                             (the final metrics)
//   test        loss ...                                            (when there are test rows)
//   saved the model to PATH                                         (when it was saved)
//   passed  train_accuracy = 1, expected >= 1                       (one line per expect:)
//   1 of 2 expectations failed                                      (when one failed)
//
// A diverged run ends after its progress lines: the caller says it (divergence_text) where it
// belongs, on standard error for `neuronlab run`, as a failed check in a lesson.
#ifndef NEURONLAB_EXPERIMENT_REPORT_HPP
#define NEURONLAB_EXPERIMENT_REPORT_HPP

#include <neuronlab/engine/trainer.hpp>
#include <neuronlab/experiment/run.hpp>

#include <ostream>
#include <string>

namespace neuronlab::experiment {

class TerminalReport : public RunObserver {
 public:
  TerminalReport(std::ostream& out, bool quiet) : out_(out), quiet_(quiet) {}
  void started(const RunRecord& record) override;
  void epoch(const RunRecord& record, const engine::EpochReport& report) override;
  void finished(const RunRecord& record) override;

 private:
  std::ostream& out_;
  bool quiet_;
};

// "0.534942": how reports print a number (%.6g).
std::string format_metric(double value);
// "loss 0.0512  accuracy 0.983333": the metrics this task has.
std::string metrics_text(const engine::Metrics& metrics);
// "2 inputs -> 4 tanh -> 1 sigmoid"
std::string network_text(const Experiment& experiment);
// The line after a divergence's message: where the first value that was not finite
// appeared and the plugin's library, "  the first value that was not finite: layer 2's
// activation 'exp' (/path/libmine.so) (batch 3 of epoch 2)".
std::string divergence_text(const DivergenceRecord& divergence);

}  // namespace neuronlab::experiment

#endif  // NEURONLAB_EXPERIMENT_REPORT_HPP
