// The machine's limit: the best single-thread float32 matrix product among the libraries
// installed, at 1024×1024×1024 and at the products each workload's step makes.
//
// Eigen is compiled into the bench with the engine's flags. OpenBLAS and BLIS are opened at
// run time through their C interface (cblas_sgemm), so the bench needs neither to build and
// measures whichever is installed (libopenblas0-pthread, libblis4-*), each limited to one
// thread through its own call.
#include <dlfcn.h>

#include <Eigen/Core>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bench.hpp"

namespace bench {

namespace {

using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// One product C = op(A)·op(B) in row-major storage: op(A) is m×k, op(B) is k×n.
struct Product {
  Eigen::Index m, n, k;
  bool transpose_a, transpose_b;
};

// The products of one training step (bench::flops_per_step counts the same): per layer, the
// forward X·Wᵀ (batch×in by in×out), the weight gradient dZᵀ·X (out×batch by batch×in) and,
// for every layer but the first, the input gradient dZ·W (batch×out by out×in).
std::vector<Product> step_products(const Workload& w) {
  std::vector<Product> products;
  const auto batch = static_cast<Eigen::Index>(w.batch);
  for (std::size_t l = 1; l < w.sizes.size(); ++l) {
    const auto in = static_cast<Eigen::Index>(w.sizes[l - 1]);
    const auto out = static_cast<Eigen::Index>(w.sizes[l]);
    products.push_back({batch, out, in, false, true});
    products.push_back({out, in, batch, true, false});
    if (l > 1) products.push_back({batch, in, out, false, false});
  }
  return products;
}

double flops_of(const std::vector<Product>& products) {
  double flops = 0;
  for (const Product& p : products) flops += 2.0 * double(p.m) * double(p.n) * double(p.k);
  return flops;
}

// Operands for a list of products, allocated once; A and B are stored as op() expects.
struct Operands {
  std::vector<Matrix> a, b, c;
  explicit Operands(const std::vector<Product>& products) {
    for (const Product& p : products) {
      a.push_back(p.transpose_a ? Matrix::Random(p.k, p.m) : Matrix::Random(p.m, p.k));
      b.push_back(p.transpose_b ? Matrix::Random(p.n, p.k) : Matrix::Random(p.k, p.n));
      c.push_back(Matrix::Zero(p.m, p.n));
    }
  }
};

// cblas_sgemm's signature; the enums are ints (CblasRowMajor 101, CblasNoTrans 111,
// CblasTrans 112).
using Sgemm = void (*)(int, int, int, int, int, int, float, const float*, int, const float*, int,
                       float, float*, int);
using SetThreads = void (*)(int);

class Library {
 public:
  virtual ~Library() = default;
  virtual void multiply(const Product& p, const Matrix& a, const Matrix& b, Matrix& c) const = 0;
};

class EigenLibrary : public Library {
 public:
  void multiply(const Product& p, const Matrix& a, const Matrix& b, Matrix& c) const override {
    if (p.transpose_a)
      c.noalias() = a.transpose() * b;
    else if (p.transpose_b)
      c.noalias() = a * b.transpose();
    else
      c.noalias() = a * b;
  }
};

class CblasLibrary : public Library {
 public:
  explicit CblasLibrary(Sgemm sgemm) : sgemm_(sgemm) {}
  void multiply(const Product& p, const Matrix& a, const Matrix& b, Matrix& c) const override {
    sgemm_(101, p.transpose_a ? 112 : 111, p.transpose_b ? 112 : 111, int(p.m), int(p.n), int(p.k),
           1.0f, a.data(), int(a.cols()), b.data(), int(b.cols()), 0.0f, c.data(), int(c.cols()));
  }

 private:
  Sgemm sgemm_;
};

// The rate of `library` over one round of `products`, median of timed rounds.
double rate(const Library& library, const std::vector<Product>& products, double budget_s) {
  Operands operands(products);
  auto round = [&] {
    for (std::size_t i = 0; i < products.size(); ++i)
      library.multiply(products[i], operands.a[i], operands.b[i], operands.c[i]);
  };
  round();  // first touch of the results and of the library's buffers
  const Timing t = time_steps(round, budget_s, 0.005, 9);
  return flops_of(products) / t.median_s * 1e-9;
}

// Opens a BLAS library and limits it to one thread; null when it is not installed.
void* open_blas(const char* file, const char* set_threads_symbol, std::string* path) {
  void* handle = dlopen(file, RTLD_NOW | RTLD_LOCAL);
  if (!handle) return nullptr;
  if (!dlsym(handle, "cblas_sgemm")) {
    dlclose(handle);
    return nullptr;
  }
  if (auto set = reinterpret_cast<SetThreads>(dlsym(handle, set_threads_symbol))) set(1);
  Dl_info info{};
  if (dladdr(dlsym(handle, "cblas_sgemm"), &info) && info.dli_fname) {
    std::error_code error;  // the file behind Debian's alternatives' links
    const std::filesystem::path real = std::filesystem::canonical(info.dli_fname, error);
    *path = error ? std::string(info.dli_fname) : real.string();
  }
  return handle;
}

}  // namespace

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

std::vector<GemmLimit> gemm_limits(const std::vector<Workload>& workloads, double budget_s) {
  set_threads(1);
  struct Candidate {
    std::string name, path;
    std::unique_ptr<Library> library;
  };
  std::vector<Candidate> candidates;
  candidates.push_back(
      {"Eigen " + std::to_string(EIGEN_WORLD_VERSION) + "." + std::to_string(EIGEN_MAJOR_VERSION) +
           "." + std::to_string(EIGEN_MINOR_VERSION),
       std::string("compiled in, ") + gemm_isa(), std::make_unique<EigenLibrary>()});
  const struct {
    const char *name, *file, *set_threads;
  } blas[] = {{"OpenBLAS", "libopenblas.so.0", "openblas_set_num_threads"},
              {"BLIS", "libblis.so.4", "bli_thread_set_num_threads"}};
  for (const auto& b : blas) {
    std::string path;
    if (void* handle = open_blas(b.file, b.set_threads, &path))  // stays open: it is used below
      candidates.push_back(
          {b.name, path,
           std::make_unique<CblasLibrary>(reinterpret_cast<Sgemm>(dlsym(handle, "cblas_sgemm")))});
  }

  std::vector<GemmLimit> limits;
  for (const Candidate& c : candidates) {
    GemmLimit limit{
        c.name, c.path, rate(*c.library, {{1024, 1024, 1024, false, false}}, budget_s), {}};
    for (const Workload& w : workloads)
      limit.workload_gflops[w.name] = rate(*c.library, step_products(w), budget_s / 4);
    limits.push_back(limit);
  }
  return limits;
}

}  // namespace bench
