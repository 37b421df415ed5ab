// Splitting work on independent rows or elements between threads, for the engine and for
// plugins alike. Without OpenMP (the default build) it is one call over the whole range;
// built with -fopenmp (NEURONLAB_OPENMP) it uses up to omp_get_max_threads() threads when the
// range is large enough to repay them. The work must be independent per item, so the result
// is the same bits either way. Standard library only, like the rest of the SDK.
#ifndef NEURONLAB_SDK_PARALLEL_HPP
#define NEURONLAB_SDK_PARALLEL_HPP

#include <algorithm>
#include <cstddef>
#include <exception>

#if defined(_OPENMP)
#include <omp.h>
#endif

namespace neuronlab {

// Calls f(first, count) over [0, n) in contiguous slices of at least min_per_slice items, one
// slice per thread (once over everything when one thread would do, or inside another
// parallel region). An exception from any slice is rethrown on the calling thread.
template <class F>
void for_slices(std::size_t n, std::size_t min_per_slice, F&& f) {
#if defined(_OPENMP)
  const std::size_t threads = omp_in_parallel()
                                  ? 1
                                  : std::min(std::size_t(omp_get_max_threads()),
                                             n / std::max<std::size_t>(min_per_slice, 1));
  if (threads > 1) {
    std::exception_ptr failure;
#pragma omp parallel for num_threads(int(threads)) schedule(static, 1)
    for (std::size_t s = 0; s < threads; ++s) {
      const std::size_t first = n * s / threads, last = n * (s + 1) / threads;
      try {
        f(first, last - first);
      } catch (...) {
#pragma omp critical(neuronlab_for_slices)
        if (!failure) failure = std::current_exception();
      }
    }
    if (failure) std::rethrow_exception(failure);
    return;
  }
#else
  (void)min_per_slice;
#endif
  if (n) f(std::size_t{0}, n);
}

}  // namespace neuronlab

#endif  // NEURONLAB_SDK_PARALLEL_HPP
