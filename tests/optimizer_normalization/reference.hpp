// Shared by the optimizer and normalization tests: the registry with the built plugins, the
// PyTorch fixtures and the comparison rule.
#ifndef NEURONLAB_TESTS_OPTIMIZER_NORMALIZATION_REFERENCE_HPP
#define NEURONLAB_TESTS_OPTIMIZER_NORMALIZATION_REFERENCE_HPP

#include <neuronlab/registry.hpp>

#include "support/allocations.hpp"
#include "support/reference.hpp"

#include <yaml-cpp/yaml.h>
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace reference {

using neuronlab::test::absolute;
using neuronlab::test::relative;

inline void check_close(const float* actual, const std::vector<double>& expected,
                        const std::string& what) {
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const double diff = std::fabs(double(actual[i]) - expected[i]);
    BOOST_TEST(diff <= relative * std::fabs(expected[i]) + absolute,
               what << "[" << i << "] = " << actual[i] << ", PyTorch " << expected[i]);
  }
}

inline const neuronlab::Registry& registry() { return neuronlab::test::built_in_registry(); }

inline YAML::Node fixture(const char* file) {
  return neuronlab::test::load_fixture("optimizer_normalization", file);
}

inline neuronlab::ParamMap params(const YAML::Node& map) {
  return neuronlab::test::fixture_params(map);
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
