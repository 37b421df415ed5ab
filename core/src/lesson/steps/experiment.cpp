// The experiment step: the run pipeline of `neuronlab run` on an experiment written inside the
// lesson, its expect: conditions as the lesson's graded checks, and optionally what the
// network learned (weights) or what it answers (predictions for the first rows).
//   - experiment: {data: ..., network: ..., expect: ...}   the keys of an experiment file
//     show: [weights, predictions, curve]                   optional
//     expect_divergence: true                               optional
#include <neuronlab/experiment/report.hpp>
#include <neuronlab/experiment/run.hpp>
#include <neuronlab/io/atomic_file.hpp>
#include <neuronlab/lesson/runner.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>

#include "../../experiment/experiment_parts.hpp"
#include "../step_kind.hpp"

namespace neuronlab::lesson {
namespace {

using experiment::format_metric;

// "layer 1 neuron 1: weights 5.1, 5.1; bias -7.8", one line per neuron.
void print_weights(const engine::Network& network, std::ostream& out) {
  out << "weights after training:\n";
  for (std::size_t l = 0; l < network.layer_count(); ++l)
    for (std::size_t i = 0; i < network.neurons(l); ++i) {
      const engine::Neuron n = network.neuron(l, i);
      out << "  layer " << l + 1 << " neuron " << i + 1 << ": weights ";
      for (std::size_t j = 0; j < n.inputs; ++j)
        out << (j ? ", " : "") << format_metric(n.weights[j]);
      out << "; bias " << format_metric(n.bias) << "\n";
    }
}

// "0.121": inputs with three significant digits; "0.880": a probability with three decimals.
std::string short_number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g", v);
  return buffer;
}
std::string probability(double p) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", p);
  return buffer;
}

// What the network outputs for the first rows of the test set (else the training set), in the
// task's terms: a number, a yes/no probability, or one probability per class. The inputs are
// shown (up to four) as the network receives them, that is after `normalize:`.
void print_predictions(engine::Network& network, const data::Dataset& rows, const char* part,
                       std::ostream& out) {
  const std::size_t count = std::min<std::size_t>(4, rows.rows);
  const ConstMatrixView x(rows.x.data(), count, rows.features(), rows.features());
  const ConstMatrixView y = network.forward(x, false);
  out << "outputs for the first " << count << " " << part << " rows:\n";
  for (std::size_t r = 0; r < count; ++r) {
    const float* target = rows.y.data() + r * rows.outputs();
    out << "  row " << r + 1 << ": ";
    if (rows.features() <= 4) {
      out << "inputs ";
      for (std::size_t j = 0; j < rows.features(); ++j)
        out << (j ? ", " : "") << short_number(x(r, j));
      out << " -> ";
    }
    out << "output" << (rows.task == data::Task::categorical ? "s " : " ");
    if (rows.task == data::Task::regression) {
      out << format_metric(y(r, 0)) << " (target " << format_metric(target[0]) << ")";
    } else if (rows.task == data::Task::binary) {
      out << probability(y(r, 0)) << " -> " << rows.class_names[y(r, 0) > 0.5f ? 1 : 0]
          << " (target " << rows.class_names[target[0] > 0.5f ? 1 : 0] << ")";
    } else {
      std::size_t best = 0, truth = 0;
      for (std::size_t c = 0; c < rows.outputs(); ++c) {
        out << (c ? ", " : "") << rows.class_names[c] << " " << probability(y(r, c));
        if (y(r, c) > y(r, best)) best = c;
        if (target[c] > target[truth]) truth = c;
      }
      out << " -> " << rows.class_names[best] << " (target " << rows.class_names[truth] << ")";
    }
    out << "\n";
  }
}

}  // namespace

void run_graded(const ExperimentStep& step, const experiment::Experiment& e, StepContext& context) {
  std::ostream& out = context.console.out;
  // On a terminal the progress is one live line; elsewhere, progress lines as `run` prints.
  const bool live = context.console.asks && context.console.pauses;
  experiment::TerminalReport report(out, live);
  picture::LiveProgress bar(out, context.console.style);
  experiment::RunOptions options;
  options.stop = context.stop;
  if (live) options.observers.push_back(&bar);
  options.observers.push_back(&report);
  std::vector<std::array<double, 2>> path;  // one neuron's two parameters per epoch
  options.on_weights = [&path](const engine::Network& n) {
    if (n.layer_count() != 1 || n.neurons(0) != 1 || n.inputs() > 2) return;
    const float* w = n.weights(0).data;
    path.push_back({w[0], n.inputs() == 2 ? w[1] : n.bias(0)[0]});
  };
  experiment::RunResult r = experiment::run_experiment(e, context.registry, options);
  const experiment::RunRecord& record = r.record;
  const bool diverged = record.outcome == experiment::Outcome::diverged;
  CheckCount c{record.checks.size(), record.failed()};
  if (step.expect_divergence) {
    out << (diverged ? "passed  training diverged, as expected: " + record.divergence->details.text
                     : "FAILED  training did not diverge, but this step expects it to  (" +
                           step.divergence_where + ")")
        << "\n";
    c = {1, diverged ? 0u : 1u};
  } else if (diverged) {
    const std::size_t expected = std::max<std::size_t>(1, e.expect.size());
    out << "FAILED  " << record.divergence->message << "\n"
        << experiment::divergence_text(*record.divergence);
    c = {expected, expected};
  } else {
    if (step.show_weights) print_weights(*r.network, out);
    if (step.show_predictions) {
      const data::Split& s = r.bound.split;
      print_predictions(*r.network, s.test.rows ? s.test : s.train,
                        s.test.rows ? "test" : "training", out);
    }
    if (step.show_curve && record.history.size() >= 2 && !bar.shown())  // live: already there
      out << picture::terminal_curves({picture::curve_run(record)}, context.console.style, "loss",
                                      8);
  }
  context.checks += c.checks;
  context.failed += c.failed;
  if (!step.report.empty()) {
    const std::filesystem::path file = context.require_work_dir() / step.report;
    io::write_file_atomically(file, picture::run_report(r), "the report");
    out << "report saved: " << file.string() << "\n";
  }
  context.keep_run(std::move(r));
  context.path = std::move(path);
}

void ExperimentStep::check_plugins(const Registry& registry) const {
  experiment::check_plugins(experiment, registry);
  if (const auto& normalize = experiment.normalize)
    registry.resolve(registry.require(Kind::normalization, normalize->name, normalize->where),
                     normalize->params);
}

bool ExperimentStep::run(StepContext& context) const {
  run_graded(*this, experiment, context);
  return true;
}

namespace detail {

void read_show(const yaml::YamlReader& in, const YAML::Node& step, ExperimentStep& x) {
  if (const YAML::Node report = step["report"]) {
    x.report = in.text(report, "report");
    const std::filesystem::path name(x.report);
    if (name.has_parent_path() || name.is_absolute() || name.extension() != ".html")
      in.fail(report,
              "report: a file name ending in .html, without a folder: the report goes into the "
              "learner's work folder");
  }
  if (const YAML::Node show = step["show"]) {
    const std::vector<std::string> names =
        show.IsSequence() ? in.text_list(show, "show") : std::vector{in.text(show, "show")};
    for (const std::string& what : names) {
      if (what == "weights")
        x.show_weights = true;
      else if (what == "predictions")
        x.show_predictions = true;
      else if (what == "curve")
        x.show_curve = true;
      else
        in.fail(show, "show: cannot show '" + what + "'" +
                          did_you_mean(what, {"weights", "predictions", "curve"}) +
                          "; it shows any of weights, predictions and curve (the loss per "
                          "epoch): [weights, curve]");
    }
  }
}

namespace {

using yaml::YamlReader;

std::shared_ptr<const StepBody> read(const StepReader& reader, const YAML::Node& step) {
  const YamlReader& in = reader.in;
  const YAML::Node node = step["experiment"];
  in.expect_map(node, "an experiment step");
  for (const char* key : {"format_version", "kind"})
    if (node[key])
      throw Error(in.key_where(node, key) + ": '" + key +
                  "' belongs to the lesson, not to its experiment steps (remove it here)");
  in.check_keys(node, "an experiment step", experiment::detail::experiment_fields);
  auto made = std::make_shared<ExperimentStep>();
  ExperimentStep& x = *made;
  x.experiment =
      experiment::detail::read_experiment_fields(in, node, reader.base_dir, reader.default_name);
  // Later steps work on this run's data and network.
  LessonScope& scope = reader.scope;
  keep(scope.data, node["data"]);
  keep(scope.normalize, node["normalize"]);
  keep(scope.network, node["network"]);
  keep(scope.seed, node["seed"]);
  scope.has_data = scope.has_network = scope.has_record = true;
  read_show(in, step, x);
  if (const YAML::Node diverge = step["expect_divergence"]) {
    x.expect_divergence = in.flag(diverge, "expect_divergence");
    x.divergence_where = in.key_where(step, "expect_divergence");
    if (x.expect_divergence && !x.experiment.expect.empty())
      in.fail(node["expect"],
              "a run that is expected to diverge has no final metrics to check (remove expect: "
              "or expect_divergence:)");
  }
  return made;
}

}  // namespace

const StepKind& experiment_step_kind() {
  static const StepKind kind{"experiment",
                             {"show", "expect_divergence", "report"},
                             "write the experiment's data:, network: and so on below it",
                             &read};
  return kind;
}

}  // namespace detail
}  // namespace neuronlab::lesson
