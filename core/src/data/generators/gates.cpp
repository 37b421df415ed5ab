// and, or, xor: the truth tables of two inputs, cycled to `samples` rows, with optional
// Gaussian noise on the inputs. xor is the classic set one neuron cannot separate.
#include "generator_parts.hpp"

namespace neuronlab::data::synthetic {
namespace {

template <int Gate>
Dataset gate(const ParamValues& v, std::uint64_t seed) {
  const auto n = static_cast<std::size_t>(v.real("samples"));
  engine::Random random(seed);
  Dataset d = empty(Task::binary, 2, n, {"0", "1"});
  for (std::size_t i = 0; i < n; ++i) {
    int a = int(i % 4) / 2, b = int(i % 4) % 2;  // 00, 01, 10, 11, 00, ...
    int y = Gate == 0 ? (a & b) : Gate == 1 ? (a | b) : (a ^ b);
    double na = v.real("noise") * random.normal();
    double nb = v.real("noise") * random.normal();
    add_class_row(d, {a + na, b + nb}, static_cast<std::size_t>(y));
  }
  return d;
}

}  // namespace

const Generator& and_generator() {
  static const Generator generator{
      {"generator", "and", "logical AND of two inputs", "", {samples(4), noise(0, input_noise)}},
      Task::binary,
      &gate<0>};
  return generator;
}

const Generator& or_generator() {
  static const Generator generator{
      {"generator", "or", "logical OR of two inputs", "", {samples(4), noise(0, input_noise)}},
      Task::binary,
      &gate<1>};
  return generator;
}

const Generator& xor_generator() {
  static const Generator generator{{"generator",
                                    "xor",
                                    "exclusive OR of two inputs: not separable by one line",
                                    "",
                                    {samples(4), noise(0, input_noise)}},
                                   Task::binary,
                                   &gate<2>};
  return generator;
}

}  // namespace neuronlab::data::synthetic
