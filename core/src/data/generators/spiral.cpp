// spiral: `classes` arms of a spiral, one class each (as in CS231n's spiral data).
#include "generator_parts.hpp"

namespace neuronlab::data::synthetic {
namespace {

Dataset spiral(const ParamValues& v, std::uint64_t seed) {
  const auto n = static_cast<std::size_t>(v.real("samples"));
  const auto k = static_cast<std::size_t>(v.real("classes"));
  engine::Random random(seed);
  Dataset d = empty(Task::categorical, 2, n, numbered_classes(k));
  for (std::size_t c = 0; c < k; ++c) {
    std::size_t count = share(n, k, c);
    for (std::size_t i = 0; i < count; ++i) {
      double r = linspace(0, 1, count, i);
      double t = linspace(4.0 * double(c), 4.0 * double(c + 1), count, i) +
                 v.real("noise") * random.normal();
      add_class_row(d, {r * std::sin(t), r * std::cos(t)}, c);
    }
  }
  return d;
}

}  // namespace

const Generator& spiral_generator() {
  static const Generator generator{
      {"generator",
       "spiral",
       "arms of a spiral, one per class",
       "",
       {samples(300), noise(0.2, "standard deviation of Gaussian noise added to the angle"),
        integer_param("classes", 3, 2, 10, "number of arms")}},
      Task::categorical,
      &spiral};
  return generator;
}

}  // namespace neuronlab::data::synthetic
