// The say step: narrative text, laid out for the learner's terminal (text_layout.hpp):
// paragraphs wrapped to its width (80 columns at most), indented lines and ``` blocks kept as
// written, *emphasis* and `code` shown in styles on a terminal that has colour.
//   - say: |
//       A neuron adds up its weighted inputs...
#include <neuronlab/lesson/runner.hpp>

#include "../step_kind.hpp"
#include "../text_layout.hpp"

namespace neuronlab::lesson {

bool SayStep::run(StepContext& context) const {
  const picture::TerminalStyle& style = context.console.style;
  context.console.out << layout_text(text, {style.width, style.colour});
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
