// Running a lesson: its steps in order, on a console that is either a terminal (questions are
// asked, and the runner waits for Enter between steps) or not (everything is printed and
// nothing waits, so a lesson runs to its end from a script or a test).
//
// A lesson's graded checks are the expect: conditions of its experiment steps, and the
// expect_divergence: of a step that is meant to diverge. The lesson is completed when it ran
// to its end and every check passed.
#ifndef NEURONLAB_LESSON_RUNNER_HPP
#define NEURONLAB_LESSON_RUNNER_HPP

#include <neuronlab/lesson/lesson.hpp>
#include <neuronlab/registry.hpp>

#include <cstddef>
#include <istream>
#include <ostream>
#include <string>

namespace neuronlab::lesson {

struct Console {
  std::istream& in;
  std::ostream& out;
  bool interactive;  // the host's rule: isatty(stdin) && isatty(stdout)
};

// Interactive only: false when the learner typed q (or the input ended).
bool pause(Console& console);

// The neuron's computation with the engine's numbers, four lines:
//     inputs   age 0.5, salary −1.2
//     weights  age 0.8, salary 0.3; bias 0.1
//     z = 0.5·0.8 + (−1.2)·0.3 + 0.1 = 0.14
//     a = sigmoid(0.14) = 0.534942
// (numbers with up to 6 significant digits, negative ones with a minus sign in parentheses).
std::string neuron_text(const NeuronStep& step, const Registry& registry);

// Without a terminal: the question, the choices, the answer and the explanation. With one:
// asks until the answer is right (false when the learner typed q or the input ended).
bool run_quiz(const QuizStep& step, Console& console);

struct CheckCount {
  std::size_t checks = 0;
  std::size_t failed = 0;
};
// Trains the step's experiment with progress lines, then prints its checks.
CheckCount run_experiment_step(const ExperimentStep& step, const Registry& registry,
                               std::ostream& out);

struct LessonResult {
  bool finished = false;  // ran to the end (the learner did not quit)
  std::size_t checks = 0;
  std::size_t failed = 0;
  bool completed() const { return finished && failed == 0; }
};

// `heading` introduces the lesson ("Lesson 1 of 3"). Throws neuronlab::Error for a mistake
// in the lesson (a plugin, the data), before the first step where it can.
LessonResult run_lesson(const Lesson& lesson, const Registry& registry, Console& console,
                        const std::string& heading);

}  // namespace neuronlab::lesson

#endif  // NEURONLAB_LESSON_RUNNER_HPP
