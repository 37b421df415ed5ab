// run_lesson: the heading and objectives, then every step in order with a marker
// ("--- 2/9 ---"), pausing between steps on a terminal, and a last line with the checks.
#include <neuronlab/lesson/runner.hpp>

#include <variant>

namespace neuronlab::lesson {

LessonResult run_lesson(const Lesson& lesson, const Registry& registry, Console& console,
                        const std::string& heading) {
  check_plugins(lesson, registry);
  std::ostream& out = console.out;
  out << heading << ": " << lesson.title << "\nObjectives:\n";
  for (const std::string& objective : lesson.objectives) out << "  - " << objective << "\n";

  LessonResult result;
  const std::size_t count = lesson.steps.size();
  for (std::size_t i = 0; i < count; ++i) {
    if (console.interactive && !pause(console)) return result;
    out << "\n--- " << i + 1 << "/" << count << " ---\n";
    const Step& step = lesson.steps[i];
    if (const auto* say = std::get_if<SayStep>(&step.body)) {
      out << say->text << "\n";
    } else if (const auto* neuron = std::get_if<NeuronStep>(&step.body)) {
      out << neuron_text(*neuron, registry);
    } else if (const auto* quiz = std::get_if<QuizStep>(&step.body)) {
      if (!run_quiz(*quiz, console)) return result;
    } else {
      const CheckCount c = run_experiment_step(std::get<ExperimentStep>(step.body), registry, out);
      result.checks += c.checks;
      result.failed += c.failed;
    }
    out.flush();
  }
  result.finished = true;
  out << "\n"
      << (result.failed ? "FAILED  " : "passed  ") << result.checks - result.failed << " of "
      << result.checks << " checks of this lesson passed\n";
  return result;
}

}  // namespace neuronlab::lesson
