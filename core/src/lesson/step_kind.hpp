// The step table: every kind of lesson step, one file each in steps/, registered by one line
// in step_kinds.def. A kind is the key that introduces it ("say"), the other keys it allows
// on the same step ("show"), a hint for when it is left empty, and the function that reads
// and validates it into a StepBody (which runs itself, see lesson.hpp).
#ifndef NEURONLAB_SRC_LESSON_STEP_KIND_HPP
#define NEURONLAB_SRC_LESSON_STEP_KIND_HPP

#include <neuronlab/lesson/lesson.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "../yaml/yaml_reader.hpp"

namespace neuronlab::lesson::detail {

// What reading a step may use besides its YAML.
struct StepReader {
  const yaml::YamlReader& in;
  std::filesystem::path base_dir;  // the lesson file's folder: relative paths start here
  std::string default_name;        // "<lesson id> step <n>", for a run without a name
};

struct StepKind {
  std::string key;
  std::vector<std::string> options;
  std::string empty_hint;  // "write the text after it, or a | and the text below"
  // `step` is the whole step map; the kind's own value is step[key]. Throws neuronlab::Error
  // at the offending key.
  std::shared_ptr<const StepBody> (*read)(const StepReader& reader, const YAML::Node& step);
};

// In the order of step_kinds.def.
const std::vector<const StepKind*>& step_kinds();

// Text as written, without the line break a YAML block scalar (|) ends with.
std::string text_block(const yaml::YamlReader& in, const YAML::Node& node, const std::string& name);

}  // namespace neuronlab::lesson::detail

#endif  // NEURONLAB_SRC_LESSON_STEP_KIND_HPP
