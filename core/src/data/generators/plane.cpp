// plane: y = slope1·x1 + slope2·x2 + intercept, x uniform in [-1, 1]².
#include "generator_parts.hpp"

namespace neuronlab::data::synthetic {
namespace {

Dataset plane(const ParamValues& v, std::uint64_t seed) {
  const auto n = static_cast<std::size_t>(v.real("samples"));
  engine::Random random(seed);
  Dataset d = empty(Task::regression, 2, n, {});
  for (std::size_t i = 0; i < n; ++i) {
    double x1 = random.uniform(-1.0, 1.0);
    double x2 = random.uniform(-1.0, 1.0);
    d.x.push_back(static_cast<float>(x1));
    d.x.push_back(static_cast<float>(x2));
    d.y.push_back(static_cast<float>(v.real("slope1") * x1 + v.real("slope2") * x2 +
                                     v.real("intercept") + v.real("noise") * random.normal()));
  }
  return d;
}

}  // namespace

const Generator& plane_generator() {
  static const Generator generator{
      {"generator",
       "plane",
       "y = slope1·x1 + slope2·x2 + intercept",
       "",
       {samples(100), noise(0, target_noise),
        real_param("slope1", 1.5, -1e6, 1e6, "slope along x1"),
        real_param("slope2", -2, -1e6, 1e6, "slope along x2"),
        real_param("intercept", 0.5, -1e6, 1e6, "value at the origin")}},
      Task::regression,
      &plane};
  return generator;
}

}  // namespace neuronlab::data::synthetic
