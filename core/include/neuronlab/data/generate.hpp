// Synthetic data sets for the lessons: logic gates, shapes a single neuron cannot separate,
// and simple regression targets. Each generator declares its parameters (name, default,
// range) so that the spec reader validates them like plugin parameters.
//
//   and, or, xor   binary       inputs in {0, 1} (+ noise); the truth table, cycled
//   circles        binary       two concentric circles (as sklearn make_circles)
//   moons          binary       two interleaving half circles (as sklearn make_moons)
//   spiral         categorical  `classes` arms of a spiral (as in CS231n's spiral data)
//   blobs          categorical  `classes` Gaussian clusters around random centres
//   line           regression   y = slope·x + intercept, x uniform in [-1, 1]
//   plane          regression   y = slope1·x1 + slope2·x2 + intercept, x uniform in [-1, 1]²
//   sine           regression   y = sin(x), x uniform in [-periods·π, periods·π]
//
// `noise` is the standard deviation of Gaussian noise, added to the inputs for the
// classification sets and to the target for the regression sets. Rows come out grouped by
// class; the train/test split shuffles them.
#ifndef NEURONLAB_DATA_GENERATE_HPP
#define NEURONLAB_DATA_GENERATE_HPP

#include <neuronlab/data/dataset.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace neuronlab::data {

struct GeneratorParam {
  const char* name;
  double default_value;
  double min_value;  // inclusive
  double max_value;  // inclusive
  bool integer;
  const char* doc;
};

struct Generator {
  const char* name;
  const char* summary;
  Task task;
  std::vector<GeneratorParam> params;  // `samples` and `noise` come first
  // values: one per param, in order, already validated.
  Dataset (*make)(const std::vector<double>& values, std::uint64_t seed);

  const GeneratorParam* param(const std::string& param_name) const;
};

// A parameter as the user wrote it, and where ("run.yaml:9:14"; may be empty).
struct GeneratorArg {
  std::string name;
  double value;
  std::string where;
};

const std::vector<Generator>& generators();
// The generator called `name`; else throws neuronlab::Error at `where` listing the names.
const Generator& require_generator(const std::string& name, const std::string& where = {});
// One value per parameter: the given ones, checked against name, range and integrality,
// and defaults for the rest. Throws neuronlab::Error at the offending argument.
std::vector<double> resolve(const Generator& generator, const std::vector<GeneratorArg>& args);

Dataset generate(const std::string& name, const std::vector<GeneratorArg>& args, std::uint64_t seed,
                 const std::string& where = {});

}  // namespace neuronlab::data

#endif  // NEURONLAB_DATA_GENERATE_HPP
