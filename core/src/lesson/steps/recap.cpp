// The recap step: what to remember from the lesson so far, as a short list.
//   - recap:
//       - a neuron computes a weighted sum of its inputs plus a bias
//       - the activation turns that sum into the neuron's output
// prints
//   What to remember:
//     - a neuron computes a weighted sum of its inputs plus a bias
//     - the activation turns that sum into the neuron's output
#include <neuronlab/lesson/runner.hpp>

#include "../step_kind.hpp"

namespace neuronlab::lesson::detail {
namespace {

struct RecapStep : StepBody {
  std::vector<std::string> points;
  bool run(StepContext& context) const override {
    context.console.out << "What to remember:\n";
    for (const std::string& point : points) context.console.out << "  - " << point << "\n";
    return true;
  }
};

std::shared_ptr<const StepBody> read(const StepReader& reader, const YAML::Node& step) {
  auto recap = std::make_shared<RecapStep>();
  recap->points = reader.in.text_list(step["recap"], "recap");
  if (recap->points.empty()) reader.in.fail(step["recap"], "a recap needs at least one point");
  return recap;
}

}  // namespace

const StepKind& recap_step_kind() {
  static const StepKind kind{"recap", {}, "give the points to remember as a list below it", &read};
  return kind;
}

}  // namespace neuronlab::lesson::detail
