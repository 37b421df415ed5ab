// Which set of kernels this process runs (kernels.hpp): the one compiled into the engine, or in
// a portable build the highest x86-64 level this CPU runs, unless NEURONLAB_KERNELS names one.
#include "kernels.hpp"

#include <neuronlab/engine/kernels.hpp>
#include <neuronlab/error.hpp>

#include <cstdlib>
#include <cstring>

using neuronlab::engine::kernels::Table;

namespace neuronlab::engine {
namespace {

struct Candidate {
  const char* level;
  const Table* (*entry)();
  bool runs;  // this CPU has every instruction the level needs (and the OS saves their state)
};

// Lowest first; empty in a build with one set.
std::vector<Candidate> candidates() {
#ifdef NEURONLAB_KERNEL_LEVELS
  __builtin_cpu_init();
  return {{"x86-64", neuronlab_kernels_x86_64, true},
          {"x86-64-v3", neuronlab_kernels_x86_64_v3, __builtin_cpu_supports("x86-64-v3") != 0},
          {"x86-64-v4", neuronlab_kernels_x86_64_v4, __builtin_cpu_supports("x86-64-v4") != 0}};
#else
  return {};
#endif
}

#ifdef NEURONLAB_KERNEL_LEVELS
std::string names(const std::vector<Candidate>& levels, bool only_running) {
  std::string text;
  for (const Candidate& c : levels)
    if (c.runs || !only_running) text += (text.empty() ? "" : ", ") + std::string(c.level);
  return text;
}
#endif

struct Choice {
  const Table* table;
  bool by_environment;  // NEURONLAB_KERNELS chose it
};

Choice choose() {
  const char* set = std::getenv("NEURONLAB_KERNELS");
  const std::string wanted = set != nullptr ? set : "";
#ifndef NEURONLAB_KERNEL_LEVELS
  if (!wanted.empty())
    throw Error("NEURONLAB_KERNELS is set to '" + printable(wanted) +
                "', but this build holds one set of kernels, compiled for its machine; unset "
                "it, or configure with -DNEURONLAB_PORTABLE=ON for a choice of x86-64 levels");
  return {neuronlab_kernels_here(), false};
#else
  const std::vector<Candidate> levels = candidates();
  if (wanted.empty()) {
    for (auto c = levels.rbegin(); c != levels.rend(); ++c)
      if (c->runs) return {c->entry(), false};
  }
  for (const Candidate& c : levels) {
    if (wanted != c.level) continue;
    if (!c.runs)
      throw Error("NEURONLAB_KERNELS is set to '" + wanted +
                  "', which this CPU cannot run; it runs " + names(levels, true) +
                  " (or unset it for the best of them)");
    return {c.entry(), true};
  }
  std::vector<std::string> known;
  for (const Candidate& c : levels) known.push_back(c.level);
  throw Error("NEURONLAB_KERNELS is set to '" + printable(wanted) +
              "', which is no set of kernels" + did_you_mean(wanted, known) +
              "; this build holds " + names(levels, false) + " and this CPU runs " +
              names(levels, true));
#endif
}

const Choice& choice() {
  static const Choice chosen = choose();  // a throw leaves it to the next call to try again
  return chosen;
}

}  // namespace

const kernels::Table& kernels::active() { return *choice().table; }

std::string kernel_description() {
  const Choice& c = choice();
  const std::string instructions = c.table->instructions;
  if (std::strcmp(c.table->level, "native") == 0)
    return "built for this machine's CPU (" + instructions + ")";
  if (std::strcmp(c.table->level, "baseline") == 0)
    return "portable build for this architecture's baseline";
  return "portable build running its " + std::string(c.table->level) + " kernels (" + instructions +
         (c.by_environment ? ", set by NEURONLAB_KERNELS)" : ", the best this CPU runs)");
}

std::vector<KernelLevel> kernel_levels() {
  std::vector<KernelLevel> levels;
  for (const Candidate& c : candidates()) levels.push_back({c.level, c.runs});
  return levels;
}

}  // namespace neuronlab::engine
