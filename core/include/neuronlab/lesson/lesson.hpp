// A lesson file, read and validated with the strictness of an experiment file: every key is
// checked, and a mistake is a neuronlab::Error that starts with file:line:column and ends with
// a hint (an unknown key suggests the closest one).
//
//   format_version: 1               required; only 1 exists
//   kind: lesson                    required
//   title: One neuron               required
//   objectives: [...]               required, at least one line of text
//   steps:                          required, at least one; run in order, each a map with
//                                   exactly one of the keys below
//     - say: |                      narrative text, printed as written (line breaks kept)
//         ...
//     - neuron:                     one neuron computed by the engine, printed with the
//         inputs: {age: 0.5, salary: -1.2}        real numbers substituted; inputs are named
//         weights: [0.8, 0.3]                     one per input, in the order of the inputs
//         bias: 0.1                               (or a map with the inputs' names); default 0
//         activation: sigmoid                     a plugin name or {name: ..., params}
//     - quiz:
//         question: ...
//         choices: [..., ...]       at least two
//         answer: 2                 the number of the right choice as shown: 1 is the first
//         explain: ...              shown once the question is answered
//     - experiment:                 the keys of an experiment file without format_version
//         data: ...                 and kind; data.csv is relative to the lesson file; name
//         ...                       defaults to "<lesson id> step <n>"; its expect: conditions
//         expect: ...               are graded checks of the lesson
//       show: [weights, predictions]   optional: after training, print every layer's weights,
//                                   or the outputs for the first rows of the test set (the
//                                   training set when there is none)
//       expect_divergence: true     optional: this run is meant to diverge; it is a graded
//                                   check that passes when training stops with a non-finite
//                                   loss (and fails when it does not)
//
// The lesson's id is its file name without .yaml ("01-one-neuron").
#ifndef NEURONLAB_LESSON_LESSON_HPP
#define NEURONLAB_LESSON_LESSON_HPP

#include <neuronlab/registry.hpp>
#include <neuronlab/experiment/experiment.hpp>

#include <cstddef>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

namespace neuronlab::lesson {

constexpr int lesson_format_version = 1;

struct SayStep {
  std::string text;
};

struct NeuronStep {
  std::vector<std::string> input_names;
  std::vector<double> inputs;   // (n)
  std::vector<double> weights;  // (n), in the order of the inputs
  double bias = 0.0;
  std::string activation;
  ParamMap activation_params;
  std::string activation_where;
};

struct QuizStep {
  std::string question;
  std::vector<std::string> choices;
  std::size_t answer = 0;  // 0-based index into choices (the file says 1-based)
  std::string explain;
};

struct ExperimentStep {
  experiment::Experiment experiment;
  bool show_weights = false;
  bool show_predictions = false;
  bool expect_divergence = false;
  std::string divergence_where;  // the expect_divergence: key
};

struct Step {
  std::string where;  // "01-one-neuron.yaml:12:5"
  std::variant<SayStep, NeuronStep, QuizStep, ExperimentStep> body;
};

struct Lesson {
  std::string file;  // as given, for messages
  std::string id;    // the file name without .yaml
  std::string title;
  std::vector<std::string> objectives;
  std::vector<Step> steps;
};

// Reads and validates a lesson file. Throws neuronlab::Error.
Lesson read_lesson(const std::filesystem::path& file);
// The same from text; `file` names it in messages and gives the id; `base_dir` resolves the
// experiments' data.csv.
Lesson parse_lesson(const std::string& text, const std::string& file,
                    const std::filesystem::path& base_dir);

// Checks every plugin the lesson names (neuron activations, every experiment's plugins)
// against the registry, so that a typo stops the lesson before its first step.
void check_plugins(const Lesson& lesson, const Registry& registry);

}  // namespace neuronlab::lesson

#endif  // NEURONLAB_LESSON_LESSON_HPP
