// The quiz step and the pause between steps: the two places where a lesson reads from the
// learner. Without a terminal neither reads anything.
#include <neuronlab/lesson/runner.hpp>

#include <string>

namespace neuronlab::lesson {
namespace {

// The line without surrounding blanks; false at the end of the input.
bool read_line(Console& console, std::string& line) {
  if (!std::getline(console.in, line)) return false;
  const auto first = line.find_first_not_of(" \t\r");
  const auto last = line.find_last_not_of(" \t\r");
  line = first == std::string::npos ? "" : line.substr(first, last - first + 1);
  return true;
}

}  // namespace

bool pause(Console& console) {
  console.out << "\n[press Enter to continue, q to quit] " << std::flush;
  std::string line;
  if (!read_line(console, line) || line == "q" || line == "Q") return false;
  return true;
}

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
    if (!read_line(console, line) || line == "q" || line == "Q") return false;
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

}  // namespace neuronlab::lesson
