// What the generators in this folder share: an empty data set of the right shape, class rows,
// class names and spacing. Each generator is one file; generators.def registers it.
#ifndef NEURONLAB_SRC_DATA_GENERATORS_GENERATOR_PARTS_HPP
#define NEURONLAB_SRC_DATA_GENERATORS_GENERATOR_PARTS_HPP

#include <neuronlab/data/generate.hpp>
#include <neuronlab/engine/random.hpp>

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace neuronlab::data::synthetic {

constexpr double pi = 3.14159265358979323846;

inline Dataset empty(Task task, std::size_t features, std::size_t rows,
                     std::vector<std::string> class_names) {
  Dataset d;
  d.task = task;
  for (std::size_t i = 0; i < features; ++i) d.feature_names.push_back("x" + std::to_string(i + 1));
  d.target_name = "y";
  d.class_names = std::move(class_names);
  d.rows = rows;
  d.x.reserve(rows * features);
  d.y.reserve(rows * d.outputs());
  return d;
}

// Appends one row of a classification set: binary targets as 0/1, categorical as one-hot.
inline void add_class_row(Dataset& d, std::initializer_list<double> x, std::size_t label) {
  for (double v : x) d.x.push_back(static_cast<float>(v));
  if (d.task == Task::binary) {
    d.y.push_back(static_cast<float>(label));
  } else {
    for (std::size_t c = 0; c < d.class_names.size(); ++c) d.y.push_back(c == label ? 1.0f : 0.0f);
  }
}

inline std::vector<std::string> numbered_classes(std::size_t k) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < k; ++i) names.push_back(std::to_string(i));
  return names;
}

// Rows of class c when n rows are shared by k classes: the remainder goes to the first ones.
inline std::size_t share(std::size_t n, std::size_t k, std::size_t c) {
  return n / k + (c < n % k);
}

// linspace(start, stop, count) as numpy: both ends included.
inline double linspace(double start, double stop, std::size_t count, std::size_t i) {
  return count < 2 ? start : start + (stop - start) * double(i) / double(count - 1);
}

inline ParamInfo samples(long default_value) {
  return integer_param("samples", default_value, 1, 1000000, "number of rows");
}
inline ParamInfo noise(double default_value, const char* doc) {
  return real_param("noise", default_value, 0, 100, doc);
}
constexpr const char* input_noise = "standard deviation of Gaussian noise added to the inputs";
constexpr const char* target_noise = "standard deviation of Gaussian noise added to the target";

}  // namespace neuronlab::data::synthetic

#endif  // NEURONLAB_SRC_DATA_GENERATORS_GENERATOR_PARTS_HPP
