// What two CPUs share, for reading W4 (docs/performance.md, "What limits each workload"): how
// long a cache line takes to go from one CPU to the other and back, and what an Adam-shaped
// update gains from a second thread when its data stays with each thread, against when both
// threads have read all of the parameters first, as the two-thread step's products read all of
// the weights that Adam then updates in halves. Standard library and pthreads only; not a test.
//
//   neuronlab_bench_cpu_sharing [CPU CPU]   (default: the first two CPUs this process may use)
#include <pthread.h>
#include <sched.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double micros_since(Clock::time_point start) {
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

void pin_to(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

double median(std::vector<double> values) {
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return values[values.size() / 2];
}

// Nanoseconds for one round trip of a cache line between the two CPUs: each side waits for the
// other's store before it stores again.
double round_trip_ns(int first, int second) {
  alignas(64) std::atomic<long> turn{0};
  constexpr long kTrips = 200000;
  double ns = 0;
  std::thread other([&] {
    pin_to(second);
    for (long i = 0; i < kTrips; ++i) {
      while (turn.load(std::memory_order_acquire) != 2 * i + 1) {
      }
      turn.store(2 * i + 2, std::memory_order_release);
    }
  });
  // Not on the main thread: pinned, it would share a CPU with the threads started after it.
  std::thread one([&] {
    pin_to(first);
    const auto start = Clock::now();
    for (long i = 0; i < kTrips; ++i) {
      turn.store(2 * i + 1, std::memory_order_release);
      while (turn.load(std::memory_order_acquire) != 2 * i + 2) {
      }
    }
    ns = micros_since(start) * 1000.0 / kTrips;
  });
  one.join();
  other.join();
  return ns;
}

// Adam's elementwise shape (no bias correction): reads p, g, m and v, writes p, m and v.
void adam_like(float* __restrict p, const float* __restrict g, float* __restrict m,
               float* __restrict v, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    m[i] = 0.9f * m[i] + 0.1f * g[i];
    v[i] = 0.999f * v[i] + 0.001f * g[i] * g[i];
    p[i] -= 1e-3f * m[i] / (std::sqrt(v[i]) + 1e-8f);
  }
}

float sum_of(const std::vector<float>& values) {
  float total = 0;
  for (float x : values) total += x;
  return total;
}

struct Arrays {
  explicit Arrays(std::size_t n) : p(n, 0.5f), g(n, 0.01f), m(n, 0.0f), v(n, 0.0f) {}
  void update(std::size_t first, std::size_t count) {
    adam_like(&p[first], &g[first], &m[first], &v[first], count);
  }
  std::vector<float> p, g, m, v;
};

// Median microseconds for one update of all n elements, on `threads` of the two CPUs at once
// (1: cpus[0] alone; 2: a half each). With `shared`, every updating thread reads all of p
// beforehand (not timed).
double update_us(Arrays& a, const int cpus[2], int threads, bool shared) {
  const std::size_t n = a.p.size();
  std::vector<double> times;
  for (int round = 0; round < 51; ++round) {
    std::atomic<int> ready{0};
    double took[2] = {0, 0};
    auto slice = [&](int k) {
      pin_to(cpus[k]);
      const std::size_t begin = n * k / threads, count = n * (k + 1) / threads - begin;
      a.update(begin, count);  // brings this round's data to this CPU
      volatile float sink = shared ? sum_of(a.p) : 0.0f;
      (void)sink;
      ready.fetch_add(1);
      while (ready.load() < threads) {
      }
      const auto start = Clock::now();
      a.update(begin, count);
      took[k] = micros_since(start);
    };
    std::vector<std::thread> team;
    for (int k = 0; k < threads; ++k) team.emplace_back(slice, k);
    for (std::thread& t : team) t.join();
    times.push_back(*std::max_element(took, took + threads));
  }
  return median(times);
}

// A CPU number from the command line, or -1 when it is not a plain non-negative integer.
int cpu_number(const char* text) {
  char* end = nullptr;
  const long cpu = std::strtol(text, &end, 10);
  return end != text && *end == '\0' && cpu >= 0 && cpu < CPU_SETSIZE ? int(cpu) : -1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 1 && argc != 3) {
    std::fprintf(stderr, "usage: neuronlab_bench_cpu_sharing [CPU CPU]\n");
    return 2;
  }
  cpu_set_t allowed;
  CPU_ZERO(&allowed);
  if (sched_getaffinity(0, sizeof allowed, &allowed) != 0) {
    std::perror("neuronlab_bench_cpu_sharing: sched_getaffinity");
    return 2;
  }
  int cpus[2] = {-1, -1};
  if (argc == 3) {
    cpus[0] = cpu_number(argv[1]);
    cpus[1] = cpu_number(argv[2]);
  } else {
    for (int cpu = 0, found = 0; cpu < CPU_SETSIZE && found < 2; ++cpu)
      if (CPU_ISSET(cpu, &allowed)) cpus[found++] = cpu;
  }
  if (cpus[0] < 0 || cpus[1] < 0 || cpus[0] == cpus[1] || !CPU_ISSET(cpus[0], &allowed) ||
      !CPU_ISSET(cpus[1], &allowed)) {
    std::fprintf(stderr,
                 "neuronlab_bench_cpu_sharing: needs two different CPUs this process may use "
                 "(see `taskset -p $$`)\n");
    return 2;
  }
  const double ns = round_trip_ns(cpus[0], cpus[1]);
  std::printf("a cache line from CPU %d to CPU %d and back: %.0f ns\n", cpus[0], cpus[1], ns);
  std::printf("%-34s %11s %15s %15s\n", "Adam-shaped update, one step", "one thread",
              "two, data kept", "two, p shared");
  // W2's two large weight matrices: 512x784 and 256x512.
  for (std::size_t n : {std::size_t{401408}, std::size_t{131072}}) {
    Arrays arrays(n);
    const double one = update_us(arrays, cpus, 1, true);
    const double kept = update_us(arrays, cpus, 2, false);
    const double shared = update_us(arrays, cpus, 2, true);
    const std::string what = std::to_string(n) + " floats";
    std::printf("%-34s %8.1f us %8.1f us %4.2fx %8.1f us %4.2fx\n", what.c_str(), one, kept,
                one / kept, shared, one / shared);
  }
  std::printf(
      "(p shared: both threads first read all of p, as W4's products read all of the weights)\n");
  return 0;
}
