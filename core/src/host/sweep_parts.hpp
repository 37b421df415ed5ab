// What the three parts of a sweep share: running it here (sweep_runner.cpp), handing it to
// Slurm (slurm_submit.cpp) and joining its shards (sweep_merge.cpp).
#ifndef NEURONLAB_HOST_SWEEP_PARTS_HPP
#define NEURONLAB_HOST_SWEEP_PARTS_HPP

#include <neuronlab/experiment/sweep.hpp>

#include <nlohmann/json_fwd.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "sweep_runner.hpp"

namespace neuronlab::host {

// The sweep a manifest's "sweep" identity describes: its grid, repeats, seed and metric.
experiment::Sweep sweep_of(const nlohmann::json& id);

// The last line a program wrote to `log`: what went wrong, as it said it.
std::string last_line(const std::filesystem::path& log);

// The table (printed), sweep.csv, the overlaid curves and index.html of these members'
// results, into `out`.
void write_summary(const std::filesystem::path& out, const std::string& name,
                   const std::string& file, const experiment::Sweep& sweep,
                   const std::vector<experiment::SweepMember>& members,
                   const std::vector<std::filesystem::path>& folders, bool quiet);

// Writes the job-array and merge scripts into the sweep's folder and submits them with sbatch
// (options.dry_run: writes only); `shared` are the user's --set options, without the seed.
int submit_to_slurm(const GlobalOptions& global, const experiment::Sweep& sweep,
                    const SweepOptions& options, const std::vector<experiment::Override>& shared,
                    const std::string& name);

}  // namespace neuronlab::host

#endif  // NEURONLAB_HOST_SWEEP_PARTS_HPP
