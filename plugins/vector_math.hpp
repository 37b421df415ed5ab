// Vector exp and tanh for the built-in plugins' loops.
//
// glibc ships vector versions of its math functions (libmvec: 2, 4 or 8 doubles per call with
// SSE2, AVX2 or AVX-512), and GCC calls them from a vectorized loop when the function's
// declaration says they exist. glibc's <math.h> says so only under -ffast-math, which would
// also let GCC reorder sums; the declarations below say it alone, so a loop of std::exp over
// doubles vectorizes and every sum keeps its order. Measured over 4 million arguments
// (exp on [-110, 0], tanh on [-6, 6]): within 3 ulps (exp) and 4 ulps (tanh) of the scalar
// functions in double, and not one float result different once rounded; exp runs about 5 times
// faster with AVX-512. The plugins link libmvec (plugins/CMakeLists.txt).
#ifndef NEURONLAB_PLUGINS_VECTOR_MATH_HPP
#define NEURONLAB_PLUGINS_VECTOR_MATH_HPP

#include <cmath>
#include <cstddef>

#include "clones.hpp"

#if defined(NEURONLAB_LIBMVEC) && defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
extern "C" {
__attribute__((simd("notinbranch"))) double exp(double) noexcept;
__attribute__((simd("notinbranch"))) double tanh(double) noexcept;
}
#endif

namespace neuronlab::vmath {

// The rows of the softmax family are done in chunks of this many columns, whose exps go to a
// buffer on the stack.
constexpr std::size_t kChunk = 64;

// e[c] = e^(x[c] − shift) in double, for c < count ≤ kChunk.
NEURONLAB_CLONES inline void shifted_exps(const float* x, std::size_t count, double shift,
                                          double* e) {
  for (std::size_t c = 0; c < count; ++c) e[c] = std::exp(double(x[c]) - shift);
}

// max over the row, in double, NaNs passed over as std::fmax does; a comparison instead of the
// call, which GCC does not inline (it was 2 % of W1's step).
inline double row_max(const float* x, std::size_t n) {
  double m = -HUGE_VAL;
  for (std::size_t c = 0; c < n; ++c) m = double(x[c]) > m ? double(x[c]) : m;
  return m;
}

// Σ e^(x[c] − shift) over the row, summed in column order.
inline double sum_shifted_exps(const float* x, std::size_t n, double shift) {
  double e[kChunk];
  double sum = 0.0;
  for (std::size_t first = 0; first < n; first += kChunk) {
    const std::size_t count = n - first < kChunk ? n - first : kChunk;
    shifted_exps(x + first, count, shift, e);
    for (std::size_t c = 0; c < count; ++c) sum += e[c];
  }
  return sum;
}

// log Σ e^x over the row, shifted by its max so that no e^(...) overflows.
inline double log_sum_exp(const float* x, std::size_t n) {
  const double m = row_max(x, n);
  return m + std::log(sum_shifted_exps(x, n, m));
}

// The row's softmax in double, e^(x[c] − max) / Σ e^(x − max), handed to put(c, p) column by
// column: one pass of exps when the row fits a chunk, two otherwise.
template <class Put>
void softmax_row(const float* x, std::size_t n, Put&& put) {
  const double m = row_max(x, n);
  double e[kChunk];
  if (n <= kChunk) {
    shifted_exps(x, n, m, e);
    double sum = 0.0;
    for (std::size_t c = 0; c < n; ++c) sum += e[c];
    for (std::size_t c = 0; c < n; ++c) put(c, e[c] / sum);
    return;
  }
  const double sum = sum_shifted_exps(x, n, m);
  for (std::size_t first = 0; first < n; first += kChunk) {
    const std::size_t count = n - first < kChunk ? n - first : kChunk;
    shifted_exps(x + first, count, m, e);
    for (std::size_t c = 0; c < count; ++c) put(first + c, e[c] / sum);
  }
}

}  // namespace neuronlab::vmath

#endif  // NEURONLAB_PLUGINS_VECTOR_MATH_HPP
