// The step table: every kind of lesson step, one file each in steps/, registered by one line
// in step_kinds.def. A kind is the key that introduces it ("say"), the other keys it allows
// on the same step ("show"), a hint for when it is left empty, and the function that reads
// and validates it into a StepBody (which runs itself, see lesson.hpp).
#ifndef NEURONLAB_SRC_LESSON_STEP_KIND_HPP
#define NEURONLAB_SRC_LESSON_STEP_KIND_HPP

#include <neuronlab/lesson/lesson.hpp>
#include <neuronlab/lesson/steps.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "../yaml/yaml_reader.hpp"

namespace neuronlab::lesson::detail {

// What the steps read so far have defined, in file order: a train step takes the current data
// and network from here, and a step that needs one that is not yet defined is an error before
// the lesson runs.
struct LessonScope {
  YAML::Node data, normalize;  // the last data step's data: and normalize: (null: none)
  YAML::Node seed;             // and its seed: (null: 0)
  YAML::Node network;          // the last network step's network: (null: none)
  bool has_data = false;       // a data or experiment step came before
  bool has_network = false;    // a network, train or experiment step came before
  bool has_record = false;     // a train or experiment step came before
};

// Makes `slot` refer to `value`, or to nothing when the key was absent. (Assigning YAML
// nodes would change the node `slot` refers to, and an absent key's node cannot be assigned.)
inline void keep(YAML::Node& slot, const YAML::Node& value) {
  slot.reset(value ? value : YAML::Node());
}

// What reading a step may use besides its YAML.
struct StepReader {
  const yaml::YamlReader& in;
  std::filesystem::path base_dir;  // the lesson file's folder: relative paths start here
  std::string default_name;        // "<lesson id> step <n>", for a run without a name
  LessonScope& scope;
};

// "t.yaml:12:5: a trace step needs a network, and no step before it defines one\n  hint: put
// a network step before it (or an experiment or train step)": thrown by a step that uses what
// no earlier step defined; `advice` is the hint.
[[noreturn]] void needs_earlier(const StepReader& reader, const YAML::Node& step,
                                const std::string& kind, const std::string& what,
                                const std::string& advice);

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

// show: [weights, predictions] of a step that trains (experiment.cpp).
void read_show(const yaml::YamlReader& in, const YAML::Node& step, ExperimentStep& x);

// Text as written, without the line break a YAML block scalar (|) ends with.
std::string text_block(const yaml::YamlReader& in, const YAML::Node& node, const std::string& name);

}  // namespace neuronlab::lesson::detail

#endif  // NEURONLAB_SRC_LESSON_STEP_KIND_HPP
