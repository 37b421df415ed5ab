// A lesson file, read and validated with the strictness of an experiment file: every key is
// checked, and a mistake is a neuronlab::Error that starts with file:line:column and ends with
// a hint (an unknown key suggests the closest one).
//
//   format_version: 1               required; only 1 exists
//   kind: lesson                    required
//   title: One neuron               required
//   objectives: [...]               required, at least one line of text
//   steps:                          required, at least one; run in order, each a map with
//                                   exactly one step kind's key: say, neuron, quiz,
//                                   experiment, ... (the step table, step_kinds.def; each
//                                   kind's keys are at the top of its file in
//                                   core/src/lesson/steps/ and in docs/lessons.md)
//
// The lesson's id is its file name without .yaml ("01-one-neuron").
#ifndef NEURONLAB_LESSON_LESSON_HPP
#define NEURONLAB_LESSON_LESSON_HPP

#include <neuronlab/registry.hpp>

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace neuronlab::lesson {

constexpr int lesson_format_version = 1;

struct StepContext;  // runner.hpp

// What a step does: one kind of the step table (core/src/lesson/step_kinds.def), read and
// validated by its own file, which also runs it. The built-in kinds' bodies are in steps.hpp.
class StepBody {
 public:
  virtual ~StepBody() = default;
  // Checks every plugin the step names, before the lesson's first step runs.
  virtual void check_plugins(const Registry&) const {}
  // Runs the step against the lesson's context; false when the learner quit.
  virtual bool run(StepContext& context) const = 0;
};

struct Step {
  std::string where;  // "01-one-neuron.yaml:12:5"
  std::string kind;   // the key that made it: "say", "quiz", ...
  std::shared_ptr<const StepBody> body;

  // The body as the kind's type (a bug if it is another kind).
  template <class T>
  const T& as() const {
    return dynamic_cast<const T&>(*body);
  }
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

// Checks every plugin the lesson names (each step's check_plugins) against the registry, so
// that a typo stops the lesson before its first step.
void check_plugins(const Lesson& lesson, const Registry& registry);

}  // namespace neuronlab::lesson

#endif  // NEURONLAB_LESSON_LESSON_HPP
