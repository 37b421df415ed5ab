// Eigen's blocked product over buffers allocated in advance (see products.hpp).
//
// Eigen computes a row-major C = A·B as the column-major Cᵀ = Bᵀ·Aᵀ, so its blocking speaks
// of that product: kc along k, mc along C's columns n, nc along C's rows m.
#include "products.hpp"

#include <algorithm>
#include <cstring>

#if defined(_OPENMP)
#include <omp.h>
#endif

namespace neuronlab::engine {

namespace {

using Eigen::Index;

// Eigen's kernel reads its packing buffers and blocking sizes from a level3_blocking.
class Blocking final : public Eigen::internal::level3_blocking<float, float> {
 public:
  Blocking(const Products::Plan& plan, float* buffer) {
    m_kc = plan.kc;
    m_mc = plan.mc;
    m_nc = plan.nc;
    m_blockA = buffer;
    m_blockB = buffer + packed_a(plan);
  }
  // The A block, rounded up so that the B block starts on Eigen's alignment too.
  static std::size_t packed_a(const Products::Plan& plan) {
    const std::size_t align = EIGEN_MAX_ALIGN_BYTES / sizeof(float);
    return (std::size_t(plan.kc * plan.mc) + align - 1) / align * align;
  }
};

// Below these sizes Eigen itself does not use its blocked kernel (EIGEN_GEMM_TO_COEFFBASED_
// THRESHOLD is 20), and neither does the engine.
bool small(std::size_t m, std::size_t n, std::size_t k) {
  return m == 1 || n == 1 || m + n + k < 20;
}

template <int Order>
using OperandMap = Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Order>, 0,
                              Eigen::OuterStride<>>;
using ResultMap = Eigen::Map<Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>,
                             0, Eigen::OuterStride<>>;

template <int LhsOrder, int RhsOrder>
void multiply_small(std::size_t m, std::size_t n, std::size_t k, Operand a, Operand b, float* c,
                    std::size_t ldc, const float* bias) {
  const OperandMap<LhsOrder> lhs(a.data, Index(m), Index(k), Eigen::OuterStride<>(a.stride));
  const OperandMap<RhsOrder> rhs(b.data, Index(k), Index(n), Eigen::OuterStride<>(b.stride));
  ResultMap result(c, Index(m), Index(n), Eigen::OuterStride<>(ldc));
  result.noalias() = lhs * rhs;
  if (bias != nullptr) result.rowwise() += Eigen::Map<const Eigen::RowVectorXf>(bias, Index(n));
}

// Rows [first, first + rows) of C from the same rows of A, through one thread's buffer.
template <int LhsOrder, int RhsOrder>
void multiply_rows(const Products::Plan& plan, float* buffer, std::size_t first, std::size_t rows,
                   std::size_t n, std::size_t k, Operand a, Operand b, float* c, std::size_t ldc,
                   const float* bias) {
  if (rows == 0) return;
  // Eigen's kernel adds to C: start each row from the bias, or from zero.
  float* result = c + first * ldc;
  for (std::size_t r = 0; r < rows; ++r)
    if (bias != nullptr)
      std::memcpy(result + r * ldc, bias, n * sizeof(float));
    else
      std::memset(result + r * ldc, 0, n * sizeof(float));
  const float* lhs = LhsOrder == Eigen::RowMajor ? a.data + first * a.stride : a.data + first;
  Blocking blocking(plan, buffer);
  Eigen::internal::general_matrix_matrix_product<Index, float, LhsOrder, false, float, RhsOrder,
                                                 false, Eigen::RowMajor, 1>::run(Index(rows),
                                                                                 Index(n), Index(k),
                                                                                 lhs,
                                                                                 Index(a.stride),
                                                                                 b.data,
                                                                                 Index(b.stride),
                                                                                 result, 1,
                                                                                 Index(ldc), 1.0f,
                                                                                 blocking);
}

template <int LhsOrder, int RhsOrder>
void multiply_split(const Products::Plan& plan, float* const* buffers, int threads, std::size_t m,
                    std::size_t n, std::size_t k, Operand a, Operand b, float* c, std::size_t ldc,
                    const float* bias) {
  if (threads <= 1) {
    multiply_rows<LhsOrder, RhsOrder>(plan, buffers[0], 0, m, n, k, a, b, c, ldc, bias);
    return;
  }
#if defined(_OPENMP)
  // One slice per thread (every slice packs the whole right operand again, so more slices
  // cost more than they balance), handed out as threads come free: on a shared machine a
  // thread that starts late finds its slice already taken.
  const std::size_t slices = std::min(m / 16, std::size_t(threads));
#pragma omp parallel for num_threads(threads) schedule(dynamic, 1)
  for (std::size_t s = 0; s < slices; ++s) {
    const std::size_t first = m * s / slices, last = m * (s + 1) / slices;
    multiply_rows<LhsOrder, RhsOrder>(plan, buffers[omp_get_thread_num()], first, last - first, n,
                                      k, a, b, c, ldc, bias);
  }
#endif
}

}  // namespace

int Products::max_threads() {
#if defined(_OPENMP)
  return omp_get_max_threads();
#else
  return 1;
#endif
}

Products::Plan Products::plan(std::size_t max_m, std::size_t n, std::size_t max_k) {
  Plan plan;
  plan.kc = Index(std::max<std::size_t>(max_k, 1));
  plan.mc = Index(std::max<std::size_t>(n, 1));
  plan.nc = Index(std::max<std::size_t>(max_m, 1));
  Eigen::internal::computeProductBlockingSizes<float, float, 1>(plan.kc, plan.mc, plan.nc,
                                                                Index(1));
  const std::size_t floats = Blocking::packed_a(plan) + std::size_t(plan.kc * plan.nc);
  const std::size_t threads = std::size_t(std::max(max_threads(), 1));
  if (floats > floats_ || buffers_.size() < threads) {
    floats_ = std::max(floats_, floats);
    buffers_.resize(std::max(buffers_.size(), threads));
    pointers_.clear();
    for (Buffer& buffer : buffers_) {
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
  constexpr int R = Eigen::RowMajor, C = Eigen::ColMajor;
  if (small(m, n, k)) {
    if (!a.transposed && !b.transposed) multiply_small<R, R>(m, n, k, a, b, c, ldc, bias);
    if (!a.transposed && b.transposed) multiply_small<R, C>(m, n, k, a, b, c, ldc, bias);
    if (a.transposed && !b.transposed) multiply_small<C, R>(m, n, k, a, b, c, ldc, bias);
    if (a.transposed && b.transposed) multiply_small<C, C>(m, n, k, a, b, c, ldc, bias);
    return;
  }
  const int threads = threads_for(m, n, k);
  float* const* buffers = pointers_.data();
  if (!a.transposed && !b.transposed)
    multiply_split<R, R>(plan, buffers, threads, m, n, k, a, b, c, ldc, bias);
  if (!a.transposed && b.transposed)
    multiply_split<R, C>(plan, buffers, threads, m, n, k, a, b, c, ldc, bias);
  if (a.transposed && !b.transposed)
    multiply_split<C, R>(plan, buffers, threads, m, n, k, a, b, c, ldc, bias);
  if (a.transposed && b.transposed)
    multiply_split<C, C>(plan, buffers, threads, m, n, k, a, b, c, ldc, bias);
}

}  // namespace neuronlab::engine
