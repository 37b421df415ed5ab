// line: y = slope·x + intercept, x uniform in [-1, 1], with optional noise on y.
#include "generator_parts.hpp"

namespace neuronlab::data::synthetic {
namespace {

Dataset line(const ParamValues& v, std::uint64_t seed) {
  const auto n = static_cast<std::size_t>(v.real("samples"));
  engine::Random random(seed);
  Dataset d = empty(Task::regression, 1, n, {});
  for (std::size_t i = 0; i < n; ++i) {
    double x = random.uniform(-1.0, 1.0);
    d.x.push_back(static_cast<float>(x));
    d.y.push_back(static_cast<float>(v.real("slope") * x + v.real("intercept") +
                                     v.real("noise") * random.normal()));
  }
  return d;
}

}  // namespace

const Generator& line_generator() {
  static const Generator generator{
      {"generator",
       "line",
       "y = slope·x + intercept",
       "",
       {samples(100), noise(0, target_noise), real_param("slope", 2, -1e6, 1e6, "slope"),
        real_param("intercept", 1, -1e6, 1e6, "value at x = 0")}},
      Task::regression,
      &line};
  return generator;
}

}  // namespace neuronlab::data::synthetic
