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

struct QuizStep : StepBody {
  std::string question;
  std::vector<std::string> choices;
  std::size_t answer = 0;  // 0-based index into choices (the file says 1-based)
  std::string explain;
  bool run(StepContext& context) const override;
};

struct ExperimentStep : StepBody {
  experiment::Experiment experiment;
  bool show_weights = false;
  bool show_predictions = false;
  bool expect_divergence = false;
  std::string divergence_where;  // the expect_divergence: key
  void check_plugins(const Registry& registry) const override;
  bool run(StepContext& context) const override;
};

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

}  // namespace neuronlab::lesson

#endif  // NEURONLAB_LESSON_STEPS_HPP
