// The check step: a graded condition on what earlier steps produced, counted with the
// lesson's other checks (the lesson is completed when they all pass).
//   - check: {metric: train_accuracy, at_least: 1.0}     the last run's final metric; at_least:
//                                                          and/or at_most:, as in expect:
//   - check: {output: [1, 0], equals: 1, tolerance: 0.1}  the current network's (first)
//                                                          output for these raw inputs; or
//                                                          at_least: / at_most:
//   - check: {neuron: {layer: 1, neuron: 2, input: [1, 0], value: z}, at_most: 0}
//                                                          one neuron's z (or a), as trace
//                                                          shows it
#include <neuronlab/lesson/runner.hpp>

#include "../condition.hpp"
#include "../step_kind.hpp"

namespace neuronlab::lesson {
namespace {

struct CheckStep : StepBody {
  detail::Condition condition;

  bool run(StepContext& context) const override {
    const detail::Verdict v =
        detail::judge(condition, context.records.empty() ? nullptr : &context.records.back(),
                      context.network ? &*context.network : nullptr,
                      context.normalizer ? &*context.normalizer : nullptr);
    context.console.out << v.line << (v.passed ? "" : "  (" + condition.where + ")") << "\n";
    ++context.checks;
    if (!v.passed) ++context.failed;
    return true;
  }
};

}  // namespace

namespace detail {
namespace {

std::shared_ptr<const StepBody> read(const StepReader& reader, const YAML::Node& step) {
  auto made = std::make_shared<CheckStep>();
  made->condition = read_condition(reader.in, step["check"], "check");
  if (!made->condition.metric.empty() && !reader.scope.has_record)
    needs_earlier(reader, step, "check", "a run to check",
                  "put a train or experiment step before it");
  if (made->condition.metric.empty() && !reader.scope.has_network)  // output: or neuron:
    needs_earlier(reader, step, "check", "a network",
                  "put a network, train or experiment step before it");
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
