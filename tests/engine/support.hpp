// Helpers shared by the engine tests: the registry of built plugins, short network specs and
// comparisons.
#ifndef NEURONLAB_TESTS_ENGINE_SUPPORT_HPP
#define NEURONLAB_TESTS_ENGINE_SUPPORT_HPP

#include <neuronlab/engine/network.hpp>
#include <neuronlab/engine/random.hpp>
#include <neuronlab/registry.hpp>

#include "support/reference.hpp"

#include <cmath>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace support {

// The built plugins (plus NEURONLAB_PLUGIN_PATH, so that a developer can add a directory).
inline const neuronlab::Registry& registry() { return neuronlab::test::built_in_registry(); }

inline bool has(neuronlab::Kind kind, const std::string& name) {
  return registry().find(kind, name) != nullptr;
}

inline std::vector<std::string> names(neuronlab::Kind kind) {
  std::vector<std::string> out;
  for (const auto* c : registry().components())
    if (c->kind == kind) out.push_back(c->name);
  return out;
}

inline neuronlab::ParamMap params(
    std::initializer_list<std::pair<const char*, neuronlab::ParamValue>> list) {
  neuronlab::ParamMap out;
  for (const auto& [name, value] : list) out.emplace_back(name, value);
  return out;
}
inline neuronlab::ParamValue number(double v) { return {v, {}}; }

inline neuronlab::engine::LayerSpec layer(std::size_t neurons, const std::string& activation,
                                          const std::string& normalization = {}) {
  neuronlab::engine::LayerSpec spec;
  spec.neurons = neurons;
  spec.activation = activation;
  spec.normalization = normalization;
  return spec;
}

inline neuronlab::engine::NetworkSpec network(std::size_t inputs,
                                              std::vector<neuronlab::engine::LayerSpec> layers) {
  neuronlab::engine::NetworkSpec spec;
  spec.inputs = inputs;
  spec.layers = std::move(layers);
  return spec;
}

// Row-major values uniform in [low, high), from a seed.
inline std::vector<float> uniform(std::size_t count, double low, double high, std::uint64_t seed) {
  neuronlab::engine::Random random(seed);
  std::vector<float> out(count);
  for (float& v : out) v = static_cast<float>(random.uniform(low, high));
  return out;
}

inline neuronlab::ConstMatrixView view(const std::vector<float>& v, std::size_t cols) {
  return {v.data(), v.size() / cols, cols, cols};
}

// |a − b| ≤ tolerance · max(|a|, |b|), with an absolute floor for values near zero.
inline bool close(double a, double b, double tolerance, double floor = 1e-6) {
  return std::fabs(a - b) <= tolerance * std::max({std::fabs(a), std::fabs(b), floor});
}

}  // namespace support

#endif  // NEURONLAB_TESTS_ENGINE_SUPPORT_HPP
