// A seeded random source whose numbers are the same on every platform and standard library:
// std::mt19937_64 is specified bit for bit, but std:: distributions are not, so the
// distributions are written here.
#ifndef NEURONLAB_DATA_RANDOM_HPP
#define NEURONLAB_DATA_RANDOM_HPP

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>

namespace neuronlab::data {

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}

  // Uniform in [0, 1): the top 53 bits of one draw.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double uniform(double low, double high) { return low + (high - low) * uniform(); }

  // Uniform in {0, ..., n-1}, unbiased (rejects the incomplete last block of draws).
  std::size_t below(std::size_t n) {
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    std::uint64_t draw;
    do draw = engine_();
    while (draw >= limit);
    return static_cast<std::size_t>(draw % n);
  }

  // Standard normal by the Box–Muller transform; both values of a pair are used in turn.
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double two_pi = 6.283185307179586476925;
    double u1 = 1.0 - uniform();  // (0, 1]: log is finite
    double u2 = uniform();
    double radius = std::sqrt(-2.0 * std::log(u1));
    spare_ = radius * std::sin(two_pi * u2);
    has_spare_ = true;
    return radius * std::cos(two_pi * u2);
  }

 private:
  std::mt19937_64 engine_;
  double spare_ = 0.0;
  bool has_spare_ = false;
};

}  // namespace neuronlab::data

#endif  // NEURONLAB_DATA_RANDOM_HPP
