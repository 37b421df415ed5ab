// The machine's limit: Eigen's single-thread float32 matrix product at n×n×n, the operation
// a dense layer spends its time in, compiled with the same instruction-set flags as the
// engine (see CMakeLists.txt), so the fraction of it a workload reaches is a like-for-like
// figure.
#include <Eigen/Core>

#include <chrono>

#include "bench.hpp"

namespace bench {

const char* gemm_isa() {
#if defined(__AVX512F__)
  return "AVX-512";
#elif defined(__AVX2__) && defined(__FMA__)
  return "AVX2+FMA";
#elif defined(__AVX__)
  return "AVX";
#else
  return "SSE2";
#endif
}

double gemm_gflops(std::size_t n, double budget_s) {
  using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  set_threads(1);
  const Eigen::Index size = static_cast<Eigen::Index>(n);
  const Matrix a = Matrix::Random(size, size), b = Matrix::Random(size, size);
  Matrix c(size, size);
  c.noalias() = a * b;  // first touch of c and of Eigen's blocking buffers
  const Timing t = time_steps([&] { c.noalias() = a * b; }, budget_s, 0.0, 9);
  return 2.0 * double(n) * double(n) * double(n) / t.median_s * 1e-9;
}

}  // namespace bench
