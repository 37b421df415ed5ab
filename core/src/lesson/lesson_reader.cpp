// Reading a lesson file (the format is in lesson.hpp): the top level here, each step by its
// kind in the step table (step_kind.hpp).
#include <neuronlab/lesson/lesson.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "../data/text.hpp"
#include "../yaml/yaml_reader.hpp"
#include "step_kind.hpp"

namespace neuronlab::lesson {

using neuronlab::detail::join;
using yaml::YamlReader;

namespace {

const std::vector<std::string> top_keys = {"format_version", "kind", "title", "objectives",
                                           "steps"};

Step read_step(const YamlReader& in, const YAML::Node& node, const std::filesystem::path& base_dir,
               const std::string& default_name, detail::LessonScope& scope) {
  std::vector<std::string> kinds, keys;
  for (const detail::StepKind* kind : detail::step_kinds()) kinds.push_back(kind->key);
  keys = kinds;
  for (const detail::StepKind* kind : detail::step_kinds())
    for (const std::string& option : kind->options)
      if (std::find(keys.begin(), keys.end(), option) == keys.end()) keys.push_back(option);
  if (!node.IsMap())
    in.fail(node, "each step must be a map with one of " + join(kinds) +
                      " (for example: - say: Hello); the pause between steps is implicit");
  in.check_keys(node, "a step", keys);
  std::vector<const detail::StepKind*> given;
  for (const detail::StepKind* kind : detail::step_kinds())
    if (node[kind->key]) given.push_back(kind);
  if (given.empty()) in.fail(node, "a step needs one of " + join(kinds));
  if (given.size() > 1)
    throw Error(in.key_where(node, given[1]->key) +
                ": a step does one thing, and this one has both '" + given[0]->key + "' and '" +
                given[1]->key + "' (split it into two steps)");
  const detail::StepKind& kind = *given[0];
  // An option of other kinds only: say which steps take it.
  for (const std::string& option : keys) {
    if (!node[option] || std::find(kinds.begin(), kinds.end(), option) != kinds.end() ||
        std::find(kind.options.begin(), kind.options.end(), option) != kind.options.end())
      continue;
    std::vector<std::string> owners;
    for (const detail::StepKind* other : detail::step_kinds())
      if (std::find(other->options.begin(), other->options.end(), option) != other->options.end())
        owners.push_back(other->key);
    std::string list = owners[0];
    for (std::size_t i = 1; i < owners.size(); ++i)
      list += (i + 1 == owners.size() ? " or " : ", ") + owners[i];
    throw Error(in.key_where(node, option) + ": '" + option + "' belongs to " +
                (owners.size() == 1 && std::string("aeiou").find(owners[0][0]) != std::string::npos
                     ? "an "
                     : "a ") +
                list + " step, not to a " + kind.key + " step");
  }
  if (node[kind.key].IsNull())
    throw Error(in.key_where(node, kind.key) + ": '" + kind.key + "' is empty (" + kind.empty_hint +
                ")");
  Step step;
  step.where = in.where(node);
  step.kind = kind.key;
  step.body = kind.read(detail::StepReader{in, base_dir, default_name, scope}, node);
  return step;
}

}  // namespace

void detail::needs_earlier(const StepReader& reader, const YAML::Node& step,
                           const std::string& kind, const std::string& what,
                           const std::string& advice) {
  throw Error(reader.in.key_where(step, kind) + ": a " + kind + " step needs " + what +
              ", and no step before it defines one\n  hint: " + advice);
}

Lesson parse_lesson(const std::string& text, const std::string& file,
                    const std::filesystem::path& base_dir) {
  YamlReader in(file);
  const YAML::Node root = in.load_versioned(text, "a lesson", lesson_format_version);
  in.check_keys(root, "a lesson file", top_keys);
  const YAML::Node kind = in.require(root, "kind", "a lesson file", "write kind: lesson");
  const std::string kind_text = in.text(kind, "kind");
  if (kind_text == "experiment")
    in.fail(kind, "this file is an experiment; run it with 'neuronlab run'");
  if (kind_text != "lesson")
    in.fail(kind, "unknown kind '" + kind_text + "'" +
                      did_you_mean(kind_text, {"lesson", "experiment"}) +
                      "; 'neuronlab learn' runs kind: lesson");

  Lesson lesson;
  lesson.file = file;
  lesson.id = std::filesystem::path(file).stem().string();
  lesson.title =
      in.text(in.require(root, "title", "a lesson file", "one line naming the lesson"), "title");
  const YAML::Node objectives = in.require(root, "objectives", "a lesson file",
                                           "what the learner will be able to do, as a list");
  lesson.objectives = in.text_list(objectives, "objectives");
  if (lesson.objectives.empty()) in.fail(objectives, "objectives needs at least one line");
  const YAML::Node steps =
      in.require(root, "steps", "a lesson file", "a list of steps such as say: and quiz:");
  if (!steps.IsSequence() || steps.size() == 0)
    in.fail(steps, "steps must be a list with at least one step");
  detail::LessonScope scope;
  for (std::size_t i = 0; i < steps.size(); ++i)
    lesson.steps.push_back(
        read_step(in, steps[i], base_dir, lesson.id + " step " + std::to_string(i + 1), scope));
  return lesson;
}

Lesson read_lesson(const std::filesystem::path& file) {
  const std::string text = yaml::YamlReader(file.string()).read(file);
  return parse_lesson(text, file.string(), file.parent_path());
}

void check_plugins(const Lesson& lesson, const Registry& registry) {
  for (const Step& step : lesson.steps) step.body->check_plugins(registry);
}

}  // namespace neuronlab::lesson
