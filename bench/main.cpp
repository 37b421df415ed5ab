// neuronlab_bench: times training steps of the issue-5 workloads through the engine and the
// built-in plugins, measures the machine's matrix-multiply limit and the time of
// `neuronlab plugins`, and prints one JSON object for bench/table.py.
//
//   neuronlab_bench [--only W1,W3] [--seconds S]   timings (S seconds per workload)
//   neuronlab_bench --memory W2                    peak resident memory of training W2 alone
//   --no-limit skips the GEMM limit and the plugin timing (for profiling one workload)
// Plugins are found as the host finds them: NEURONLAB_PLUGIN_PATH, then next to the executable.
#include <neuronlab/engine/kernels.hpp>
#include <neuronlab/registry.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "bench.hpp"

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void usage(const std::string& problem) {
  std::fprintf(
      stderr,
      "neuronlab_bench: %s\n"
      "usage: neuronlab_bench [--only W1,W2,...] [--seconds S] [--no-limit] | --memory W2\n",
      problem.c_str());
  std::exit(2);
}

neuronlab::Registry load_plugins(double* load_ms) {
  neuronlab::Registry registry;
  const auto start = Clock::now();
  registry.load_directories(neuronlab::plugin_search_path({}));
  *load_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  for (const auto& d : registry.diagnostics())
    if (d.level == neuronlab::Diagnostic::Level::error)
      std::fprintf(stderr, "neuronlab_bench: %s: %s\n", d.path.c_str(), d.message.c_str());
  if (registry.find(neuronlab::Kind::optimizer, "adam") == nullptr)
    usage(
        "no plugins found; build nl_activations, nl_losses, nl_optimizers, nl_normalizations "
        "or set NEURONLAB_PLUGIN_PATH");
  return registry;
}

// Median wall time of `neuronlab plugins` (the host next to this executable), output discarded.
double host_plugins_ms(int runs) {
  const std::string host =
      (std::filesystem::read_symlink("/proc/self/exe").parent_path() / "neuronlab").string();
  if (!std::filesystem::exists(host)) return -1;
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    char* argv[] = {const_cast<char*>(host.c_str()), const_cast<char*>("plugins"), nullptr};
    const auto start = Clock::now();
    pid_t pid;
    int status = 0;
    if (posix_spawn(&pid, host.c_str(), &actions, nullptr, argv, environ) != 0) return -1;
    waitpid(pid, &status, 0);
    times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    posix_spawn_file_actions_destroy(&actions);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return -1;
  }
  std::nth_element(times.begin(), times.begin() + times.size() / 2, times.end());
  return times[times.size() / 2];
}

const bench::Workload& find_workload(const std::string& name) {
  static const std::vector<bench::Workload> all = bench::workloads();
  for (const auto& w : all)
    if (w.name == name) return w;
  usage("unknown workload '" + name + "' (W1, W2, W3, W4)");
}

int memory(const std::string& name) {
  double load_ms = 0;
  const neuronlab::Registry registry = load_plugins(&load_ms);
  const bench::Workload& w = find_workload(name);
  const std::size_t baseline = bench::resident_kb();
  const bench::WorkloadResult r = bench::run_workload(w, registry, 0.5);
  const std::size_t rows = std::max<std::size_t>(w.batch * 8, 64);
  std::printf(
      "{\"memory\": {\"workload\": \"%s\", \"baseline_kb\": %zu, \"peak_kb\": %zu, "
      "\"essential_kb\": %.0f, \"final_loss\": %.6g}}\n",
      name.c_str(), baseline, bench::peak_resident_kb(), bench::essential_bytes(w, rows) / 1024.0,
      r.final_loss);
  return 0;
}

// The price of crossing the plugin boundary once: identity's forward on a 1×1 batch is a
// virtual call into the plugin library and a one-element loop.
double plugin_call_ns(const neuronlab::Registry& registry) {
  const auto identity = registry.create<neuronlab::Activation>("identity");
  float x = 1.0f, y = 0.0f;
  const neuronlab::ConstMatrixView in(&x, 1, 1, 1);
  const neuronlab::MatrixView out{&y, 1, 1, 1};
  const bench::Timing t = bench::time_steps([&] { identity->forward(in, out); }, 0.2);
  return t.median_s * 1e9;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> only;
  double seconds = 2.0;
  bool limit_too = true;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--memory") return memory(value());
    if (arg == "--no-limit") {
      limit_too = false;
      continue;
    }
    if (arg == "--seconds") {
      seconds = std::atof(value().c_str());
      if (!(seconds > 0)) usage("--seconds needs a positive number");
    } else if (arg == "--only") {
      std::string list = value();
      for (std::size_t start = 0; start <= list.size();) {
        const std::size_t comma = std::min(list.find(',', start), list.size());
        only.push_back(list.substr(start, comma - start));
        start = comma + 1;
      }
    } else {
      usage("unknown argument '" + arg + "'");
    }
  }
  try {
    double load_ms = 0;
    const neuronlab::Registry registry = load_plugins(&load_ms);
    std::vector<bench::Workload> chosen;
    for (const bench::Workload& w : bench::workloads())
      if (only.empty() || std::find(only.begin(), only.end(), w.name) != only.end())
        chosen.push_back(w);
    const std::vector<bench::GemmLimit> limits =
        limit_too ? bench::gemm_limits(chosen, seconds / 2) : std::vector<bench::GemmLimit>{};
    std::printf("{\n  \"isa\": \"%s\",\n  \"kernels\": \"%s\",\n  \"threads_available\": %s,\n",
                bench::gemm_isa(), neuronlab::engine::kernel_description().c_str(),
                bench::set_threads(2) ? "true" : "false");
    bench::set_threads(1);
    std::printf("  \"limits\": [");
    for (std::size_t i = 0; i < limits.size(); ++i) {
      const bench::GemmLimit& l = limits[i];
      std::printf(
          "%s\n    {\"library\": \"%s\", \"origin\": \"%s\", \"gemm_1024_gflops\": %.2f, "
          "\"workloads\": {",
          i ? "," : "", l.library.c_str(), l.origin.c_str(), l.gemm_1024_gflops);
      const char* comma = "";
      for (const auto& [name, gflops] : l.workload_gflops) {
        std::printf("%s\"%s\": %.2f", comma, name.c_str(), gflops);
        comma = ", ";
      }
      std::printf("}}");
    }
    std::printf("\n  ],\n");
    std::printf("  \"registry_load_ms\": %.3f,\n", load_ms);
    std::printf("  \"plugin_call_ns\": %.2f,\n", plugin_call_ns(registry));
    std::printf("  \"host_plugins_ms\": %.3f,\n", limit_too ? host_plugins_ms(21) : 0.0);
    std::printf("  \"workloads\": [");
    const char* separator = "\n";
    for (const bench::Workload& w : chosen) {
      const bench::WorkloadResult r = bench::run_workload(w, registry, seconds);
      const double step = r.timing.median_s;
      std::printf(
          "%s    {\"name\": \"%s\", \"description\": \"%s\", \"batch\": %zu, "
          "\"threads\": %d, \"step_us\": %.4f, \"min_step_us\": %.4f, "
          "\"samples_per_s\": %.1f, \"gflops\": %.3f, \"steps\": %zu, "
          "\"allocations_per_step\": %.3f, \"final_loss\": %.6g}",
          separator, w.name.c_str(), w.description.c_str(), w.batch, w.threads, step * 1e6,
          r.timing.min_s * 1e6, double(w.batch) / step, bench::flops_per_step(w) / step * 1e-9,
          r.timing.steps, r.allocations_per_step, r.final_loss);
      separator = ",\n";
      std::fflush(stdout);
    }
    std::printf("\n  ]\n}\n");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "neuronlab_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
