// A sweep handed to Slurm (sweep_parts.hpp): a job-array script whose task I runs shard I/N,
// a merge script that joins the shards, and their submission with sbatch. neuronlab only
// writes what Slurm runs; the scheduling is Slurm's.
#include <neuronlab/io/atomic_file.hpp>
#include <neuronlab/io/files.hpp>

#include <iostream>

#include "run_folder.hpp"
#include "sweep_parts.hpp"

namespace neuronlab::host {
namespace {

namespace fs = std::filesystem;

// The command line of this program as a shell word list: each word in single quotes.
std::string quoted(const std::string& word) {
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs argv, returns its standard output; throws with its standard error when it fails.
std::string capture(const std::vector<std::string>& argv, const fs::path& scratch) {
  const fs::path out = scratch / "sbatch.out", err = scratch / "sbatch.err";
  const int status = io::wait_program(io::start_program(argv, out, err));
  const std::string said = io::read_file(out);
  fs::remove(out);
  if (status != 0) {
    const std::string why = last_line(err);
    throw Error(argv[0] + " failed" +
                (status == 127
                     ? std::string(": it is not installed or not on PATH (Slurm's sbatch)")
                     : ": " + why) +
                "\n  hint: --dry-run writes the scripts without submitting them");
  }
  fs::remove(err);
  return said;
}

}  // namespace

// A sweep for Slurm: the job-array script, the merge script, and their submission.
int submit_to_slurm(const GlobalOptions& global, const experiment::Sweep& sweep,
                    const SweepOptions& o, const std::vector<experiment::Override>& shared,
                    const std::string& name) {
  const std::size_t configurations = sweep.configurations();
  const std::size_t shards = o.slurm_shards ? std::min(o.slurm_shards, configurations)
                                            : std::min<std::size_t>(configurations, 1000);
  const fs::path out =
      fs::absolute(o.out.empty() ? default_run_folder("runs", name + "-sweep") : o.out)
          .lexically_normal();
  std::error_code ec;
  if (fs::is_directory(out, ec) && !fs::is_empty(out, ec) && !o.force)
    throw Error(out.string() +
                ": the output folder already holds files; give a new folder "
                "with --out, or --force to replace its sweep");
  fs::remove_all(out / "slurm", ec), fs::remove_all(out / "shards", ec);
  fs::create_directories(out / "slurm", ec);
  fs::create_directories(out / "shards", ec);
  if (ec) throw Error(out.string() + ": cannot make the output folder: " + ec.message());
  const std::string self = fs::read_symlink("/proc/self/exe").string();
  std::string program = quoted(self);
  for (const fs::path& d : global.plugin_dirs)
    program += " --plugin-dir " + quoted(fs::absolute(d).string());
  if (global.allow_outside_paths) program += " --allow-outside-paths";
  std::string sets;
  for (const auto& ov : shared) sets += " --set " + quoted(ov.path + "=" + ov.value);
  sets += " --seed " + std::to_string(sweep.seed);
  std::string options;
  for (const std::string& opt : o.slurm_options) options += "#SBATCH " + opt + "\n";

  const std::string n = std::to_string(shards);
  const std::string array =
      "#!/bin/sh\n"
      "# A neuronlab sweep on Slurm: array task I runs shard I/" +
      n + " of " + fs::absolute(o.file).string() + "\n#SBATCH --job-name=" + name +
      "-sweep\n#SBATCH --array=1-" + n +
      "\n#SBATCH --output=" + (out / "slurm" / "shard-%a.log").string() + "\n" + options + "exec " +
      program + " run " + quoted(fs::absolute(o.file).string()) + sets +
      " --shard \"$SLURM_ARRAY_TASK_ID/" + n + "\" --out \"" + (out / "shards").string() +
      "/$SLURM_ARRAY_TASK_ID\" --force --jobs \"${SLURM_CPUS_PER_TASK:-1}\" --quiet\n";
  std::string shard_dirs;
  for (std::size_t i = 1; i <= shards; ++i)
    shard_dirs += " " + quoted((out / "shards" / std::to_string(i)).string());
  const std::string merge =
      "#!/bin/sh\n# Joins the shards of the sweep once its array job has ended.\n"
      "#SBATCH --job-name=" +
      name + "-merge\n#SBATCH --output=" + (out / "slurm" / "merge.log").string() + "\n" + options +
      "exec " + program + " sweep-merge" + shard_dirs + " --out " + quoted(out.string()) +
      " --force\n";
  io::write_file_atomically(out / "slurm" / "sweep.sbatch", array, "the job-array script");
  io::write_file_atomically(out / "slurm" / "merge.sbatch", merge, "the merge script");
  std::cout << name << ": " << configurations * sweep.repeats << " runs (" << configurations
            << " configurations \u00d7 " << sweep.repeats << " repeats) in " << shards
            << " array tasks\nwrote " << (out / "slurm" / "sweep.sbatch").string() << " and "
            << (out / "slurm" / "merge.sbatch").string() << "\n";
  if (o.dry_run) {
    std::cout << "not submitted (--dry-run); to submit:\n  id=$(sbatch --parsable "
              << quoted((out / "slurm" / "sweep.sbatch").string())
              << ")\n  sbatch --dependency=afterany:$id "
              << quoted((out / "slurm" / "merge.sbatch").string()) << "\n";
    return 0;
  }
  auto job_id = [](std::string said) {
    said = said.substr(0, said.find_first_of(";\n"));
    return said;
  };
  const std::string array_id = job_id(
      capture({"sbatch", "--parsable", (out / "slurm" / "sweep.sbatch").string()}, out / "slurm"));
  const std::string merge_id =
      job_id(capture({"sbatch", "--parsable", "--dependency=afterany:" + array_id,
                      (out / "slurm" / "merge.sbatch").string()},
                     out / "slurm"));
  std::cout << "submitted the sweep as job " << array_id << " (" << shards
            << " array tasks) and its merge as job " << merge_id << ", which runs when they "
            << "have ended\nresults: " << out.string() << " (sweep.csv and index.html once job "
            << merge_id << " is done; 'squeue' shows them)\n";
  return 0;
}

}  // namespace neuronlab::host
