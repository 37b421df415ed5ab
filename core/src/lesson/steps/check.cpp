// The check step: a graded condition on what earlier steps produced, counted with the
// lesson's other checks (the lesson is completed when they all pass).
//   - check: {metric: train_accuracy, at_least: 1.0}     the last run's final metric; at_least:
//                                                          and/or at_most:, as in expect:
//   - check: {output: [1, 0], equals: 1, tolerance: 0.1}  the current network's (first)
//                                                          output for these raw inputs; or
//                                                          at_least: / at_most:
#include <neuronlab/experiment/report.hpp>
#include <neuronlab/lesson/runner.hpp>

#include <cmath>

#include "../step_kind.hpp"

namespace neuronlab::lesson {
namespace {

struct CheckStep : StepBody {
  std::string metric;          // train_accuracy, ...; empty: an output check
  std::vector<double> output;  // the inputs whose output is checked
  std::optional<double> at_least, at_most, equals;
  double tolerance = 0;
  std::string where;

  bool run(StepContext& context) const override {
    double value = 0;
    std::string what;
    if (!metric.empty()) {
      const experiment::RunRecord& r = context.records.back();
      const std::size_t cut = metric.find('_');
      const std::optional<engine::Metrics>& part = r.part(metric.substr(0, cut));
      const std::optional<double> v = part ? part->get(metric.substr(cut + 1)) : std::nullopt;
      if (!v)
        throw Error(where + ": check: the last run has no " + metric +
                    " (it has no such rows, or diverged)");
      value = *v;
      what = metric;
    } else {
      engine::Network& net = *context.network;
      if (output.size() != net.inputs())
        throw Error(where + ": check.output has " + std::to_string(output.size()) +
                    " values, and the network takes " + std::to_string(net.inputs()));
      std::vector<float> x(output.begin(), output.end());
      if (context.normalizer) context.normalizer->transform(x, 1, x.size());
      value = net.forward(ConstMatrixView(x.data(), 1, x.size(), x.size()))(0, 0);
      what = "the output for (";
      for (std::size_t j = 0; j < output.size(); ++j)
        what += (j ? ", " : "") + experiment::format_metric(output[j]);
      what += ")";
    }
    std::string expected;
    bool passed = std::isfinite(value);
    if (equals) {
      passed = passed && std::fabs(value - *equals) <= tolerance;
      expected = "within " + experiment::format_metric(tolerance) + " of " +
                 experiment::format_metric(*equals);
    }
    if (at_least) {
      passed = passed && value >= *at_least;
      expected = ">= " + experiment::format_metric(*at_least);
    }
    if (at_most) {
      passed = passed && value <= *at_most;
      expected += (expected.empty() ? "<= " : " and <= ") + experiment::format_metric(*at_most);
    }
    std::string off;
    if (!passed && equals && std::isfinite(value))
      off = ", off by " + experiment::format_metric(std::fabs(value - *equals));
    context.console.out << (passed ? "passed  " : "FAILED  ") << what << " = "
                        << experiment::format_metric(value) << ", expected " << expected << off
                        << (passed ? "" : "  (" + where + ")") << "\n";
    ++context.checks;
    if (!passed) ++context.failed;
    return true;
  }
};

}  // namespace

namespace detail {
namespace {

std::shared_ptr<const StepBody> read(const StepReader& reader, const YAML::Node& step) {
  const yaml::YamlReader& in = reader.in;
  const YAML::Node node = step["check"];
  in.expect_map(node, "check");
  in.check_keys(node, "check", {"metric", "output", "at_least", "at_most", "equals", "tolerance"});
  auto made = std::make_shared<CheckStep>();
  CheckStep& c = *made;
  c.where = in.where(node);
  if (node["metric"] && node["output"])
    throw Error(in.key_where(node, "output") + ": a check checks one thing: metric: or output:");
  if (node["metric"]) {
    c.metric = in.text(node["metric"], "check.metric");
    const std::size_t cut = c.metric.find('_');
    const std::string part = c.metric.substr(0, cut);
    const std::string name = cut == std::string::npos ? "" : c.metric.substr(cut + 1);
    const bool known =
        (part == "train" || part == "validation" || part == "test") &&
        (name == "loss" || name == "accuracy" || name == "mse" || name == "mae" || name == "r2");
    if (!known)
      in.fail(node["metric"], "check.metric '" + c.metric +
                                  "' is not a metric; write part_metric: train_accuracy, "
                                  "test_loss, validation_r2, ...");
    if (!reader.scope.has_record)
      needs_earlier(reader, step, "check", "a run to check", "a train or experiment step");
  } else if (node["output"]) {
    if (!node["output"].IsSequence())
      in.fail(node["output"], "check.output must be a list of inputs");
    for (const YAML::Node& v : node["output"])
      c.output.push_back(in.real(v, "check.output", -1e6, 1e6));
    if (!reader.scope.has_network)
      needs_earlier(reader, step, "check", "a network", "a network, train or experiment step");
  } else {
    in.fail(node, "check needs metric: (of the last run) or output: [inputs] (of the network)");
  }
  if (node["at_least"]) c.at_least = in.real(node["at_least"], "check.at_least", -1e12, 1e12);
  if (node["at_most"]) c.at_most = in.real(node["at_most"], "check.at_most", -1e12, 1e12);
  if (node["equals"]) c.equals = in.real(node["equals"], "check.equals", -1e12, 1e12);
  if (node["tolerance"]) {
    if (!c.equals)
      throw Error(in.key_where(node, "tolerance") + ": check.tolerance goes with equals:");
    c.tolerance = in.real(node["tolerance"], "check.tolerance", 0, 1e12);
  }
  if (!c.at_least && !c.at_most && !c.equals)
    in.fail(node, "check needs at_least:, at_most: or equals: (with tolerance:)");
  return made;
}

}  // namespace

const StepKind& check_step_kind() {
  static const StepKind kind{
      "check", {}, "give metric: or output: and the bound (at_least:, at_most:, equals:)", &read};
  return kind;
}

}  // namespace detail
}  // namespace neuronlab::lesson
