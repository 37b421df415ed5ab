// The run pipeline (see run.hpp): read experiment → prepared data → network → trainer →
// metrics → saved model → expect: checks.
#include <neuronlab/engine/model_file.hpp>
#include <neuronlab/experiment/run.hpp>

#include <algorithm>
#include <cstdio>

namespace neuronlab::experiment {
namespace {

std::string network_text(const Experiment& e) {
  std::string out = std::to_string(e.network.inputs) + " inputs";
  for (const auto& layer : e.network.layers)
    out += " -> " + std::to_string(layer.neurons) + " " + layer.activation +
           (layer.normalization.empty() ? "" : "+" + layer.normalization);
  return out;
}

// One line per expect: condition.
std::vector<CheckResult> check_expectations(const Experiment& e, const RunResult& r,
                                            std::ostream& out) {
  std::vector<CheckResult> checks;
  for (const Expectation& x : e.expect) {
    const std::size_t cut = x.metric.find('_');
    const std::string part = x.metric.substr(0, cut), name = x.metric.substr(cut + 1);
    const engine::Metrics& m = part == "train" ? r.train : part == "test" ? *r.test : *r.validation;
    CheckResult check{x, m.get(name).value(), true};
    std::string bounds;
    if (x.at_least) {
      bounds += " >= " + format_metric(*x.at_least);
      check.passed = check.passed && check.value >= *x.at_least;
    }
    if (x.at_most) {
      bounds += std::string(x.at_least ? " and" : "") + " <= " + format_metric(*x.at_most);
      check.passed = check.passed && check.value <= *x.at_most;
    }
    out << (check.passed ? "passed  " : "FAILED  ") << x.metric << " = "
        << format_metric(check.value) << ", expected" << bounds
        << (check.passed ? "" : "  (" + x.where + ")") << "\n";
    checks.push_back(std::move(check));
  }
  return checks;
}

void save(const std::string& path, const RunResult& r, engine::Network& network) {
  const data::Split& s = r.prepared.split;
  engine::ModelInfo info;
  info.task = s.train.task;
  info.feature_names = s.train.feature_names;
  info.target_name = s.train.target_name;
  info.class_names = s.train.class_names;
  if (r.prepared.normalizer)
    info.input_normalization = {r.prepared.normalizer->name(), r.prepared.normalizer->params(),
                                r.prepared.normalizer->object()};
  engine::save_model(path, network, info);
}

}  // namespace

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

std::size_t RunResult::failed() const {
  return std::size_t(
      std::count_if(checks.begin(), checks.end(), [](const CheckResult& c) { return !c.passed; }));
}

RunResult run_experiment(Experiment& e, const Registry& registry, std::ostream& out,
                         const RunOptions& options) {
  RunResult r;
  r.prepared = prepare_data(e, registry);
  const data::Split& s = r.prepared.split;

  engine::Network& network = r.network.emplace(e.network, registry, e.seed);
  engine::Trainer trainer(network, registry, e.training);
  if (!options.quiet) {
    out << e.name << ": " << s.train.rows << " training, " << s.validation.rows << " validation, "
        << s.test.rows << " test rows; " << data::task_name(s.train.task)
        << "\nnetwork: " << network_text(e) << "; loss " << e.training.loss << "; optimizer "
        << e.training.optimizer << "\n";
  }

  const std::size_t every =
      e.progress_every ? e.progress_every : std::max<std::size_t>(1, e.training.epochs / 10);
  auto progress = [&](const engine::EpochReport& report) {
    if (options.quiet || (report.epoch % every != 0 && report.epoch != report.epochs)) return;
    out << "epoch " << report.epoch << "/" << report.epochs << "  " << metrics_text(report.train);
    if (report.validation) out << "  | validation " << metrics_text(*report.validation);
    out << "\n";
  };
  engine::TrainingResult result;
  try {
    result = s.validation.rows ? trainer.fit(s.train.x_view(), s.train.y_view(),
                                             s.validation.x_view(), s.validation.y_view(), progress)
                               : trainer.fit(s.train.x_view(), s.train.y_view(), progress);
  } catch (const Error& diverged) {
    r.diverged = diverged.what();
    return r;
  }
  if (result.stopped_early && !options.quiet)
    out << "stopped early after epoch " << result.history.size() << " (best epoch "
        << result.best_epoch << ")\n";

  r.train = trainer.evaluate(s.train.x_view(), s.train.y_view());
  out << "train       " << metrics_text(r.train) << "\n";
  if (s.validation.rows) {
    r.validation = trainer.evaluate(s.validation.x_view(), s.validation.y_view());
    out << "validation  " << metrics_text(*r.validation) << "\n";
  }
  if (s.test.rows) {
    r.test = trainer.evaluate(s.test.x_view(), s.test.y_view());
    out << "test        " << metrics_text(*r.test) << "\n";
  }

  if (!options.save_model.empty()) {
    save(options.save_model, r, network);
    out << "saved the model to " << options.save_model << "\n";
  }

  r.checks = check_expectations(e, r, out);
  if (const std::size_t failed = r.failed())
    out << failed << " of " << e.expect.size() << " expectations failed\n";
  return r;
}

}  // namespace neuronlab::experiment
