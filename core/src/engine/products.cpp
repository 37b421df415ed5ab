// The layers' products over buffers allocated in advance (see products.hpp), split over
// OpenMP threads; the arithmetic is the active set of kernels (kernels/kernels.hpp).
#include "products.hpp"

#include <algorithm>
#include <chrono>

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
    slices_.assign(buffers_.size(), Slice{1.0 / double(buffers_.size()), 0.0});
    bounds_.assign(buffers_.size() + 1, 0);
  }
  return plan;
}

std::vector<double> Products::shares() const {
  std::vector<double> shares;
  for (const Slice& slice : slices_) shares.push_back(slice.share);
  return shares;
}

// Rows [bounds_[s], bounds_[s + 1]) go to slice s, in proportion to the threads' shares, each
// bound a multiple of 8 rows (m ≥ 16 per slice leaves every slice at least one block).
void Products::split(std::size_t m, std::size_t slices) {
  double total = 0;
  for (std::size_t s = 0; s < slices; ++s) total += slices_[s].share;
  double before = 0;
  bounds_[0] = 0;
  for (std::size_t s = 1; s < slices; ++s) {
    before += slices_[s - 1].share;
    const auto bound = std::size_t(double(m) * before / total + 4.0) / 8 * 8;
    bounds_[s] = std::clamp(bound, bounds_[s - 1] + 8, (m - 8 * (slices - s)) / 8 * 8);
  }
  bounds_[slices] = m;
}

// Moves the shares a third of the way towards the rows per second each slice achieved. No
// thread's share falls below a quarter of an even one: a slice that was preempted once must
// not lose its thread for the rest of the run. Targets raised to that floor take what they
// gain from the others' excess over it, so the targets keep the shares' total, and each new
// share, between its old share and its target, stays on or above the floor.
void Products::learn(Slice* slices, const std::size_t* bounds, std::size_t count) {
  const auto rate = [&](std::size_t s) {
    return double(bounds[s + 1] - bounds[s]) / std::max(slices[s].seconds, 1e-9);
  };
  double total_share = 0, total_rate = 0;
  for (std::size_t s = 0; s < count; ++s) {
    total_share += slices[s].share;
    total_rate += rate(s);
  }
  const double floor = 0.25 * total_share / double(count);
  const auto raised = [&](std::size_t s) {  // slice s's target by its rate, raised to the floor
    return std::max(total_share * rate(s) / total_rate, floor);
  };
  double above = 0;  // the raised targets' total over the floor
  for (std::size_t s = 0; s < count; ++s) above += raised(s) - floor;
  const double scale = (total_share - double(count) * floor) / above;
  for (std::size_t s = 0; s < count; ++s) {
    const double target = floor + (raised(s) - floor) * scale;
    slices[s].share += (target - slices[s].share) / 3.0;
  }
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
  // cost more than they balance), sized by split() from the threads' speeds so far. A slice's
  // time counts from before the threads start, so a thread that wakes late is seen as slow.
  const std::size_t slices = std::min(m / 16, std::size_t(threads));
  split(m, slices);
  float* const* buffers = pointers_.data();
  const auto start = std::chrono::steady_clock::now();
#pragma omp parallel for num_threads(int(slices)) schedule(static, 1)
  for (std::size_t s = 0; s < slices; ++s) {
    kernels.multiply_rows(plan, buffers[s], bounds_[s], bounds_[s + 1] - bounds_[s], n, k, a, b, c,
                          ldc, bias);
    slices_[s].seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  learn(slices_.data(), bounds_.data(), slices);
#endif
}

void Products::column_sums(const float* data, std::size_t rows, std::size_t cols, float* sums) {
  kernels::active().column_sums(data, rows, cols, sums);
}

}  // namespace neuronlab::engine
