#include "condition.hpp"

#include <neuronlab/experiment/report.hpp>

#include <cmath>

namespace neuronlab::lesson::detail {

Condition read_condition(const yaml::YamlReader& in, const YAML::Node& node,
                         const std::string& what) {
  in.expect_map(node, what);
  in.check_keys(node, what,
                {"metric", "output", "neuron", "at_least", "at_most", "equals", "tolerance"});
  Condition c;
  c.where = in.where(node);
  if ((node["metric"] ? 1 : 0) + (node["output"] ? 1 : 0) + (node["neuron"] ? 1 : 0) > 1)
    throw Error(c.where + ": a " + what + " checks one thing: metric:, output: or neuron:");
  if (node["metric"]) {
    c.metric = in.text(node["metric"], what + ".metric");
    const std::size_t cut = c.metric.find('_');
    const std::string part = c.metric.substr(0, cut);
    const std::string name = cut == std::string::npos ? "" : c.metric.substr(cut + 1);
    const bool known =
        (part == "train" || part == "validation" || part == "test") &&
        (name == "loss" || name == "accuracy" || name == "mse" || name == "mae" || name == "r2");
    if (!known)
      in.fail(node["metric"], what + ".metric '" + c.metric +
                                  "' is not a metric; write part_metric: train_accuracy, "
                                  "test_loss, validation_r2, ...");
  } else if (node["output"]) {
    if (!node["output"].IsSequence())
      in.fail(node["output"], what + ".output must be a list of inputs");
    for (const YAML::Node& v : node["output"])
      c.output.push_back(in.real(v, what + ".output", -1e6, 1e6));
  } else if (const YAML::Node n = node["neuron"]) {
    in.expect_map(n, what + ".neuron");
    in.check_keys(n, what + ".neuron", {"layer", "neuron", "input", "value"});
    c.layer = std::size_t(
        in.integer(in.require(n, "layer", what + ".neuron", "from 1"), "layer", 1, 1000));
    c.neuron = std::size_t(
        in.integer(in.require(n, "neuron", what + ".neuron", "from 1"), "neuron", 1, 100000));
    const YAML::Node input = in.require(n, "input", what + ".neuron", "raw inputs: [1, 0]");
    if (!input.IsSequence()) in.fail(input, what + ".neuron.input must be a list of inputs");
    for (const YAML::Node& v : input) c.output.push_back(in.real(v, "input", -1e6, 1e6));
    const YAML::Node value = in.require(n, "value", what + ".neuron", "z or a");
    const std::string v = in.text(value, "value");
    if (v != "z" && v != "a")
      in.fail(value, what + ".neuron.value is z (the weighted sum) or a (the activation)");
    c.weighted_sum = v == "z";
  } else {
    in.fail(node, what +
                      " needs metric: (of the run), output: [inputs] (of the network) or "
                      "neuron: {layer, neuron, input, value} (one neuron's z or a)");
  }
  if (node["at_least"]) c.at_least = in.real(node["at_least"], what + ".at_least", -1e12, 1e12);
  if (node["at_most"]) c.at_most = in.real(node["at_most"], what + ".at_most", -1e12, 1e12);
  if (node["equals"]) c.equals = in.real(node["equals"], what + ".equals", -1e12, 1e12);
  if (node["tolerance"]) {
    if (!c.equals)
      throw Error(in.key_where(node, "tolerance") + ": " + what + ".tolerance goes with equals:");
    c.tolerance = in.real(node["tolerance"], what + ".tolerance", 0, 1e12);
  }
  if (!c.at_least && !c.at_most && !c.equals)
    in.fail(node, what + " needs at_least:, at_most: or equals: (with tolerance:)");
  return c;
}

Verdict judge(const Condition& c, const experiment::RunRecord* record, engine::Network* network,
              const data::InputNormalizer* normalizer) {
  using experiment::format_metric;
  double value = 0;
  std::string what;
  if (!c.metric.empty()) {
    const std::size_t cut = c.metric.find('_');
    const std::optional<engine::Metrics>* part =
        record ? &record->part(c.metric.substr(0, cut)) : nullptr;
    const std::optional<double> v =
        part && *part ? (*part)->get(c.metric.substr(cut + 1)) : std::nullopt;
    if (!v)
      return {false, "FAILED  " + c.metric +
                         ": the run has none (it has no such rows, or training diverged)"};
    value = *v;
    what = c.metric;
  } else if (c.layer > 0) {
    if (c.layer > network->layer_count() || c.neuron > network->neurons(c.layer - 1))
      throw Error(c.where + ": the network has no neuron " + std::to_string(c.neuron) +
                  " in layer " + std::to_string(c.layer));
    if (c.output.size() != network->inputs())
      throw Error(c.where + ": input has " + std::to_string(c.output.size()) +
                  " values, and the network takes " + std::to_string(network->inputs()));
    std::vector<float> x(c.output.begin(), c.output.end());
    if (normalizer) normalizer->transform(x, 1, x.size());
    const engine::NeuronTrace t = network->trace_neuron(c.layer - 1, c.neuron - 1, x.data());
    value = c.weighted_sum ? t.weighted_sum : t.activation;
    what = std::string(c.weighted_sum ? "z" : "a") + " of layer " + std::to_string(c.layer) +
           " neuron " + std::to_string(c.neuron) + " for (";
    for (std::size_t j = 0; j < c.output.size(); ++j)
      what += (j ? ", " : "") + format_metric(c.output[j]);
    what += ")";
  } else {
    if (c.output.size() != network->inputs())
      throw Error(c.where + ": output has " + std::to_string(c.output.size()) +
                  " values, and the network takes " + std::to_string(network->inputs()));
    std::vector<float> x(c.output.begin(), c.output.end());
    if (normalizer) normalizer->transform(x, 1, x.size());
    value = network->forward(ConstMatrixView(x.data(), 1, x.size(), x.size()))(0, 0);
    what = "the output for (";
    for (std::size_t j = 0; j < c.output.size(); ++j)
      what += (j ? ", " : "") + format_metric(c.output[j]);
    what += ")";
  }
  std::string expected;
  bool passed = std::isfinite(value);
  double off = 0;
  if (c.equals) {
    passed = passed && std::fabs(value - *c.equals) <= c.tolerance;
    expected = "within " + format_metric(c.tolerance) + " of " + format_metric(*c.equals);
    off = std::fabs(value - *c.equals);
  }
  if (c.at_least) {
    passed = passed && value >= *c.at_least;
    expected += (expected.empty() ? ">= " : " and >= ") + format_metric(*c.at_least);
    if (value < *c.at_least) off = *c.at_least - value;
  }
  if (c.at_most) {
    passed = passed && value <= *c.at_most;
    expected += (expected.empty() ? "<= " : " and <= ") + format_metric(*c.at_most);
    if (value > *c.at_most) off = value - *c.at_most;
  }
  std::string line = std::string(passed ? "passed  " : "FAILED  ") + what + " = " +
                     format_metric(value) + ", expected " + expected;
  if (!passed && std::isfinite(value)) line += " (off by " + format_metric(off) + ")";
  return {passed, line};
}

}  // namespace neuronlab::lesson::detail
