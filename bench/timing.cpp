// Median step times from blocks of steps, and memory readings.
//
// One step of W3 takes about a microsecond, close to what steady_clock itself costs, so
// steps are timed in blocks: the block length is calibrated to about block_s, and the
// per-step time of a block is its time over its length. The median over blocks ignores the
// blocks that another process on this shared machine interrupted.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "bench.hpp"

namespace bench {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::size_t status_kb(const char* field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  const std::size_t length = std::strlen(field);
  while (std::getline(status, line))
    if (line.compare(0, length, field) == 0) return std::stoul(line.substr(length + 1));
  return 0;
}

}  // namespace

Timing time_steps(const std::function<void()>& step, double budget_s, double block_s,
                  std::size_t min_blocks) {
  // Calibrate: double the block until it lasts block_s.
  std::size_t length = 1;
  for (;;) {
    const auto start = Clock::now();
    for (std::size_t i = 0; i < length; ++i) step();
    if (seconds_since(start) >= block_s || length >= (std::size_t{1} << 24)) break;
    length *= 2;
  }
  std::vector<double> per_step;
  const auto begin = Clock::now();
  while (per_step.size() < min_blocks || seconds_since(begin) < budget_s) {
    const auto start = Clock::now();
    for (std::size_t i = 0; i < length; ++i) step();
    per_step.push_back(seconds_since(start) / double(length));
  }
  Timing t;
  t.steps = per_step.size() * length;
  t.min_s = *std::min_element(per_step.begin(), per_step.end());
  std::nth_element(per_step.begin(), per_step.begin() + per_step.size() / 2, per_step.end());
  t.median_s = per_step[per_step.size() / 2];
  return t;
}

std::size_t resident_kb() { return status_kb("VmRSS:"); }
std::size_t peak_resident_kb() { return status_kb("VmHWM:"); }

}  // namespace bench
