// The say step: narrative text, printed as written (line breaks kept).
//   - say: |
//       A neuron adds up its weighted inputs...
#include <neuronlab/lesson/runner.hpp>

#include "../step_kind.hpp"

namespace neuronlab::lesson {

bool SayStep::run(StepContext& context) const {
  context.console.out << text << "\n";
  return true;
}

namespace detail {
namespace {

std::shared_ptr<const StepBody> read(const StepReader& reader, const YAML::Node& step) {
  auto say = std::make_shared<SayStep>();
  say->text = text_block(reader.in, step["say"], "say");
  return say;
}

}  // namespace

const StepKind& say_step_kind() {
  static const StepKind kind{
      "say", {}, "write the text after it, or a | and the text below", &read};
  return kind;
}

}  // namespace detail
}  // namespace neuronlab::lesson
