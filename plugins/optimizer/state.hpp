// Per-tensor optimizer state shared by the built-in optimizers.
//
// An optimizer keeps, for every tensor it was bound to, a fixed number of float buffers the
// size of that tensor (momentum, running averages ...) and a step count. Everything is
// allocated in bind(); step() only checks that it receives the tensors bind() saw and then
// works in place. As in PyTorch, a tensor whose gradient is null is skipped by that step and
// its step count does not advance.
#ifndef NEURONLAB_PLUGINS_OPTIMIZER_STATE_HPP
#define NEURONLAB_PLUGINS_OPTIMIZER_STATE_HPP

#include <neuronlab/sdk/parallel.hpp>
#include <neuronlab/sdk/plugin.hpp>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace neuronlab::optim {

class State {
 public:
  // buffers: how many buffers each tensor needs; every buffer starts at `initial`.
  State(const char* optimizer, std::size_t buffers) : optimizer_(optimizer), buffers_(buffers) {}

  void bind(const Tensor* tensors, std::size_t count, float initial = 0.0f) {
    sizes_.assign(count, 0);
    steps_.assign(count, 0);
    data_.assign(count * buffers_, {});
    for (std::size_t t = 0; t < count; ++t) {
      sizes_[t] = tensors[t].size;
      for (std::size_t b = 0; b < buffers_; ++b) data_[t * buffers_ + b].assign(sizes_[t], initial);
    }
  }

  // A host bug, not a user error: step must receive the tensors bind received.
  void check(const Tensor* tensors, std::size_t count) const {
    if (count != sizes_.size())
      throw std::logic_error(std::string(optimizer_) + ": step received " + std::to_string(count) +
                             " tensors but bind received " + std::to_string(sizes_.size()));
    for (std::size_t t = 0; t < count; ++t)
      if (tensors[t].size != sizes_[t])
        throw std::logic_error(std::string(optimizer_) + ": tensor " + std::to_string(t) + " has " +
                               std::to_string(tensors[t].size) + " values but had " +
                               std::to_string(sizes_[t]) + " at bind");
  }

  float* buffer(std::size_t tensor, std::size_t which) {
    return data_[tensor * buffers_ + which].data();
  }
  // The 1-based number of the step being taken on `tensor` once advance() was called.
  long advance(std::size_t tensor) { return ++steps_[tensor]; }
  long steps(std::size_t tensor) const { return steps_[tensor]; }

 private:
  const char* optimizer_;
  std::size_t buffers_;
  std::vector<std::size_t> sizes_;
  std::vector<long> steps_;
  std::vector<std::vector<float>> data_;  // (tensor, buffer) → tensor-sized values
};

// A running average decays toward zero where its gradient stays zero (a dead ReLU's weights, an
// input column that is always 0) and on the way passes through the subnormal floats, below
// FLT_MIN (1.2e-38), where x86 arithmetic that reads or writes one takes a slow microcode path:
// on the course's digits they made Adam's step three times slower. The optimizers store such a
// value as 0 (PyTorch keeps it). A weight then misses a move of lr · m / (√v + eps) with m below
// 1.2e-38, which changes no float farther than ~1e-25 from zero. `floor` 0 keeps every value:
// the second moments pass it when eps is 0, where √v alone keeps the denominator from 0.
inline float flush_subnormal(float x, float floor = FLT_MIN) {
  return std::fabs(x) < floor ? 0.0f : x;
}

// β^t for a bias correction 1 − β^t, β in [0, 1). Once β^t has fallen to 2^-54 it stops calling
// pow: from there on 1 − β^t rounds to exactly 1, as it would with the true power, and pow's slow
// underflow path (from t ≈ 7000 for β = 0.9) is never taken. Same bits as std::pow throughout.
class DecayingPower {
 public:
  explicit DecayingPower(double beta) : beta_(beta) {}
  double at(double step) {
    if (step >= negligible_from_) return 0.0;
    const double p = std::pow(beta_, step);
    if (p <= 0x1p-54) negligible_from_ = step;
    return p;
  }

 private:
  double beta_;
  double negligible_from_ = HUGE_VAL;  // the first step whose power was ≤ 2^-54
};

// Calls f(first, last) over [0, n), split between threads for large tensors when the plugins
// are built with OpenMP (NEURONLAB_OPENMP); the updates are elementwise, so the result is the
// same bits either way.
template <class F>
void for_ranges(std::size_t n, F&& f) {
  constexpr std::size_t kPerThread = std::size_t{1} << 15;
  for_slices(n, kPerThread, [&](std::size_t first, std::size_t count) { f(first, first + count); });
}

}  // namespace neuronlab::optim

#endif  // NEURONLAB_PLUGINS_OPTIMIZER_STATE_HPP
