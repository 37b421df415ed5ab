// The matrix products of the dense layers, without allocation and split over threads.
//
// Eigen's own product takes its packing buffers (a kc×mc block of the left operand, a kc×nc
// block of the right one) from the stack up to 128 kB and from malloc beyond that: a layer of
// 784 inputs and 512 neurons at batch 256 would allocate on every training step, and Eigen's
// OpenMP product allocates its shared block on every call. So the engine calls Eigen's blocked
// kernel (general_matrix_matrix_product, Goto's algorithm) itself, through the kernels of
// kernels/kernels.hpp, with blocking sizes chosen once per product shape in plan() and buffers
// allocated there, one set per thread.
//
// With OpenMP, a large product's result rows are split into one slice per thread; each thread
// packs its slice into its own buffers, so threads share only the read-only operands. The
// slices follow the threads' measured speeds: on a shared host two CPUs need not be equally
// fast (on the machine of docs/performance.md the second vCPU ran vector code a third slower
// than the first for hours at a time), and an even split leaves the faster one waiting.
// Slices start on multiples of 8 rows, where Eigen's kernel computes every row as it does in
// one call, so the split changes no bit of the result.
// Course-sized products (C's columns in whole vectors, k ≤ 128: W1's at batch 32) go through
// the sets' direct kernel instead, which keeps blocks of C in registers and packs at most a
// transposed right operand; its rows never depend on their neighbours, so it splits anywhere.
// Products too small for the blocked kernel (a single row or column, or m + n + k < 20, where
// Eigen itself switches to a plain loop) go through Eigen's expression, which needs no buffer,
// or through a plain loop when they are tiny (at most 64 multiply-adds, W3's).
#ifndef NEURONLAB_ENGINE_PRODUCTS_HPP
#define NEURONLAB_ENGINE_PRODUCTS_HPP

#include "aligned.hpp"
#include "kernels/kernels.hpp"

#include <cstddef>
#include <vector>

namespace neuronlab::engine {

using kernels::Operand;

class Products {
 public:
  // Blocking sizes of one product shape, for Eigen's kernel.
  using Plan = kernels::Blocking;

  // Plans C (m, n) = A (m, k) · B (k, n) for any m ≤ max_m and k ≤ max_k (the batch may be
  // either), and grows every thread's buffers to fit it. Allocates; call it from reserve().
  Plan plan(std::size_t max_m, std::size_t n, std::size_t max_k);

  // C = A·B, plus the row vector bias (n) in every row unless it is null; C is row-major
  // (m, n) with row stride ldc and may not overlap A or B. Allocates nothing.
  void multiply(const Plan& plan, std::size_t m, std::size_t n, std::size_t k, Operand a, Operand b,
                float* c, std::size_t ldc, const float* bias = nullptr);

  // sums (cols) = the column sums of the row-major (rows, cols) data.
  static void column_sums(const float* data, std::size_t rows, std::size_t cols, float* sums);

  // The threads a product may use: OpenMP's omp_get_max_threads() (OMP_NUM_THREADS), or 1
  // in a build without OpenMP.
  static int max_threads();

  // Each thread's current share of a split product's rows (they sum to 1; even until a
  // product has been split).
  std::vector<double> shares() const;

  // A thread's share of a split product's rows, smoothed over the products before (they sum
  // to 1 over the threads), and the time its slice of the current product took.
  struct alignas(64) Slice {
    double share = 0, seconds = 0;
  };
  // Moves the shares of slices [0, count), whose rows were [bounds[s], bounds[s + 1]), towards
  // the rows per second each reached (products.cpp says how). Public for its test.
  static void learn(Slice* slices, const std::size_t* bounds, std::size_t count);

 private:
  std::vector<Floats> buffers_;   // one per thread: the packed A block, then the packed B block
  std::vector<float*> pointers_;  // buffers_[t].data(), for the threads
  std::size_t floats_ = 0;        // the size every buffer has

  std::vector<Slice> slices_;
  std::vector<std::size_t> bounds_;  // the current product's slice bounds, slices + 1

  void split(std::size_t m, std::size_t slices);

  int threads_for(std::size_t m, std::size_t n, std::size_t k) const;
};

}  // namespace neuronlab::engine

#endif  // NEURONLAB_ENGINE_PRODUCTS_HPP
