// Running a sweep (neuronlab run on a file with sweep:) and joining shards (neuronlab
// sweep-merge). Each run of a sweep is `neuronlab run` itself, started as a child process
// with the configuration's --set options and its own run folder, up to --jobs at a time; the
// sweep's table is made from the runs' folders (experiment/sweep.hpp).
#ifndef NEURONLAB_HOST_SWEEP_RUNNER_HPP
#define NEURONLAB_HOST_SWEEP_RUNNER_HPP

#include <neuronlab/experiment/sweep.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "cli.hpp"

namespace neuronlab::host {

struct SweepOptions {
  std::filesystem::path file;
  std::vector<experiment::Override> overrides;  // the user's --set options, for every run
  std::filesystem::path out;                    // empty: runs/<name>-sweep-<time>
  bool force = false;
  std::size_t jobs = 1;
  std::size_t shard_index = 1, shard_count = 1;
  bool quiet = false;
  // --slurm: write a job-array script (one task per shard) and a merge job that depends on
  // it, and submit both with sbatch (unless dry_run), instead of running here.
  bool slurm = false, dry_run = false;
  std::vector<std::string> slurm_options;  // #SBATCH lines: "--partition=debug"
  std::size_t slurm_shards = 0;            // 0: one per configuration, at most 1000
};

// Exit status: 0 when every run ran (its own outcome, diverged included, is in the table), 1
// when a run failed to run (an error, a crash), 130 when interrupted.
int run_sweep(const GlobalOptions& global, experiment::Sweep sweep, const SweepOptions& options);

}  // namespace neuronlab::host

#endif  // NEURONLAB_HOST_SWEEP_RUNNER_HPP
