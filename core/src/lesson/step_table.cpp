// The step table, built from step_kinds.def.
#include "step_kind.hpp"

namespace neuronlab::lesson::detail {

#define NEURONLAB_STEP_KIND(key) const StepKind& key##_step_kind();
#include "step_kinds.def"
#undef NEURONLAB_STEP_KIND

const std::vector<const StepKind*>& step_kinds() {
  static const std::vector<const StepKind*> table = {
#define NEURONLAB_STEP_KIND(key) &key##_step_kind(),
#include "step_kinds.def"
#undef NEURONLAB_STEP_KIND
  };
  return table;
}

std::string text_block(const yaml::YamlReader& in, const YAML::Node& node,
                       const std::string& name) {
  std::string text = in.text(node, name);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace neuronlab::lesson::detail
