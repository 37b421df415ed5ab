// Sweeps: one experiment file run over a grid of values, each configuration several times
// with different seeds.
//
//   sweep:                                  every combination of the values, in file order
//     optimizer.learning_rate: [0.001, 0.01]
//     network.layers.0.neurons: [8, 16]
//   repeats: 3                              seeds seed, seed + 1, seed + 2 (default 1)
//   sweep_metric: validation_accuracy       the best configuration by its mean (default: the
//                                           validation loss, or the test or train loss)
//
// A configuration is a list of --set overrides (experiment.hpp), and each run of it is an
// ordinary run with its own run folder. The sweep's table is computed from those folders'
// metrics alone, so that shards run apart and merged give the same table as one run.
#ifndef NEURONLAB_EXPERIMENT_SWEEP_HPP
#define NEURONLAB_EXPERIMENT_SWEEP_HPP

#include <neuronlab/experiment/experiment.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace neuronlab::experiment {

struct SweepAxis {
  std::string key;                  // "optimizer.learning_rate"
  std::vector<std::string> values;  // as YAML flow text: "0.001", "{name: adam}"
  std::string where;                // the key in the file
};

struct Sweep {
  std::vector<SweepAxis> axes;  // empty: not a sweep
  std::size_t repeats = 1;
  std::string metric;  // "validation_accuracy"; empty: the default
  std::string metric_where;
  std::uint64_t seed = 0;  // the file's seed: repeat r runs with seed + r
  std::size_t configurations() const;
};

// The sweep keys of an experiment file (none: axes empty). Throws neuronlab::Error with
// file:line:column for an empty list, a value that is not a list, repeats out of 1..1000, a
// sweep_metric that is not part_metric, or more than 10000 configurations.
Sweep read_sweep(const std::filesystem::path& file);
// The same from the file's text, read once by a caller that parses it again as an experiment.
Sweep parse_sweep(const std::string& text, const std::filesystem::path& file);

// One run of a sweep: configuration `configuration` (0-based, in grid order: the last axis
// changes fastest), repeat `repeat` (0-based).
struct SweepMember {
  std::size_t configuration = 0, repeat = 0;
  std::vector<Override> overrides;  // the configuration's values, then the seed
  std::string label;                // "optimizer.learning_rate=0.01, network.layers.0.neurons=8"
  std::string folder;               // "c003-r2": where its run folder goes in the sweep's
};
std::vector<SweepMember> sweep_members(const Sweep& sweep);

// The members of shard `index` of `count` (1-based): configurations index-1, index-1+count, ...
// with all their repeats. Throws neuronlab::Error unless 1 <= index <= count.
std::vector<SweepMember> shard(const std::vector<SweepMember>& members, std::size_t index,
                               std::size_t count);

// What one finished member left: its metrics.json and record.json, read back.
struct MemberResult {
  std::size_t configuration = 0, repeat = 0;
  std::string outcome;  // "completed", "diverged", ... or "failed" (no metrics)
  double seconds = 0;
  // "validation_accuracy" → value, for every final metric the run measured.
  std::vector<std::pair<std::string, double>> metrics;
};
// Reads `folder`'s metrics.json and record.json; outcome "failed" when they are missing.
MemberResult read_member(const std::filesystem::path& folder, std::size_t configuration,
                         std::size_t repeat);

struct ConfigurationSummary {
  std::size_t configuration = 0;
  std::vector<std::string> values;  // one per axis
  std::size_t runs = 0, completed = 0;
  // Per metric: the mean and the sample standard deviation (n − 1; 0 for one run) over the
  // completed runs.
  std::vector<std::string> metric_names;
  std::vector<double> mean, stddev;
  double mean_seconds = 0;
};
struct SweepSummary {
  std::vector<std::string> axes;
  std::vector<ConfigurationSummary> rows;
  std::string metric;  // what "best" is judged by
  bool maximize = false;
  std::optional<std::size_t> best;  // index into rows
};
// One row per configuration that has results (a shard's table has only its own).
SweepSummary summarize_sweep(const Sweep& sweep, const std::vector<MemberResult>& results);

// sweep.csv: configuration, the axes, runs, completed, mean and std of each metric, seconds.
// `with_time` false leaves the seconds out (a table that does not change between machines).
std::string sweep_csv(const SweepSummary& summary, bool with_time = true);
// The table for a terminal, the best configuration marked, at most `width` columns wide
// (columns that do not fit are left out and said so).
std::string sweep_table(const SweepSummary& summary, std::size_t width = 100);

}  // namespace neuronlab::experiment

#endif  // NEURONLAB_EXPERIMENT_SWEEP_HPP
