// The engine's arithmetic kernels (core/src/engine/kernels/): every set this build holds and
// this CPU runs computes the products and column sums of a double-precision reference, and
// NEURONLAB_KERNELS chooses among a portable build's sets, or is refused with the reason.
#define BOOST_TEST_MODULE engine_kernels
#include <boost/test/unit_test.hpp>

#include <neuronlab/engine/kernels.hpp>

#include "../../core/src/engine/aligned.hpp"
#include "../../core/src/engine/kernels/kernels.hpp"
#include "../../core/src/engine/products.hpp"
#include "support/process.hpp"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using neuronlab::engine::Floats;
using neuronlab::engine::kernels::Operand;
using neuronlab::engine::kernels::Table;
using neuronlab::test::ProcessResult;
using neuronlab::test::run_process;

namespace {

struct Set {
  std::string level;
  const Table* table;  // null when this CPU cannot run it
};

std::vector<Set> sets() {
#ifdef NEURONLAB_TEST_KERNEL_LEVELS
  __builtin_cpu_init();
  return {
      {"x86-64", neuronlab_kernels_x86_64()},
      {"x86-64-v3", __builtin_cpu_supports("x86-64-v3") ? neuronlab_kernels_x86_64_v3() : nullptr},
      {"x86-64-v4", __builtin_cpu_supports("x86-64-v4") ? neuronlab_kernels_x86_64_v4() : nullptr}};
#else
  return {{"native", neuronlab_kernels_here()}};
#endif
}

Floats random_floats(std::size_t count, unsigned seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  Floats values(count);
  for (float& v : values) v = dist(gen);
  return values;
}

// Element (r, c) of an operand as the kernels read it.
double at(const Operand& o, std::size_t r, std::size_t c) {
  return o.transposed ? o.data[c * o.stride + r] : o.data[r * o.stride + c];
}

// |C - A·B - bias| over every element, relative to the sum of |terms| (a float sum of k terms
// may be off by about k·2⁻²⁴ of it).
double worst_error(std::size_t m, std::size_t n, std::size_t k, Operand a, Operand b,
                   const float* c, std::size_t ldc, const float* bias) {
  double worst = 0;
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      double exact = bias ? bias[j] : 0.0, magnitude = bias ? std::fabs(bias[j]) : 0.0;
      for (std::size_t p = 0; p < k; ++p) {
        exact += at(a, i, p) * at(b, p, j);
        magnitude += std::fabs(at(a, i, p) * at(b, p, j));
      }
      worst = std::max(worst, std::fabs(c[i * ldc + j] - exact) / std::max(magnitude, 1e-30));
    }
  return worst;
}

// One product C = A·B (+ bias) through a set, the way Products calls it: the small path, or
// the blocked kernel in two row slices (as two threads would), each with its own buffer.
void multiply(const Table& t, std::size_t m, std::size_t n, std::size_t k, Operand a, Operand b,
              float* c, std::size_t ldc, const float* bias) {
  if (neuronlab::engine::kernels::small(m, n, k))
    return t.multiply_small(m, n, k, a, b, c, ldc, bias);
  const auto blocking = t.plan(m, n, k);
  Floats first(t.buffer_floats(blocking)), second(t.buffer_floats(blocking));
  const std::size_t half = m / 2;
  t.multiply_rows(blocking, first.data(), 0, half, n, k, a, b, c, ldc, bias);
  t.multiply_rows(blocking, second.data(), half, m - half, n, k, a, b, c, ldc, bias);
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_set_this_cpu_runs_multiplies_as_the_reference_does) {
  struct Shape {
    std::size_t m, n, k;
  };
  // The small path (one row, one column, m + n + k < 20; a plain loop up to 64 multiply-adds,
  // as {1, 4, 2}, {4, 2, 1}, {1, 1, 4} and {4, 4, 4}, Eigen's expression above, as {3, 5, 7})
  // and the blocked one, at course and W2 sizes, with edges that are no multiple of any vector
  // width.
  // The direct kernel (n a multiple of the vector width, k <= 128) takes {32, 128, 64},
  // {37, 80, 33}, {10, 64, 128}, {6, 48, 1} and {19, 48, 32}: blocks of 4 rows and of 1-4
  // vectors of columns, and the row tails. With a transposed B (k a multiple of the width
  // too) it takes {32, 128, 64}, {10, 64, 128} and {19, 48, 32}; {9, 32, 129} is one k too
  // many for it.
  const Shape shapes[] = {{1, 4, 2},    {4, 1, 2},     {4, 2, 1},    {1, 1, 4},      {4, 4, 4},
                          {3, 5, 7},    {32, 128, 64}, {33, 10, 65}, {256, 67, 131}, {17, 300, 9},
                          {37, 80, 33}, {10, 64, 128}, {6, 48, 1},   {9, 32, 129},   {19, 48, 32}};
  int checked = 0;
  for (const Set& set : sets()) {
    if (set.table == nullptr) {
      BOOST_TEST_MESSAGE("skipped the " << set.level << " kernels: this CPU cannot run them");
      continue;
    }
    const Table& t = *set.table;
    BOOST_TEST(std::string(t.level) == set.level);
    // Both paths of multiply_rows run below: the direct kernel's rule, shape by shape.
    const Operand row_major{nullptr, 0, false}, transposed{nullptr, 0, true};
    const auto direct = [&](std::size_t m, std::size_t n, std::size_t k, Operand b) {
      return t.direct(t.plan(m, n, k), n, k, b);
    };
    BOOST_TEST(direct(32, 128, 64, row_major));
    BOOST_TEST(direct(32, 128, 64, transposed));
    BOOST_TEST(direct(6, 48, 1, row_major));
    BOOST_TEST(!direct(6, 48, 1, transposed));
    BOOST_TEST(direct(37, 80, 33, row_major));
    BOOST_TEST(!direct(37, 80, 33, transposed));
    BOOST_TEST(direct(10, 64, 128, transposed));
    BOOST_TEST(!direct(9, 32, 129, row_major));
    BOOST_TEST(!direct(33, 10, 65, row_major));
    // Without room in the buffer for Bᵀ, a transposed B goes to Eigen's kernel.
    BOOST_TEST(!t.direct(neuronlab::engine::kernels::Blocking{}, 128, 64, transposed));
    for (const Shape& s : shapes)
      for (int transposes = 0; transposes < 4; ++transposes)
        for (bool with_bias : {false, true}) {
          const bool ta = transposes & 1, tb = transposes & 2;
          const std::size_t lda = (ta ? s.m : s.k) + 3, ldb = (tb ? s.k : s.n) + 1, ldc = s.n + 2;
          const Floats a = random_floats(lda * (ta ? s.k : s.m), 1);
          const Floats b = random_floats(ldb * (tb ? s.n : s.k), 2);
          const Floats bias = random_floats(s.n, 3);
          Floats c(ldc * s.m, 99.0f);
          const Operand oa{a.data(), lda, ta}, ob{b.data(), ldb, tb};
          multiply(t, s.m, s.n, s.k, oa, ob, c.data(), ldc, with_bias ? bias.data() : nullptr);
          const double error =
              worst_error(s.m, s.n, s.k, oa, ob, c.data(), ldc, with_bias ? bias.data() : nullptr);
          BOOST_TEST(error < 1e-6, set.level << " " << s.m << "x" << s.n << "x" << s.k
                                             << " transposes " << transposes << ": " << error);
          // The padding between rows stays as it was.
          BOOST_TEST(c[s.n] == 99.0f);
          ++checked;
        }
    const Floats deltas = random_floats(37 * 19, 4);
    Floats sums(19);
    t.column_sums(deltas.data(), 37, 19, sums.data());
    for (std::size_t j = 0; j < 19; ++j) {
      double exact = 0;
      for (std::size_t r = 0; r < 37; ++r) exact += deltas[r * 19 + j];
      BOOST_TEST(std::fabs(sums[j] - exact) < 1e-5, set.level << " column " << j);
    }
  }
  BOOST_TEST(checked >= 120);
}

// Products split a large product's rows between threads at multiples of 8 rows, wherever the
// threads' speeds put the bounds: there the blocked kernel must give the bits of one call.
BOOST_AUTO_TEST_CASE(row_slices_on_multiples_of_8_give_the_bits_of_one_call) {
  struct Shape {
    std::size_t m, n, k;
  };
  const Shape shapes[] = {{256, 512, 784}, {256, 10, 256}, {100, 64, 128},
                          {33, 10, 65},    {37, 80, 33},   {40, 48, 32}};
  int checked = 0;
  for (const Set& set : sets()) {
    if (set.table == nullptr) continue;
    const Table& t = *set.table;
    for (const Shape& s : shapes)
      for (int transposes = 0; transposes < 4; ++transposes) {
        const bool ta = transposes & 1, tb = transposes & 2;
        const std::size_t lda = ta ? s.m : s.k, ldb = tb ? s.k : s.n;
        const Floats a = random_floats(lda * (ta ? s.k : s.m), 5);
        const Floats b = random_floats(ldb * (tb ? s.n : s.k), 6);
        const Floats bias = random_floats(s.n, 7);
        const Operand oa{a.data(), lda, ta}, ob{b.data(), ldb, tb};
        const auto blocking = t.plan(s.m, s.n, s.k);
        Floats buffer(t.buffer_floats(blocking));
        Floats whole(s.m * s.n), sliced(s.m * s.n);
        t.multiply_rows(blocking, buffer.data(), 0, s.m, s.n, s.k, oa, ob, whole.data(), s.n,
                        bias.data());
        const std::vector<std::vector<std::size_t>> splits = {
            {0, 8, s.m}, {0, s.m / 16 * 8, s.m}, {0, 16, s.m / 16 * 8 + 8, s.m}};
        for (const auto& bounds : splits) {
          std::fill(sliced.begin(), sliced.end(), 0.0f);
          for (std::size_t i = 0; i + 1 < bounds.size(); ++i)
            t.multiply_rows(blocking, buffer.data(), bounds[i], bounds[i + 1] - bounds[i], s.n, s.k,
                            oa, ob, sliced.data(), s.n, bias.data());
          BOOST_TEST(std::memcmp(whole.data(), sliced.data(), whole.size() * sizeof(float)) == 0,
                     set.level << " " << s.m << "x" << s.n << "x" << s.k << " transposes "
                               << transposes << " split at " << bounds[1]);
          ++checked;
        }
      }
  }
  BOOST_TEST(checked >= 72);
}

// The engine's own split (products.cpp), on however many threads OpenMP gives: every product
// of a run has the bits of a single-threaded one while the shares follow the threads' speeds.
BOOST_AUTO_TEST_CASE(products_split_by_the_threads_speeds_keep_the_bits) {
  if (neuronlab::engine::Products::max_threads() < 2) {
    BOOST_TEST_MESSAGE(
        "skipped: one thread (a build without OpenMP, or OMP_NUM_THREADS=1), "
        "so no product is split");
    return;
  }
  const std::size_t m = 256, n = 512, k = 784;
  const Floats a = random_floats(m * k, 8), b = random_floats(n * k, 9),
               bias = random_floats(n, 10);
  const Operand oa{a.data(), k, false}, ob{b.data(), k, true};  // a layer's forward product
  const Table& t = neuronlab::engine::kernels::active();
  const auto blocking = t.plan(m, n, k);
  Floats buffer(t.buffer_floats(blocking)), alone(m * n), split(m * n);
  t.multiply_rows(blocking, buffer.data(), 0, m, n, k, oa, ob, alone.data(), n, bias.data());
  neuronlab::engine::Products products;
  const auto plan = products.plan(m, n, k);
  for (int call = 0; call < 40; ++call) {
    std::fill(split.begin(), split.end(), 0.0f);
    products.multiply(plan, m, n, k, oa, ob, split.data(), n, bias.data());
    BOOST_TEST_REQUIRE(std::memcmp(alone.data(), split.data(), alone.size() * sizeof(float)) == 0,
                       "call " << call);
  }
  const std::vector<double> shares = products.shares();
  std::ostringstream said;
  for (double share : shares) said << " " << share;
  BOOST_TEST_MESSAGE("the threads' shares after 40 products:" << said.str());
  // Timed slices never take exactly equal times, so shares that are still even would mean that
  // no product was split at all.
  BOOST_TEST(shares.front() != 1.0 / double(shares.size()));
  double total = 0;
  for (double share : shares) {
    BOOST_TEST(share >= 0.25 / double(shares.size()));
    total += share;
  }
  BOOST_TEST(total == 1.0, boost::test_tools::tolerance(1e-12));
}

// How the shares move (Products::learn), with the slices' times given: towards the rows per
// second, never under a quarter of an even share however long one thread stays slow, and
// always summing to 1.
BOOST_AUTO_TEST_CASE(shares_follow_the_rows_per_second_and_keep_their_floor) {
  using Slice = neuronlab::engine::Products::Slice;
  const std::size_t bounds[] = {0, 128, 256};
  Slice slices[2] = {{0.5, 0.001}, {0.5, 0.003}};  // the second three times as slow
  neuronlab::engine::Products::learn(slices, bounds, 2);
  // Targets 0.75 and 0.25, a third of the way there.
  BOOST_TEST(slices[0].share == 0.5 + 0.25 / 3, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(slices[1].share == 0.5 - 0.25 / 3, boost::test_tools::tolerance(1e-15));

  Slice stuck[2] = {{0.5, 0.0}, {0.5, 0.0}};
  for (int product = 0; product < 60; ++product) {
    stuck[0].seconds = 0.001, stuck[1].seconds = 0.1;  // the second a hundred times as slow
    neuronlab::engine::Products::learn(stuck, bounds, 2);
    BOOST_TEST_REQUIRE(stuck[1].share >= 0.125, "product " << product);
    BOOST_TEST_REQUIRE(stuck[0].share + stuck[1].share == 1.0, boost::test_tools::tolerance(1e-12));
  }
  BOOST_TEST(stuck[1].share == 0.125, boost::test_tools::tolerance(1e-6));

  const std::size_t three[] = {0, 64, 128, 192};
  Slice uneven[3] = {{0.2, 0.001}, {0.3, 0.001}, {0.5, 0.001}};  // equally fast
  for (int product = 0; product < 80; ++product)
    neuronlab::engine::Products::learn(uneven, three, 3);
  for (const Slice& slice : uneven)
    BOOST_TEST(slice.share == 1.0 / 3, boost::test_tools::tolerance(1e-6));
}

BOOST_AUTO_TEST_CASE(the_program_says_which_kernels_run) {
  const ProcessResult r = run_process({NEURONLAB_TEST_HOST, "--version"});
  BOOST_TEST(r.status == 0, r.err);
  const std::string expected = neuronlab::engine::kernel_description();
  BOOST_TEST(r.out.find("\n" + expected + ", ") != std::string::npos, r.out);
#ifdef NEURONLAB_TEST_KERNEL_LEVELS
  // The best level this CPU runs, unless the environment says otherwise.
  const auto levels = neuronlab::engine::kernel_levels();
  BOOST_REQUIRE(levels.size() == 3u);
  std::string best;
  for (const auto& level : levels)
    if (level.runs) best = level.name;
  BOOST_TEST(expected.rfind("portable build running its " + best + " kernels (", 0) == 0, expected);
  BOOST_TEST(expected.find(", the best this CPU runs)") != std::string::npos, expected);
#else
  BOOST_TEST(expected.rfind("built for this machine's CPU (", 0) == 0, expected);
  BOOST_TEST(neuronlab::engine::kernel_levels().empty());
#endif
}

#ifdef NEURONLAB_TEST_KERNEL_LEVELS
BOOST_AUTO_TEST_CASE(neuronlab_kernels_chooses_a_level_or_says_why_not) {
  setenv("NEURONLAB_KERNELS", "x86-64", 1);
  ProcessResult r = run_process({NEURONLAB_TEST_HOST, "--version"});
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(r.out.find("\nportable build running its x86-64 kernels (SSE2, set by "
                        "NEURONLAB_KERNELS), ") != std::string::npos,
             r.out);

  setenv("NEURONLAB_KERNELS", "x86_64-v4", 1);
  r = run_process({NEURONLAB_TEST_HOST, "--version"});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.out == "");
  std::string runs;
  for (const auto& level : neuronlab::engine::kernel_levels())
    if (level.runs) runs += (runs.empty() ? "" : ", ") + level.name;
  BOOST_TEST(r.err ==
                 "neuronlab: error: NEURONLAB_KERNELS is set to 'x86_64-v4', which is no set "
                 "of kernels (did you mean 'x86-64-v4'?); this build holds x86-64, "
                 "x86-64-v3, x86-64-v4 and this CPU runs " +
                     runs + "\n",
             r.err);
  unsetenv("NEURONLAB_KERNELS");
}
#else
BOOST_AUTO_TEST_CASE(neuronlab_kernels_is_refused_where_there_is_one_set) {
  setenv("NEURONLAB_KERNELS", "x86-64", 1);
  const ProcessResult r = run_process({NEURONLAB_TEST_HOST, "--version"});
  unsetenv("NEURONLAB_KERNELS");
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.out == "");
  BOOST_TEST(r.err ==
             "neuronlab: error: NEURONLAB_KERNELS is set to 'x86-64', but this build holds one set "
             "of kernels, compiled for its machine; unset it, or configure with "
             "-DNEURONLAB_PORTABLE=ON for a choice of x86-64 levels\n");
}
#endif
