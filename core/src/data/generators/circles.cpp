// circles: a circle inside a circle (as sklearn's make_circles).
#include "generator_parts.hpp"

namespace neuronlab::data::synthetic {
namespace {

Dataset circles(const ParamValues& v, std::uint64_t seed) {
  const auto n = static_cast<std::size_t>(v.real("samples"));
  const double noise = v.real("noise"), factor = v.real("factor");
  engine::Random random(seed);
  Dataset d = empty(Task::binary, 2, n, {"outer", "inner"});
  const std::size_t outer = n / 2, inner = n - outer;
  for (std::size_t c = 0; c < 2; ++c) {
    std::size_t count = c == 0 ? outer : inner;
    double radius = c == 0 ? 1.0 : factor;
    for (std::size_t i = 0; i < count; ++i) {
      double angle = 2 * pi * double(i) / double(count);  // endpoint excluded
      double nx = noise * random.normal();
      double ny = noise * random.normal();
      add_class_row(d, {radius * std::cos(angle) + nx, radius * std::sin(angle) + ny}, c);
    }
  }
  return d;
}

}  // namespace

const Generator& circles_generator() {
  static const Generator generator{
      {"generator",
       "circles",
       "a circle inside a circle",
       "",
       {samples(200), noise(0, input_noise),
        real_param("factor", 0.5, 0.01, 0.99, "inner radius as a fraction of the outer one")}},
      Task::binary,
      &circles};
  return generator;
}

}  // namespace neuronlab::data::synthetic
