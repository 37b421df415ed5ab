// The engine's arithmetic kernels: the dense layers' matrix products and the bias gradient's
// column sums, the code whose speed the instruction set decides.
//
// A build for this machine (the default) compiles them once, into the engine, for its CPU. A
// portable build (-DNEURONLAB_PORTABLE=ON, for packages) compiles them for three x86-64
// levels, each into its own shared library beside the plugins: x86-64 (the baseline, SSE2),
// x86-64-v3 (AVX2 and FMA) and x86-64-v4 (AVX-512). The first call to active() takes the
// highest level this CPU runs, or the one NEURONLAB_KERNELS names. Each library keeps its Eigen
// to itself (hidden symbols): compiled into one library, an inline Eigen function built for two
// instruction sets would be one symbol, and the linker would keep either copy.
//
// This header is the whole interface between the engine and a set of kernels: plain pointers
// and sizes, no Eigen. <neuronlab/engine/kernels.hpp> says which set runs.
#ifndef NEURONLAB_ENGINE_KERNELS_HPP
#define NEURONLAB_ENGINE_KERNELS_HPP

#include <cstddef>

namespace neuronlab::engine::kernels {

// A (rows, cols) operand: element (r, c) is data[r·stride + c], or data[c·stride + r] when
// transposed (the transpose of a row-major matrix, such as Wᵀ).
struct Operand {
  const float* data;
  std::size_t stride;
  bool transposed;
};

// The blocking sizes of one product shape for Eigen's blocked kernel (Goto's algorithm).
struct Blocking {
  std::ptrdiff_t kc = 0, mc = 0, nc = 0;
  // The floats of the buffer the direct kernel may copy a transposed B (k, n) into: k·n of the
  // planned shape when it is small enough for that kernel, else 0.
  std::ptrdiff_t transposed_b = 0;
};

// One compiled set of kernels. A product C (m, n) = A (m, k) · B (k, n) writes a row-major C
// with row stride ldc, which may not overlap A or B, and adds the row vector bias (n) to every
// row unless it is null.
struct Table {
  const char* level;         // "x86-64-v4", or "native" for a build for this machine's CPU
  const char* instructions;  // what its code uses: "AVX-512", "AVX2+FMA", "SSE2"
  // The blocking of C = A·B for any m ≤ max_m, k ≤ max_k.
  Blocking (*plan)(std::size_t max_m, std::size_t n, std::size_t max_k);
  // The floats (aligned to 64 bytes) one thread's packing buffer needs for that blocking.
  std::size_t (*buffer_floats)(const Blocking& blocking);
  // A small product (small() below), through Eigen's expression, or a plain loop for one of
  // at most 64 multiply-adds (no buffer either way).
  void (*multiply_small)(std::size_t m, std::size_t n, std::size_t k, Operand a, Operand b,
                         float* c, std::size_t ldc, const float* bias);
  // Rows [first, first + rows) of C from the same rows of A, through one thread's buffer:
  // course-sized products by the direct kernel (a transposed B copied into the buffer, a
  // row-major one read in place), others by Eigen's blocked kernel.
  void (*multiply_rows)(const Blocking& blocking, float* buffer, std::size_t first,
                        std::size_t rows, std::size_t n, std::size_t k, Operand a, Operand b,
                        float* c, std::size_t ldc, const float* bias);
  // Whether multiply_rows takes the direct kernel for C (·, n) = A (·, k) · B under this
  // blocking: n a multiple of the vector width and k ≤ 128; a transposed B also needs k a
  // multiple of the vector width and room for Bᵀ (transposed_b). It does not depend on the rows.
  bool (*direct)(const Blocking& blocking, std::size_t n, std::size_t k, Operand b);
  // sums[j] = Σ_r data[r·cols + j]: the bias gradient from a layer's deltas.
  void (*column_sums)(const float* data, std::size_t rows, std::size_t cols, float* sums);
};

// Products too small for the blocked kernel, the same in every set: one row or column, or
// m + n + k < 20 (below that Eigen itself does not use its blocked kernel:
// EIGEN_GEMM_TO_COEFFBASED_THRESHOLD is 20).
inline bool small(std::size_t m, std::size_t n, std::size_t k) {
  return m == 1 || n == 1 || m + n + k < 20;
}

// The kernels this process uses, chosen on the first call (thread-safe). Throws
// neuronlab::Error when NEURONLAB_KERNELS names a level this build lacks or this CPU cannot run.
const Table& active();

}  // namespace neuronlab::engine::kernels

// The entry points (kernels.cpp, named by NEURONLAB_KERNELS_ENTRY): a portable build for x86-64
// has the three levels', each in its own library; any other build has neuronlab_kernels_here.
#define NEURONLAB_KERNELS_API extern "C" __attribute__((visibility("default")))
NEURONLAB_KERNELS_API const neuronlab::engine::kernels::Table* neuronlab_kernels_x86_64();
NEURONLAB_KERNELS_API const neuronlab::engine::kernels::Table* neuronlab_kernels_x86_64_v3();
NEURONLAB_KERNELS_API const neuronlab::engine::kernels::Table* neuronlab_kernels_x86_64_v4();
NEURONLAB_KERNELS_API const neuronlab::engine::kernels::Table* neuronlab_kernels_here();

#endif  // NEURONLAB_ENGINE_KERNELS_HPP
