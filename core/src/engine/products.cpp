// The layers' products over buffers allocated in advance (see products.hpp), split over
// OpenMP threads; the arithmetic is the active set of kernels (kernels/kernels.hpp).
#include "products.hpp"

#include <algorithm>

#if defined(_OPENMP)
#include <omp.h>
#endif

namespace neuronlab::engine {

int Products::max_threads() {
#if defined(_OPENMP)
  return omp_get_max_threads();
#else
  return 1;
#endif
}

Products::Plan Products::plan(std::size_t max_m, std::size_t n, std::size_t max_k) {
  const kernels::Table& kernels = kernels::active();
  const Plan plan = kernels.plan(max_m, n, max_k);
  const std::size_t floats = kernels.buffer_floats(plan);
  const std::size_t threads = std::size_t(std::max(max_threads(), 1));
  if (floats > floats_ || buffers_.size() < threads) {
    floats_ = std::max(floats_, floats);
    buffers_.resize(std::max(buffers_.size(), threads));
    pointers_.clear();
    for (Floats& buffer : buffers_) {
      buffer.assign(floats_, 0.0f);
      pointers_.push_back(buffer.data());
    }
  }
  return plan;
}

int Products::threads_for(std::size_t m, std::size_t n, std::size_t k) const {
#if defined(_OPENMP)
  if (omp_in_parallel()) return 1;
  // A slice of fewer than 2^17 multiply-adds or 16 rows costs more to hand out than it saves.
  const double work = double(m) * double(n) * double(k);
  const int by_work = int(std::min(work / double(1 << 17), double(m / 16)));
  return std::max(1, std::min({max_threads(), int(pointers_.size()), by_work}));
#else
  (void)m, (void)n, (void)k;
  return 1;
#endif
}

void Products::multiply(const Plan& plan, std::size_t m, std::size_t n, std::size_t k, Operand a,
                        Operand b, float* c, std::size_t ldc, const float* bias) {
  if (m == 0 || n == 0) return;
  const kernels::Table& kernels = kernels::active();
  if (kernels::small(m, n, k)) {
    kernels.multiply_small(m, n, k, a, b, c, ldc, bias);
    return;
  }
  const int threads = threads_for(m, n, k);
  if (threads <= 1) {
    kernels.multiply_rows(plan, pointers_[0], 0, m, n, k, a, b, c, ldc, bias);
    return;
  }
#if defined(_OPENMP)
  // One slice per thread (every slice packs the whole right operand again, so more slices
  // cost more than they balance), handed out as threads come free: on a shared machine a
  // thread that starts late finds its slice already taken.
  float* const* buffers = pointers_.data();
  const std::size_t slices = std::min(m / 16, std::size_t(threads));
#pragma omp parallel for num_threads(threads) schedule(dynamic, 1)
  for (std::size_t s = 0; s < slices; ++s) {
    const std::size_t first = m * s / slices, last = m * (s + 1) / slices;
    kernels.multiply_rows(plan, buffers[omp_get_thread_num()], first, last - first, n, k, a, b, c,
                          ldc, bias);
  }
#endif
}

void Products::column_sums(const float* data, std::size_t rows, std::size_t cols, float* sums) {
  kernels::active().column_sums(data, rows, cols, sums);
}

}  // namespace neuronlab::engine
