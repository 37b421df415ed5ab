// One set of the engine's kernels (kernels.hpp), built on Eigen's blocked product. A build for
// this machine compiles this file into the engine; a portable build compiles it once per x86-64
// level, each into its own library whose only exported symbol is NEURONLAB_KERNELS_ENTRY.
//
// Eigen computes a row-major C = A·B as the column-major Cᵀ = Bᵀ·Aᵀ, so its blocking speaks of
// that product: kc along k, mc along C's columns n, nc along C's rows m.
#include "kernels.hpp"

#include <Eigen/Core>

#include <cstring>

#ifndef NEURONLAB_KERNELS_ENTRY
#error "NEURONLAB_KERNELS_ENTRY names this set's entry point (core/src/engine/CMakeLists.txt)"
#endif
#ifndef NEURONLAB_KERNELS_LEVEL
#error "NEURONLAB_KERNELS_LEVEL names the x86-64 level this set is compiled for, or native"
#endif

namespace neuronlab::engine::kernels {
namespace {

using Eigen::Index;

// Eigen's kernel reads its packing buffers and blocking sizes from a level3_blocking.
class EigenBlocking final : public Eigen::internal::level3_blocking<float, float> {
 public:
  EigenBlocking(const Blocking& blocking, float* buffer) {
    m_kc = blocking.kc;
    m_mc = blocking.mc;
    m_nc = blocking.nc;
    m_blockA = buffer;
    m_blockB = buffer + packed_a(blocking);
  }
  // The A block, rounded up so that the B block starts on Eigen's alignment too.
  static std::size_t packed_a(const Blocking& blocking) {
    const std::size_t align = EIGEN_MAX_ALIGN_BYTES / sizeof(float);
    return (std::size_t(blocking.kc * blocking.mc) + align - 1) / align * align;
  }
};

template <int Order>
using OperandMap = Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Order>, 0,
                              Eigen::OuterStride<>>;
using ResultMap = Eigen::Map<Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>,
                             0, Eigen::OuterStride<>>;
constexpr int R = Eigen::RowMajor, C = Eigen::ColMajor;

Blocking plan(std::size_t max_m, std::size_t n, std::size_t max_k) {
  Index kc = Index(std::max<std::size_t>(max_k, 1));
  Index mc = Index(std::max<std::size_t>(n, 1));
  Index nc = Index(std::max<std::size_t>(max_m, 1));
  Eigen::internal::computeProductBlockingSizes<float, float, 1>(kc, mc, nc, Index(1));
  return {kc, mc, nc};
}

std::size_t buffer_floats(const Blocking& blocking) {
  return EigenBlocking::packed_a(blocking) + std::size_t(blocking.kc * blocking.nc);
}

template <int LhsOrder, int RhsOrder>
void small_product(std::size_t m, std::size_t n, std::size_t k, Operand a, Operand b, float* c,
                   std::size_t ldc, const float* bias) {
  const OperandMap<LhsOrder> lhs(a.data, Index(m), Index(k), Eigen::OuterStride<>(a.stride));
  const OperandMap<RhsOrder> rhs(b.data, Index(k), Index(n), Eigen::OuterStride<>(b.stride));
  ResultMap result(c, Index(m), Index(n), Eigen::OuterStride<>(ldc));
  result.noalias() = lhs * rhs;
  if (bias != nullptr) result.rowwise() += Eigen::Map<const Eigen::RowVectorXf>(bias, Index(n));
}

void multiply_small(std::size_t m, std::size_t n, std::size_t k, Operand a, Operand b, float* c,
                    std::size_t ldc, const float* bias) {
  if (!a.transposed && !b.transposed) small_product<R, R>(m, n, k, a, b, c, ldc, bias);
  if (!a.transposed && b.transposed) small_product<R, C>(m, n, k, a, b, c, ldc, bias);
  if (a.transposed && !b.transposed) small_product<C, R>(m, n, k, a, b, c, ldc, bias);
  if (a.transposed && b.transposed) small_product<C, C>(m, n, k, a, b, c, ldc, bias);
}

template <int LhsOrder, int RhsOrder>
void blocked_rows(const Blocking& blocking, float* buffer, std::size_t first, std::size_t rows,
                  std::size_t n, std::size_t k, Operand a, Operand b, float* c, std::size_t ldc,
                  const float* bias) {
  // Eigen's kernel adds to C: start each row from the bias, or from zero.
  float* result = c + first * ldc;
  for (std::size_t r = 0; r < rows; ++r)
    if (bias != nullptr)
      std::memcpy(result + r * ldc, bias, n * sizeof(float));
    else
      std::memset(result + r * ldc, 0, n * sizeof(float));
  const float* lhs = LhsOrder == R ? a.data + first * a.stride : a.data + first;
  EigenBlocking eigen_blocking(blocking, buffer);
  using Product = Eigen::internal::general_matrix_matrix_product<Index, float, LhsOrder, false,
                                                                 float, RhsOrder, false, R, 1>;
  Product::run(Index(rows), Index(n), Index(k), lhs, Index(a.stride), b.data, Index(b.stride),
               result, 1, Index(ldc), 1.0f, eigen_blocking);
}

void multiply_rows(const Blocking& blocking, float* buffer, std::size_t first, std::size_t rows,
                   std::size_t n, std::size_t k, Operand a, Operand b, float* c, std::size_t ldc,
                   const float* bias) {
  if (rows == 0) return;
  if (!a.transposed && !b.transposed)
    blocked_rows<R, R>(blocking, buffer, first, rows, n, k, a, b, c, ldc, bias);
  if (!a.transposed && b.transposed)
    blocked_rows<R, C>(blocking, buffer, first, rows, n, k, a, b, c, ldc, bias);
  if (a.transposed && !b.transposed)
    blocked_rows<C, R>(blocking, buffer, first, rows, n, k, a, b, c, ldc, bias);
  if (a.transposed && b.transposed)
    blocked_rows<C, C>(blocking, buffer, first, rows, n, k, a, b, c, ldc, bias);
}

void column_sums(const float* data, std::size_t rows, std::size_t cols, float* sums) {
  using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  Eigen::Map<Eigen::RowVectorXf>(sums, Index(cols)).noalias() =
      Eigen::Map<const Matrix>(data, Index(rows), Index(cols)).colwise().sum();
}

#if defined(__AVX512F__)
constexpr const char* kInstructions = "AVX-512";
#elif defined(__AVX2__) && defined(__FMA__)
constexpr const char* kInstructions = "AVX2+FMA";
#elif defined(__AVX__)
constexpr const char* kInstructions = "AVX";
#elif defined(__x86_64__)
constexpr const char* kInstructions = "SSE2";
#else
constexpr const char* kInstructions = "this architecture's baseline";
#endif

constexpr Table kTable{NEURONLAB_KERNELS_LEVEL, kInstructions, plan,       buffer_floats,
                       multiply_small,          multiply_rows, column_sums};

}  // namespace
}  // namespace neuronlab::engine::kernels

NEURONLAB_KERNELS_API const neuronlab::engine::kernels::Table* NEURONLAB_KERNELS_ENTRY() {
  return &neuronlab::engine::kernels::kTable;
}
