// The update Adam and AdamW share; they differ only in where the weight decay enters.
//   p = p · shrink                               (AdamW: shrink = 1 − lr·weight_decay; Adam: 1)
//   g = grad + l2 · p                            (Adam: l2 = weight_decay; AdamW: 0)
//   m = β1·m + (1 − β1)·g,   v = β2·v + (1 − β2)·g²,   amsgrad: v̂ = max(v̂, v), else v̂ = v
//   (m and v stored as 0 below FLT_MIN, v only when eps > 0: flush_subnormal in state.hpp)
//   p = p − lr / (1 − β1ᵗ) · m / (√v̂ / √(1 − β2ᵗ) + eps)
// Multiplying by a shrink of exactly 1, and adding 0·p to a finite g, change no bit, so each
// optimizer computes exactly its own formula.
#ifndef NEURONLAB_PLUGINS_OPTIMIZER_ADAM_STEP_HPP
#define NEURONLAB_PLUGINS_OPTIMIZER_ADAM_STEP_HPP

#include <neuronlab/sdk/plugin.hpp>

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "../clones.hpp"
#include "state.hpp"

namespace neuronlab::optim {

struct AdamSettings {
  double beta1, beta2, eps;
  double l2;      // weight decay added to the gradient (Adam)
  double shrink;  // factor applied to the weights first (AdamW)
  bool amsgrad;
};

namespace detail {

struct AdamCoefficients {
  float b1, rest1, b2, rest2, eps, l2, shrink, step_size, root_bc2;
  float v_floor;  // flush_subnormal's floor for v: FLT_MIN, or 0 when eps is 0
};

// One tensor's update of elements [first, last). Its scalars arrive by value, so the compiler
// knows no store can change them and vectorizes the loop (inside a lambda capturing them by
// reference it did not). v_max is null without amsgrad.
inline void adam_elements(const AdamCoefficients k, std::size_t first, std::size_t last,
                          const float* grad, float* value, float* m, float* v, float* v_max) {
  if (v_max == nullptr) {
    for (std::size_t i = first; i < last; ++i) {
      value[i] *= k.shrink;
      const float g = grad[i] + k.l2 * value[i];
      m[i] = flush_subnormal(k.b1 * m[i] + k.rest1 * g);
      v[i] = flush_subnormal(k.b2 * v[i] + k.rest2 * g * g, k.v_floor);
      value[i] -= k.step_size * m[i] / (std::sqrt(v[i]) / k.root_bc2 + k.eps);
    }
    return;
  }
  for (std::size_t i = first; i < last; ++i) {
    value[i] *= k.shrink;
    const float g = grad[i] + k.l2 * value[i];
    m[i] = flush_subnormal(k.b1 * m[i] + k.rest1 * g);
    v[i] = flush_subnormal(k.b2 * v[i] + k.rest2 * g * g, k.v_floor);
    v_max[i] = std::max(v_max[i], v[i]);
    value[i] -= k.step_size * m[i] / (std::sqrt(v_max[i]) / k.root_bc2 + k.eps);
  }
}

// The same, cloned per x86-64 level in a portable build (clones.hpp). A tensor smaller than
// kClonedFrom elements is updated by adam_elements directly: the call into a clone through the
// loader's indirection costs more than the few elements gain from wider vectors (in W3, whose
// tensors have 8, 4, 4 and 1 elements, the clones made the portable step 7 % slower).
constexpr std::size_t kClonedFrom = 64;

// A range as large as a thread's slice of a split tensor goes in blocks, asking for the
// weights' cache lines with write intent a block ahead (PREFETCHW on x86-64): on several threads
// the weights a slice writes were read whole by every thread's products just before, so each
// line must first be taken back from the other CPUs' caches, which on the machine of
// docs/performance.md takes about 400 ns; asked for ahead, those waits overlap. A prefetch
// changes no value. Smaller ranges (W1's tensors, of at most 8,192) skip the blocks' overhead.
constexpr std::size_t kPrefetchedFrom = std::size_t{1} << 14;

NEURONLAB_CLONES inline void adam_update(const AdamCoefficients k, std::size_t first,
                                         std::size_t last, const float* grad, float* value,
                                         float* m, float* v, float* v_max) {
  if (last - first < kPrefetchedFrom) {
    adam_elements(k, first, last, grad, value, m, v, v_max);
    return;
  }
  constexpr std::size_t kBlock = 128, kAhead = 256, kLine = 64 / sizeof(float);
  for (std::size_t block = first; block < last; block += kBlock) {
    const std::size_t end = std::min(last, block + kBlock);
    for (std::size_t i = block + kAhead; i < std::min(end + kAhead, last); i += kLine)
      __builtin_prefetch(value + i, 1, 3);
    adam_elements(k, block, end, grad, value, m, v, v_max);
  }
}

}  // namespace detail

// The buffers a tensor needs: m and v, and the running maximum of v with amsgrad.
inline std::size_t adam_buffers(bool amsgrad) { return amsgrad ? 3 : 2; }

// β1^t and β2^t of the bias corrections.
struct AdamPowers {
  DecayingPower beta1, beta2;
};

// One step over every tensor bound to `state`, at learning rate `rate`.
inline void adam_step(State& state, AdamPowers& powers, const Tensor* tensors, std::size_t count,
                      double rate, const AdamSettings& s) {
  state.check(tensors, count);
  // The tensors usually share their step count: the two powers are computed once per count
  // (each costs as much as a small tensor's whole update), with the same bits as per tensor.
  double powers_step = -1, beta1_t = 0, beta2_t = 0;
  for (std::size_t t = 0; t < count; ++t) {
    const Tensor& x = tensors[t];
    if (x.grad == nullptr) continue;
    const double step = double(state.advance(t));
    if (step != powers_step) {
      beta1_t = powers.beta1.at(step);
      beta2_t = powers.beta2.at(step);
      powers_step = step;
    }
    const detail::AdamCoefficients k{static_cast<float>(s.beta1),
                                     static_cast<float>(1.0 - s.beta1),
                                     static_cast<float>(s.beta2),
                                     static_cast<float>(1.0 - s.beta2),
                                     static_cast<float>(s.eps),
                                     static_cast<float>(s.l2),
                                     static_cast<float>(s.shrink),
                                     static_cast<float>(rate / (1.0 - beta1_t)),
                                     static_cast<float>(std::sqrt(1.0 - beta2_t)),
                                     static_cast<float>(s.eps) > 0.0f ? FLT_MIN : 0.0f};
    float* m = state.buffer(t, 0);
    float* v = state.buffer(t, 1);
    float* v_max = s.amsgrad ? state.buffer(t, 2) : nullptr;
    if (x.size < detail::kClonedFrom) {
      detail::adam_elements(k, 0, x.size, x.grad, x.value, m, v, v_max);
      continue;
    }
    for_ranges(x.size, [&](std::size_t first, std::size_t last) {
      detail::adam_update(k, first, last, x.grad, x.value, m, v, v_max);
    });
  }
}

}  // namespace neuronlab::optim

#endif  // NEURONLAB_PLUGINS_OPTIMIZER_ADAM_STEP_HPP
