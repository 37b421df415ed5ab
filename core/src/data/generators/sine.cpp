// sine: y = sin(x), x uniform in [-periods·π, periods·π].
#include "generator_parts.hpp"

namespace neuronlab::data::synthetic {
namespace {

Dataset sine(const ParamValues& v, std::uint64_t seed) {
  const auto n = static_cast<std::size_t>(v.real("samples"));
  const double half_width = v.real("periods") * pi;
  engine::Random random(seed);
  Dataset d = empty(Task::regression, 1, n, {});
  for (std::size_t i = 0; i < n; ++i) {
    double x = random.uniform(-half_width, half_width);
    d.x.push_back(static_cast<float>(x));
    d.y.push_back(static_cast<float>(std::sin(x) + v.real("noise") * random.normal()));
  }
  return d;
}

}  // namespace

const Generator& sine_generator() {
  static const Generator generator{
      {"generator",
       "sine",
       "y = sin(x)",
       "",
       {samples(200), noise(0, target_noise),
        real_param("periods", 1, 0.1, 10, "x spans [-periods·π, periods·π]")}},
      Task::regression,
      &sine};
  return generator;
}

}  // namespace neuronlab::data::synthetic
