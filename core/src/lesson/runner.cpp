// run_lesson: the heading and objectives, then every step in order with a marker
// ("--- 2/9 ---"), pausing between steps on a terminal, and a last line with the checks. The
// steps run themselves (lesson.hpp); the runner holds their context.
#include <neuronlab/lesson/runner.hpp>

namespace neuronlab::lesson {

bool Console::read_line(std::string& line) {
  if (!std::getline(in, line)) return false;
  const auto first = line.find_first_not_of(" \t\r");
  const auto last = line.find_last_not_of(" \t\r");
  line = first == std::string::npos ? "" : line.substr(first, last - first + 1);
  return true;
}

bool pause(Console& console) {
  console.out << "\n[press Enter to continue, q to quit] " << std::flush;
  std::string line;
  if (!console.read_line(line) || line == "q" || line == "Q") return false;
  return true;
}

LessonResult run_lesson(const Lesson& lesson, const Registry& registry, Console& console,
                        const std::string& heading) {
  check_plugins(lesson, registry);
  std::ostream& out = console.out;
  out << heading << ": " << lesson.title << "\nObjectives:\n";
  for (const std::string& objective : lesson.objectives) out << "  - " << objective << "\n";

  StepContext context{lesson, registry, console};
  LessonResult result;
  const std::size_t count = lesson.steps.size();
  for (std::size_t i = 0; i < count; ++i) {
    if (console.interactive && !pause(console)) break;
    out << "\n--- " << i + 1 << "/" << count << " ---\n";
    const bool went_on = lesson.steps[i].body->run(context);
    out.flush();
    if (!went_on) break;
    result.finished = i + 1 == count;
  }
  result.checks = context.checks;
  result.failed = context.failed;
  if (!result.finished) return result;
  out << "\n"
      << (result.failed ? "FAILED  " : "passed  ") << result.checks - result.failed << " of "
      << result.checks << " checks of this lesson passed\n";
  return result;
}

}  // namespace neuronlab::lesson
