// The benchmark's pieces: the workloads, a step timer that reports medians, the single-thread
// matrix-multiply rates that serve as the machine's limit, and memory readings.
#ifndef NEURONLAB_BENCH_BENCH_HPP
#define NEURONLAB_BENCH_BENCH_HPP

#include <neuronlab/registry.hpp>

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace bench {

// A multi-layer perceptron trained with Adam (lr 1e-3) on random float32 data.
struct Workload {
  std::string name;                      // "W1"
  std::string description;               // "course-sized 64-128-64-10, batch 32"
  std::vector<std::size_t> sizes;        // inputs, then each layer's neurons
  std::vector<std::string> activations;  // one per layer
  std::string loss;
  std::size_t batch = 0;
  int threads = 1;
};

std::vector<Workload> workloads();

// Multiply-adds of one training step, counted as 2 flops each: the forward products
// X·Wᵀ, the weight gradients dZᵀ·X and the input gradients dZ·W of every layer but the first
// (nothing needs the gradient of the data).
double flops_per_step(const Workload& w);

// Bytes the step cannot do without: parameters, their gradients, Adam's two moments, each
// layer's weighted sums and activations for the batch, and the data set the steps cycle over.
double essential_bytes(const Workload& w, std::size_t data_rows);

struct Timing {
  double median_s = 0;  // per step
  double min_s = 0;     // per step, the fastest block
  std::size_t steps = 0;
};

// Runs `step` in blocks of equal length (each about block_s long) until budget_s has passed
// (and at least `min_blocks` blocks ran); per-step times are block times over block lengths.
Timing time_steps(const std::function<void()>& step, double budget_s, double block_s = 0.005,
                  std::size_t min_blocks = 15);

struct WorkloadResult {
  Timing timing;
  double allocations_per_step = 0;  // heap allocations (new, malloc) per timed step
  double final_loss = 0;
};

// Trains `w` through the registry's plugins: one epoch over the data set as warm-up, then
// timed steps cycling over the same batches.
WorkloadResult run_workload(const Workload& w, const neuronlab::Registry& registry,
                            double budget_s);

// One library's single-thread float32 matrix product (GFLOP/s, medians): at 1024×1024×1024,
// and over the products of one training step of each workload, at their own shapes.
struct GemmLimit {
  std::string library;  // "Eigen 3.4.0", "OpenBLAS", "BLIS"
  std::string origin;   // the file it was loaded from, or "compiled in, AVX-512"
  double gemm_1024_gflops = 0;
  std::map<std::string, double> workload_gflops;  // by workload name
};
// Eigen (compiled with the engine's flags), then OpenBLAS and BLIS where installed.
std::vector<GemmLimit> gemm_limits(const std::vector<Workload>& workloads, double budget_s);
const char* gemm_isa();  // the vector instruction set the bench was compiled for

// Resident memory of this process (kB): now and the peak so far (Linux /proc/self/status).
std::size_t resident_kb();
std::size_t peak_resident_kb();

// Sets the number of threads the engine's matrix products may use; false if the engine was
// built without OpenMP (then it always uses one).
bool set_threads(int threads);

}  // namespace bench

#endif  // NEURONLAB_BENCH_BENCH_HPP
