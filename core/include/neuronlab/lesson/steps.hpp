// The built-in step kinds' bodies, each read and run by its own file in core/src/lesson/steps/
// (the format of each is in lesson.hpp). A step kind that nothing else needs to see keeps its
// body inside its file; these are here for the tests and the functions below.
#ifndef NEURONLAB_LESSON_STEPS_HPP
#define NEURONLAB_LESSON_STEPS_HPP

#include <neuronlab/experiment/experiment.hpp>
#include <neuronlab/lesson/lesson.hpp>
#include <neuronlab/registry.hpp>

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace neuronlab::lesson {

struct Console;

struct SayStep : StepBody {
  std::string text;
  bool run(StepContext& context) const override;
};

struct NeuronStep : StepBody {
  std::vector<std::string> input_names;
  std::vector<double> inputs;   // (n)
  std::vector<double> weights;  // (n), in the order of the inputs
  double bias = 0.0;
  std::string activation;
  ParamMap activation_params;
  std::string activation_where;
  void check_plugins(const Registry& registry) const override;
  bool run(StepContext& context) const override;
};

// A question with one right answer: a choice answered by letter, a number within a
// tolerance, or a short text with accepted variants.
struct QuizStep : StepBody {
  enum class Form { choice, number, text };
  struct Choice {
    std::string text;
    std::string feedback;  // said when this (wrong) choice is picked; may be empty
  };
  Form form = Form::choice;
  std::string question;
  std::vector<Choice> choices;        // choice
  std::size_t answer = 0;             // choice: 0-based index (the file says a letter)
  double value = 0, tolerance = 0;    // number: right when |typed - value| <= tolerance
  std::vector<std::string> accepted;  // text: the answer first, then its variants
  std::vector<std::string> hints;     // shown one at a time on request (h or ?)
  std::size_t tries = 3;              // wrong answers allowed before the explanation
  std::string explain;
  // The right answer as the learner reads it: "b) two", "0.14", "bias".
  std::string answer_text() const;
  bool run(StepContext& context) const override;
};

struct ExperimentStep : StepBody {
  experiment::Experiment experiment;
  bool show_weights = false;
  bool show_predictions = false;
  bool expect_divergence = false;
  bool show_curve = false;       // a small loss curve after the run
  std::string divergence_where;  // the expect_divergence: key
  std::string report;            // a file name in the work folder for the run's HTML report
  void check_plugins(const Registry& registry) const override;
  bool run(StepContext& context) const override;
};

// The neuron's computation with the engine's numbers, four lines:
//     inputs   age 0.5, salary −1.2
//     weights  age 0.8, salary 0.3; bias 0.1
//     z = 0.5·0.8 + (−1.2)·0.3 + 0.1 = 0.14
//     a = sigmoid(0.14) = 0.534943
// (numbers with up to 6 significant digits, negative ones with a minus sign in parentheses).
std::string neuron_text(const NeuronStep& step, const Registry& registry);

struct Score;
// When the console asks: asks until the answer is right or the tries are used up, with hints
// on request, and counts it in `score`; false when the learner typed q or the input ended.
// Otherwise prints the question, the reference answer and the explanation, and reads nothing.
bool run_quiz(const QuizStep& step, Console& console, Score& score);

// "0.5", "-0.0163", "1.2e-05": how the trace step prints a value (4 significant digits).
std::string trace_number(double v);

struct CheckCount {
  std::size_t checks = 0;
  std::size_t failed = 0;
};
// Trains `e` with the step's show: and expect_divergence:, live progress on a terminal and
// progress lines elsewhere, counts its checks in the context and keeps its run there.
struct StepContext;
void run_graded(const ExperimentStep& step, const experiment::Experiment& e, StepContext& context);

}  // namespace neuronlab::lesson

#endif  // NEURONLAB_LESSON_STEPS_HPP
