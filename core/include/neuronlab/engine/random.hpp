// Reproducible random numbers for initialization, shuffling and data splits.
//
// The generator is std::mt19937_64, whose output sequence the C++ standard fixes. The
// std:: distributions are not fixed (libstdc++ and libc++ give different numbers for the same
// seed), so the conversions to uniform and normal values are written out here:
//   uniform()  = top 53 bits of one draw · 2^-53, in [0, 1)
//   normal()   = Box–Muller on two uniforms (the cosine branch; the sine branch is dropped, so
//                every normal value costs exactly two draws)
//   below(n)   = rejection sampling, unbiased
// The same seed therefore gives the same numbers on every platform and library version.
#ifndef NEURONLAB_ENGINE_RANDOM_HPP
#define NEURONLAB_ENGINE_RANDOM_HPP

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

namespace neuronlab::engine {

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}

  std::uint64_t next() { return engine_(); }

  // [0, 1)
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  // [low, high)
  double uniform(double low, double high) { return low + (high - low) * uniform(); }

  double normal(double mean = 0.0, double std = 1.0) {
    const double u1 = 1.0 - uniform();  // (0, 1]: log(u1) is finite
    const double u2 = uniform();
    const double two_pi = 6.283185307179586476925;
    return mean + std * std::sqrt(-2.0 * std::log(u1)) * std::cos(two_pi * u2);
  }

  // Uniform on {0, ..., n-1}; n > 0.
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;  // multiple of n
    std::uint64_t x;
    do x = engine_();
    while (x >= limit);
    return x % n;
  }

  // Fisher–Yates, from the last element down.
  template <class T>
  void shuffle(std::vector<T>& values) {
    for (std::size_t i = values.size(); i > 1; --i) std::swap(values[i - 1], values[below(i)]);
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace neuronlab::engine

#endif  // NEURONLAB_ENGINE_RANDOM_HPP
