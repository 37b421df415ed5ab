// The quiz step: a multiple-choice question. Without a terminal it prints the question, the
// choices, the answer and the explanation and reads nothing.
//   - quiz:
//       question: ...
//       choices: [..., ...]
//       answer: 2            the number of the right choice as shown: 1 is the first
//       explain: ...
#include <neuronlab/lesson/runner.hpp>

#include <string>

#include "../step_kind.hpp"

namespace neuronlab::lesson {

bool run_quiz(const QuizStep& q, Console& console) {
  std::ostream& out = console.out;
  out << "Question: " << q.question << "\n";
  for (std::size_t i = 0; i < q.choices.size(); ++i)
    out << "  " << i + 1 << ") " << q.choices[i] << "\n";
  const std::string right = std::to_string(q.answer + 1) + ") " + q.choices[q.answer];
  if (!console.interactive) {
    out << "Answer: " << right << "\n" << q.explain << "\n";
    return true;
  }
  const std::string range = "1-" + std::to_string(q.choices.size());
  for (;;) {
    out << "Your answer (" << range << ", q to quit): " << std::flush;
    std::string line;
    if (!console.read_line(line) || line == "q" || line == "Q") return false;
    const bool digits = !line.empty() && line.size() <= 3 &&
                        line.find_first_not_of("0123456789") == std::string::npos;
    const std::size_t chosen = digits ? std::stoul(line) : 0;
    if (chosen < 1 || chosen > q.choices.size()) {
      out << "Type the number of a choice, " << range << ".\n";
      continue;
    }
    if (chosen - 1 == q.answer) {
      out << "Right: " << right << "\n" << q.explain << "\n";
      return true;
    }
    out << "Not " << chosen << ". Try again.\n";
  }
}

bool QuizStep::run(StepContext& context) const { return run_quiz(*this, context.console); }

namespace detail {
namespace {

using yaml::YamlReader;

std::shared_ptr<const StepBody> read(const StepReader& reader, const YAML::Node& step) {
  const YamlReader& in = reader.in;
  const YAML::Node node = step["quiz"];
  in.check_keys(node, "quiz", {"question", "choices", "answer", "explain"});
  auto made = std::make_shared<QuizStep>();
  QuizStep& q = *made;
  q.question =
      text_block(in, in.require(node, "question", "quiz", "the question to ask"), "question");
  const YAML::Node choices =
      in.require(node, "choices", "quiz", "the possible answers, as a list of text");
  q.choices = in.text_list(choices, "choices");
  if (q.choices.size() < 2) in.fail(choices, "a quiz needs at least two choices");
  const YAML::Node answer = in.require(node, "answer", "quiz",
                                       "the number of the right choice as shown, 1 for the first");
  q.answer = std::size_t(in.integer(answer, "answer", 1, long(q.choices.size())) - 1);
  q.explain =
      text_block(in, in.require(node, "explain", "quiz", "why the answer is right"), "explain");
  return made;
}

}  // namespace

const StepKind& quiz_step_kind() {
  static const StepKind kind{
      "quiz", {}, "give question:, choices:, answer: and explain: below it", &read};
  return kind;
}

}  // namespace detail
}  // namespace neuronlab::lesson
