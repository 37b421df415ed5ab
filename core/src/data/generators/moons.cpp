// moons: two interleaving half circles (as sklearn's make_moons).
#include "generator_parts.hpp"

namespace neuronlab::data::synthetic {
namespace {

Dataset moons(const ParamValues& v, std::uint64_t seed) {
  const auto n = static_cast<std::size_t>(v.real("samples"));
  const double noise = v.real("noise");
  engine::Random random(seed);
  Dataset d = empty(Task::binary, 2, n, {"upper", "lower"});
  const std::size_t upper = n / 2, lower = n - upper;
  for (std::size_t i = 0; i < upper; ++i) {
    double t = linspace(0, pi, upper, i);
    double nx = noise * random.normal();
    double ny = noise * random.normal();
    add_class_row(d, {std::cos(t) + nx, std::sin(t) + ny}, 0);
  }
  for (std::size_t i = 0; i < lower; ++i) {
    double t = linspace(0, pi, lower, i);
    double nx = noise * random.normal();
    double ny = noise * random.normal();
    add_class_row(d, {1 - std::cos(t) + nx, 0.5 - std::sin(t) + ny}, 1);
  }
  return d;
}

}  // namespace

const Generator& moons_generator() {
  static const Generator generator{{"generator",
                                    "moons",
                                    "two interleaving half circles",
                                    "",
                                    {samples(200), noise(0, input_noise)}},
                                   Task::binary,
                                   &moons};
  return generator;
}

}  // namespace neuronlab::data::synthetic
