// The terminal text of a run (see report.hpp), written from the run record.
#include <neuronlab/experiment/report.hpp>

#include <cstdio>

namespace neuronlab::experiment {

std::string format_metric(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

std::string metrics_text(const engine::Metrics& m) {
  std::string out;
  for (const char* name : {"loss", "accuracy", "mse", "mae", "r2"})
    if (auto v = m.get(name))
      out += (out.empty() ? "" : "  ") + std::string(name) + " " + format_metric(*v);
  return out;
}

std::string network_text(const Experiment& e) {
  std::string out =
      std::to_string(e.network.inputs) + (e.network.inputs == 1 ? " input" : " inputs");
  for (const auto& layer : e.network.layers)
    out += " -> " + std::to_string(layer.neurons) + " " + layer.activation +
           (layer.normalization.empty() ? "" : "+" + layer.normalization);
  return out;
}

std::string divergence_text(const DivergenceRecord& d) {
  const engine::Divergence& v = d.details;
  std::string out = "  the first value that was not finite: " + d.where;
  if (!d.library.empty()) out += " (" + d.library + ")";
  if (v.epoch)
    out += " (batch " + std::to_string(v.batch) + " of epoch " + std::to_string(v.epoch) + ")";
  return out + "\n";
}

void TerminalReport::started(const RunRecord& r) {
  if (quiet_) return;
  const Experiment& e = r.experiment;
  out_ << e.name << ": " << r.data.train_rows << " training, " << r.data.validation_rows
       << " validation, " << r.data.test_rows << " test rows; " << data::task_name(r.data.task)
       << "\nnetwork: " << network_text(e) << "; loss " << e.training.loss << "; optimizer "
       << e.training.optimizer << "\n";
  for (const std::string& w : r.data.warnings) out_ << "warning: " << w << "\n";
}

void TerminalReport::epoch(const RunRecord& r, const engine::EpochReport& report) {
  const std::size_t every = r.experiment.progress_every;
  if (quiet_ || (report.epoch % every != 0 && report.epoch != report.epochs)) return;
  out_ << "epoch " << report.epoch << "/" << report.epochs << "  " << metrics_text(report.train);
  if (report.validation) out_ << "  | validation " << metrics_text(*report.validation);
  out_ << "\n";
}

void TerminalReport::finished(const RunRecord& r) {
  if (r.outcome == Outcome::diverged) return;
  const std::size_t ran = r.history.size();
  if (r.outcome == Outcome::stopped_early && !quiet_)
    out_ << "stopped early after epoch " << ran << " (best epoch " << r.best_epoch
         << (r.weights_epoch == r.best_epoch && r.best_epoch != ran ? ", whose weights are kept"
                                                                    : "")
         << ")\n";
  if (r.outcome == Outcome::interrupted)
    out_ << "interrupted in epoch " << ran + 1 << " of " << r.experiment.training.epochs
         << " after " << r.partial_batches << (r.partial_batches == 1 ? " batch" : " batches")
         << "; the metrics below measure the weights as they were then\n";

  out_ << "train       " << metrics_text(*r.train) << "\n";
  if (r.validation) out_ << "validation  " << metrics_text(*r.validation) << "\n";
  if (r.test) out_ << "test        " << metrics_text(*r.test) << "\n";
  if (!r.saved_model.empty()) out_ << "saved the model to " << r.saved_model << "\n";

  for (const CheckResult& c : r.checks) {
    const Expectation& x = c.expectation;
    std::string bounds;
    if (x.at_least) bounds += " >= " + format_metric(*x.at_least);
    if (x.at_most)
      bounds += std::string(x.at_least ? " and" : "") + " <= " + format_metric(*x.at_most);
    out_ << (c.passed ? "passed  " : "FAILED  ") << x.metric << " = " << format_metric(c.value)
         << ", expected" << bounds << (c.passed ? "" : "  (" + x.where + ")") << "\n";
  }
  if (const std::size_t failed = r.failed())
    out_ << failed << " of " << r.checks.size() << " expectations failed\n";
}

}  // namespace neuronlab::experiment
