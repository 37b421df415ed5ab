// One set of the engine's kernels (kernels.hpp): Eigen's blocked product, and a direct kernel
// for course-sized products built on Eigen's vector types of this level. A build for
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

// The direct kernel's limits (below): C's columns in whole vectors, and k small enough that
// one block's columns of B stay in the first-level cache.
constexpr std::size_t kLanes = Eigen::internal::packet_traits<float>::size;
constexpr std::size_t kMaxK = 128;

Blocking plan(std::size_t max_m, std::size_t n, std::size_t max_k) {
  Index kc = Index(std::max<std::size_t>(max_k, 1));
  Index mc = Index(std::max<std::size_t>(n, 1));
  Index nc = Index(std::max<std::size_t>(max_m, 1));
  Eigen::internal::computeProductBlockingSizes<float, float, 1>(kc, mc, nc, Index(1));
  const bool transposable = n % kLanes == 0 && max_k % kLanes == 0 && max_k <= kMaxK;
  return {kc, mc, nc, transposable ? std::ptrdiff_t(max_k * n) : 0};
}

std::size_t buffer_floats(const Blocking& blocking) {
  const std::size_t eigen =
      EigenBlocking::packed_a(blocking) + std::size_t(blocking.kc * blocking.nc);
  return std::max(eigen, std::size_t(blocking.transposed_b));
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

// Products of at most kTiny multiply-adds (W3's 2-4-1 network at batch 1 has none above 8):
// a plain loop, as Eigen's expression spends longer setting up its evaluators for dynamic
// sizes than on the arithmetic. Each element is its products summed in k's order, then the
// bias.
constexpr std::size_t kTiny = 64;

void tiny_product(std::size_t m, std::size_t n, std::size_t k, Operand a, Operand b, float* c,
                  std::size_t ldc, const float* bias) {
  // A(i, p) is a.data[i·a_row + p·a_k], B(p, j) is b.data[p·b_k + j·b_col].
  const std::size_t a_row = a.transposed ? 1 : a.stride, a_k = a.transposed ? a.stride : 1;
  const std::size_t b_k = b.transposed ? 1 : b.stride, b_col = b.transposed ? b.stride : 1;
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      float sum = a.data[i * a_row] * b.data[j * b_col];
      for (std::size_t p = 1; p < k; ++p)
        sum += a.data[i * a_row + p * a_k] * b.data[p * b_k + j * b_col];
      c[i * ldc + j] = bias != nullptr ? sum + bias[j] : sum;
    }
}

void multiply_small(std::size_t m, std::size_t n, std::size_t k, Operand a, Operand b, float* c,
                    std::size_t ldc, const float* bias) {
  if (m * n * k <= kTiny && k > 0) return tiny_product(m, n, k, a, b, c, ldc, bias);
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

// The direct kernel: course-sized products, with little or no packing. Eigen's kernel packs
// both operands into its buffers on every call; at batch 32 and widths of 64–128 that copying
// cost as much as a fifth of the arithmetic. Here a block of kRows rows of C and up to
// kPackets vectors of its columns stays in registers while k runs: each step loads one row of
// the block's columns of B and broadcasts one element of A per row. B's columns of one block
// (at most kMaxK rows of them) stay in the first-level cache for every row block. A row-major
// B is read where it is; a transposed one (a layer's forward product X·Wᵀ) is first copied
// into the thread's buffer as a row-major Bᵀ, one kLanes × kLanes square at a time: k·n moves
// against m·n·k multiply-adds, where Eigen packs both operands.
// Each element of C is its bias (or 0) plus the products in the order of k, one fused
// multiply-add at a time, and never depends on which rows share its block: rows split between
// threads anywhere give the bits of one call.
using Packet = Eigen::internal::packet_traits<float>::type;
constexpr int kRows = 4;
constexpr int kPackets = kLanes >= 16 ? 4 : 3;  // 16 accumulators of 32 registers, or 12 of 16

bool direct(const Blocking& blocking, std::size_t n, std::size_t k, Operand b) {
  if (n % kLanes != 0 || k > kMaxK) return false;
  return !b.transposed || (k % kLanes == 0 && k * n <= std::size_t(blocking.transposed_b));
}

// Bᵀ's rows into out (k, n): out[p·n + j] = B(p, j) = b.data[j·stride + p], a kLanes × kLanes
// square at a time (n and k multiples of kLanes). A packet type as a template argument loses
// its alignment attribute, which GCC warns of; Eigen silences the same warning in its headers.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wignored-attributes"
void transpose(std::size_t n, std::size_t k, Operand b, float* out) {
  using namespace Eigen::internal;
  for (std::size_t j = 0; j < n; j += kLanes)
    for (std::size_t p = 0; p < k; p += kLanes) {
      PacketBlock<Packet, int(kLanes)> square;
      for (std::size_t i = 0; i < kLanes; ++i)
        square.packet[i] = ploadu<Packet>(b.data + (j + i) * b.stride + p);
      ptranspose(square);
      for (std::size_t i = 0; i < kLanes; ++i) pstoreu(out + (p + i) * n + j, square.packet[i]);
    }
}
#pragma GCC diagnostic pop

// Rows [first, first + Rows) and columns [j, j + Packets · kLanes) of C.
template <bool ATransposed, int Rows, int Packets>
void direct_block(std::size_t first, std::size_t j, std::size_t k, Operand a, Operand b, float* c,
                  std::size_t ldc, const float* bias) {
  using namespace Eigen::internal;
  // A(r, p) is a.data[r·stride + p], or a.data[p·stride + r] when A is transposed.
  const std::size_t row_step = ATransposed ? 1 : a.stride, k_step = ATransposed ? a.stride : 1;
  const float* a_block = a.data + first * row_step;
  Packet sums[Rows][Packets];
  for (int q = 0; q < Packets; ++q) {
    const Packet start = bias != nullptr ? ploadu<Packet>(bias + j + q * kLanes) : pzero(Packet());
    for (int r = 0; r < Rows; ++r) sums[r][q] = start;
  }
  for (std::size_t p = 0; p < k; ++p) {
    const float* b_row = b.data + p * b.stride + j;
    Packet columns[Packets];
    for (int q = 0; q < Packets; ++q) columns[q] = ploadu<Packet>(b_row + q * kLanes);
    for (int r = 0; r < Rows; ++r) {
      const Packet element = pset1<Packet>(a_block[r * row_step + p * k_step]);
      for (int q = 0; q < Packets; ++q) sums[r][q] = pmadd(element, columns[q], sums[r][q]);
    }
  }
  for (int r = 0; r < Rows; ++r)
    for (int q = 0; q < Packets; ++q)
      pstoreu(c + (first + std::size_t(r)) * ldc + j + q * kLanes, sums[r][q]);
}

// Rows [first, last) of C's columns [j, j + Packets · kLanes), kRows at a time.
template <bool ATransposed, int Packets>
void direct_columns(std::size_t first, std::size_t last, std::size_t j, std::size_t k, Operand a,
                    Operand b, float* c, std::size_t ldc, const float* bias) {
  std::size_t r = first;
  for (; r + kRows <= last; r += kRows)
    direct_block<ATransposed, kRows, Packets>(r, j, k, a, b, c, ldc, bias);
  switch (last - r) {
    case 3:
      return direct_block<ATransposed, 3, Packets>(r, j, k, a, b, c, ldc, bias);
    case 2:
      return direct_block<ATransposed, 2, Packets>(r, j, k, a, b, c, ldc, bias);
    case 1:
      return direct_block<ATransposed, 1, Packets>(r, j, k, a, b, c, ldc, bias);
    default:
      return;
  }
}

// The remaining 1 .. Packets − 1 vectors of columns from j on, as one block.
template <bool ATransposed, int Packets>
void direct_tail(std::size_t packets, std::size_t first, std::size_t last, std::size_t j,
                 std::size_t k, Operand a, Operand b, float* c, std::size_t ldc,
                 const float* bias) {
  if constexpr (Packets > 0) {
    if (packets == std::size_t(Packets))
      return direct_columns<ATransposed, Packets>(first, last, j, k, a, b, c, ldc, bias);
    direct_tail<ATransposed, Packets - 1>(packets, first, last, j, k, a, b, c, ldc, bias);
  }
}

template <bool ATransposed>
void direct_rows(std::size_t first, std::size_t rows, std::size_t n, std::size_t k, Operand a,
                 Operand b, float* c, std::size_t ldc, const float* bias) {
  const std::size_t width = kPackets * kLanes;
  std::size_t j = 0;
  for (; j + width <= n; j += width)
    direct_columns<ATransposed, kPackets>(first, first + rows, j, k, a, b, c, ldc, bias);
  direct_tail<ATransposed, kPackets - 1>((n - j) / kLanes, first, first + rows, j, k, a, b, c, ldc,
                                         bias);
}

void multiply_rows(const Blocking& blocking, float* buffer, std::size_t first, std::size_t rows,
                   std::size_t n, std::size_t k, Operand a, Operand b, float* c, std::size_t ldc,
                   const float* bias) {
  if (rows == 0) return;
  if (direct(blocking, n, k, b)) {
    if (b.transposed) {
      transpose(n, k, b, buffer);
      b = {buffer, n, false};
    }
    if (a.transposed) return direct_rows<true>(first, rows, n, k, a, b, c, ldc, bias);
    return direct_rows<false>(first, rows, n, k, a, b, c, ldc, bias);
  }
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

constexpr Table kTable{NEURONLAB_KERNELS_LEVEL, kInstructions, plan,   buffer_floats,
                       multiply_small,          multiply_rows, direct, column_sums};

}  // namespace
}  // namespace neuronlab::engine::kernels

NEURONLAB_KERNELS_API const neuronlab::engine::kernels::Table* NEURONLAB_KERNELS_ENTRY() {
  return &neuronlab::engine::kernels::kTable;
}
