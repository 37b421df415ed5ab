// Shared by the tests that compare plugins with PyTorch: the registry of the built plugins,
// the committed fixtures, their parameter maps, and the comparison rule.
#ifndef NEURONLAB_TESTS_SUPPORT_REFERENCE_HPP
#define NEURONLAB_TESTS_SUPPORT_REFERENCE_HPP

#include <neuronlab/registry.hpp>

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <string>

namespace neuronlab::test {

// The comparison rule: relative 1e-5 against the float64 reference, with an absolute floor
// for values near zero, where the float32 rounding of inputs and outputs dominates.
constexpr double relative = 1e-5;
constexpr double absolute = 1e-6;

inline bool close(double actual, double expected) {
  return std::fabs(actual - expected) <= relative * std::fabs(expected) + absolute;
}

// Every built-in plugin, loaded once per test program from the build's plugin directory.
inline const Registry& built_in_registry() {
  static const Registry loaded = [] {
    Registry r;
    r.load_directories({NEURONLAB_TEST_PLUGIN_DIR});
    return r;
  }();
  return loaded;
}

// tests/fixtures/<area>/<file>, as written by tests/fixtures/gen_<area>.py.
inline YAML::Node load_fixture(const std::string& area, const std::string& file) {
  return YAML::LoadFile(std::string(NEURONLAB_TEST_SOURCE_DIR) + "/tests/fixtures/" + area + "/" +
                        file);
}

// A fixture's `params:` map as the registry takes it: true/false as flags, numbers as
// numbers, other words (choices such as "tanh" or "sum") as text.
inline ParamMap fixture_params(const YAML::Node& map) {
  ParamMap out;
  for (const auto& entry : map) {
    const std::string text = entry.second.Scalar();
    ParamValue value;
    double number = 0;
    if (text == "true" || text == "false")
      value.value = text == "true";
    else if (YAML::convert<double>::decode(entry.second, number))
      value.value = number;
    else
      value.value = text;
    out.emplace_back(entry.first.as<std::string>(), value);
  }
  return out;
}

}  // namespace neuronlab::test

#endif  // NEURONLAB_TESTS_SUPPORT_REFERENCE_HPP
