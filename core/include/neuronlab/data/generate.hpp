// Synthetic data sets for the lessons: logic gates, shapes a single neuron cannot separate,
// and simple regression targets. Each generator declares its parameters as a schema (name,
// type, default, range, doc), validated like plugin parameters.
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
// class; the train/test split shuffles them. Each generator is one file in
// core/src/data/generators/, registered by one line in core/src/data/generators.def.
#ifndef NEURONLAB_DATA_GENERATE_HPP
#define NEURONLAB_DATA_GENERATE_HPP

#include <neuronlab/data/dataset.hpp>
#include <neuronlab/schema.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace neuronlab::data {

// A generator: its schema (kind "generator"; `samples` and `noise` come first), the task of
// the rows it makes, and the maker, which reads its resolved parameters by name.
struct Generator {
  Schema schema;
  Task task;
  Dataset (*make)(const ParamValues& values, std::uint64_t seed);
};

// Every generator, in the order of core/src/data/generators.def.
const std::vector<const Generator*>& generators();
const std::vector<const Schema*>& generator_schemas();
// The generator called `name`; else throws neuronlab::Error at `where` listing the names.
const Generator& require_generator(const std::string& name, const std::string& where = {});

// Checks `params` against the generator's schema (at each parameter's where) and makes the
// rows.
Dataset generate(const std::string& name, const ParamMap& params, std::uint64_t seed,
                 const std::string& where = {});

}  // namespace neuronlab::data

#endif  // NEURONLAB_DATA_GENERATE_HPP
