// What a plugin exercise compares the learner's plugin with: the values the lesson gives for
// it, read from the step's YAML and checked against a freshly loaded plugin, each wrong value
// said in the learner's terms. One kind of plugin each:
//   activation   reference: [{x: -2, f: -0.666667, df: 0.111111}, ...]   f and f' at x
//   optimizer    parameters: {learning_rate: 0.1, momentum: 0.9}   the optimizer made with
//                start: 1                                           one weight, from here,
//                reference: [{gradient: 0.5, value: 0.95}, ...]     stepped with each gradient
#ifndef NEURONLAB_LESSON_PLUGIN_REFERENCE_HPP
#define NEURONLAB_LESSON_PLUGIN_REFERENCE_HPP

#include <neuronlab/registry.hpp>

#include <memory>
#include <ostream>
#include <string>

#include "../yaml/yaml_reader.hpp"

namespace neuronlab::lesson {

class PluginReference {
 public:
  virtual ~PluginReference() = default;
  virtual Kind kind() const = 0;
  virtual std::size_t size() const = 0;  // how many values are compared
  // The plugin `name` from `registry` against the values; prints a FAILED line for each
  // wrong one and returns whether all were right.
  virtual bool compare(const Registry& registry, const std::string& name,
                       std::ostream& out) const = 0;
};

// Reads `reference:` (and, for an optimizer, `parameters:` and `start:`) of a plugin_exercise
// step for a plugin of `kind`.
std::unique_ptr<const PluginReference> read_plugin_reference(const yaml::YamlReader& in,
                                                             const YAML::Node& node, Kind kind);

}  // namespace neuronlab::lesson

#endif  // NEURONLAB_LESSON_PLUGIN_REFERENCE_HPP
