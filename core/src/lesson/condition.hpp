// A graded condition, as check steps and exercises write it:
//   {metric: train_accuracy, at_least: 1.0}          a run's final metric
//   {output: [1, 0], equals: 1, tolerance: 0.1}      a network's first output for raw inputs
//   {neuron: {layer: 1, neuron: 2, input: [1, 0], value: z}, at_least: 0}
//                                                    one neuron's weighted sum z (or its
//                                                    activation a) for raw inputs, as trace
//                                                    shows it
// with at_least:, at_most: and/or equals: (and tolerance:, default 0).
#ifndef NEURONLAB_SRC_LESSON_CONDITION_HPP
#define NEURONLAB_SRC_LESSON_CONDITION_HPP

#include <neuronlab/data/input_normalizer.hpp>
#include <neuronlab/engine/network.hpp>
#include <neuronlab/experiment/record.hpp>

#include <optional>
#include <string>
#include <vector>

#include "../yaml/yaml_reader.hpp"

namespace neuronlab::lesson::detail {

struct Condition {
  std::string metric;                 // train_accuracy, ...; empty: an output condition
  std::vector<double> output;         // the raw inputs whose output (or neuron's value) is checked
  std::size_t layer = 0, neuron = 0;  // 1-based; 0: not a neuron condition
  bool weighted_sum = false;          // the neuron's z; else its activation a
  std::optional<double> at_least, at_most, equals;
  double tolerance = 0;
  std::string where;
};

// Reads one condition; `what` names it in messages ("check").
Condition read_condition(const yaml::YamlReader& in, const YAML::Node& node,
                         const std::string& what);

struct Verdict {
  bool passed = false;
  std::string line;  // "passed  train_accuracy = 1, expected >= 1" / "FAILED  ... (off by 0.5)"
};

// Judges the condition on a run's record (metric) or a network (output); `normalizer`
// prepares the raw inputs as the network's data was. A metric the record does not have fails
// (no such rows, a divergence); inputs of the wrong count throw neuronlab::Error at `where`.
Verdict judge(const Condition& c, const experiment::RunRecord* record, engine::Network* network,
              const data::InputNormalizer* normalizer);

}  // namespace neuronlab::lesson::detail

#endif  // NEURONLAB_SRC_LESSON_CONDITION_HPP
