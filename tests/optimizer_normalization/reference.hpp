// Shared by the optimizer and normalization tests: the registry with the built plugins, the
// PyTorch fixtures and the comparison rule.
#ifndef NEURONLAB_TESTS_OPTIMIZER_NORMALIZATION_REFERENCE_HPP
#define NEURONLAB_TESTS_OPTIMIZER_NORMALIZATION_REFERENCE_HPP

#include <neuronlab/registry.hpp>

#include "allocations.hpp"

#include <yaml-cpp/yaml.h>
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace reference {

// The comparison rule: relative 1e-5 against the float64 reference, with an absolute floor
// for values near zero, where float32 rounding of the inputs dominates.
constexpr double relative = 1e-5;
constexpr double absolute = 1e-6;

inline void check_close(const float* actual, const std::vector<double>& expected,
                        const std::string& what) {
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const double diff = std::fabs(double(actual[i]) - expected[i]);
    BOOST_TEST(diff <= relative * std::fabs(expected[i]) + absolute,
               what << "[" << i << "] = " << actual[i] << ", PyTorch " << expected[i]);
  }
}

inline const neuronlab::Registry& registry() {
  static const neuronlab::Registry loaded = [] {
    neuronlab::Registry r;
    r.load_directories({NEURONLAB_TEST_PLUGIN_DIR});
    return r;
  }();
  return loaded;
}

inline YAML::Node fixture(const char* file) {
  return YAML::LoadFile(std::string(NEURONLAB_TEST_SOURCE_DIR) +
                        "/tests/fixtures/optimizer_normalization/" + file);
}

// A fixture's `params:` map as the registry takes it: true/false are flags, the rest numbers.
inline neuronlab::ParamMap params(const YAML::Node& map) {
  neuronlab::ParamMap out;
  for (const auto& entry : map) {
    const std::string text = entry.second.Scalar();
    neuronlab::ParamValue value;
    if (text == "true" || text == "false")
      value.value = text == "true";
    else
      value.value = entry.second.as<double>();
    out.emplace_back(entry.first.as<std::string>(), value);
  }
  return out;
}

inline std::vector<double> flat(const YAML::Node& node) {
  std::vector<double> out;
  if (!node.IsSequence()) return {node.as<double>()};
  for (const auto& item : node)
    for (double v : flat(item)) out.push_back(v);
  return out;
}

inline std::vector<float> floats(const YAML::Node& node) {
  std::vector<double> values = flat(node);
  return std::vector<float>(values.begin(), values.end());
}

}  // namespace reference

#endif  // NEURONLAB_TESTS_OPTIMIZER_NORMALIZATION_REFERENCE_HPP
