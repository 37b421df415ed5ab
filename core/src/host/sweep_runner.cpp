// Running a sweep and merging its shards (sweep_runner.hpp).
#include "sweep_runner.hpp"

#include <neuronlab/data/dataset.hpp>
#include <neuronlab/experiment/experiment.hpp>
#include <neuronlab/experiment/report.hpp>
#include <neuronlab/io/atomic_file.hpp>
#include <neuronlab/io/files.hpp>
#include <neuronlab/picture/pictures.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "run_folder.hpp"

namespace neuronlab::host {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

volatile std::sig_atomic_t stop_requested = 0;
extern "C" void on_sweep_interrupt(int) { stop_requested = 1; }

// FNV-1a, 64 bits: the same text gives the same number on every machine and in every build.
std::string fingerprint(const std::string& text) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  char out[20];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
  return out;
}

// What makes two folders parts of the same sweep: the file's text, the user's --set options,
// the grid, the repeats, the seed and the metric.
Json identity(const SweepOptions& o, const experiment::Sweep& s) {
  Json axes = Json::array();
  for (const auto& a : s.axes) axes.push_back({{"key", a.key}, {"values", a.values}});
  Json sets = Json::array();
  for (const auto& ov : o.overrides) sets.push_back(ov.path + "=" + ov.value);
  return {{"file_fingerprint", fingerprint(io::read_file(o.file))},
          {"set", sets},
          {"axes", axes},
          {"repeats", s.repeats},
          {"seed", s.seed},
          {"metric", s.metric}};
}

experiment::Sweep sweep_of(const Json& id) {
  experiment::Sweep s;
  for (const Json& a : id.at("axes"))
    s.axes.push_back({a.at("key").get<std::string>(),
                      a.at("values").get<std::vector<std::string>>(), std::string()});
  s.repeats = id.at("repeats").get<std::size_t>();
  s.seed = id.at("seed").get<std::uint64_t>();
  s.metric = id.at("metric").get<std::string>();
  return s;
}

// The last line a failed run wrote: what went wrong, as the run said it.
std::string last_line(const fs::path& log) {
  std::istringstream in(io::read_file(log));
  std::string line, last;
  while (std::getline(in, line))
    if (!line.empty()) last = line;
  return last;
}

void prepare_sweep_folder(const fs::path& dir, bool force) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    throw Error(dir.string() +
                ": the output folder exists and is not a folder; give another --out");
  if (fs::is_directory(dir, ec) && !fs::is_empty(dir, ec)) {
    if (!force)
      throw Error(dir.string() + ": the output folder already holds " +
                  (fs::exists(dir / "sweep.json", ec) ? "another sweep" : "files") +
                  "; give a new folder with --out, or --force to replace its sweep");
    for (const char* f : {"sweep.json", "sweep.csv", "curves.svg", "index.html"})
      fs::remove(dir / f, ec);
    fs::remove_all(dir / "runs", ec);
    fs::remove_all(dir / "logs", ec);
  }
  fs::create_directories(dir / "runs", ec);
  if (!ec) fs::create_directories(dir / "logs", ec);
  if (ec) throw Error(dir.string() + ": cannot make the output folder: " + ec.message());
}

// The table, sweep.csv, the overlaid curves and index.html of these members' results.
void write_summary(const fs::path& out, const std::string& name, const std::string& file,
                   const experiment::Sweep& sweep,
                   const std::vector<experiment::SweepMember>& members,
                   const std::vector<fs::path>& folders, bool quiet) {
  std::vector<experiment::MemberResult> results;
  std::vector<picture::CurveRun> curves;
  std::vector<std::pair<std::string, std::string>> links;
  for (std::size_t i = 0; i < members.size(); ++i) {
    results.push_back(
        experiment::read_member(folders[i], members[i].configuration, members[i].repeat));
    std::error_code ec;
    if (fs::exists(folders[i] / "index.html", ec))
      links.emplace_back(fs::relative(folders[i] / "index.html", out, ec).string(),
                         members[i].folder + ": " + members[i].label);
    if (members[i].repeat == 0 && fs::exists(folders[i] / "record.json", ec)) {
      picture::CurveRun run = picture::read_curve_run(folders[i] / "record.json");
      run.label = std::to_string(members[i].configuration + 1) + ": " + members[i].label;
      if (!run.history.empty()) curves.push_back(std::move(run));
    }
  }
  const experiment::SweepSummary summary = experiment::summarize_sweep(sweep, results);
  io::write_file_atomically(out / "sweep.csv", experiment::sweep_csv(summary), "the sweep table");
  std::string svg;
  if (!curves.empty()) {
    svg = picture::curves_svg(curves, name + ": learning curves");
    io::write_file_atomically(out / "curves.svg", svg, "the curves");
  }
  picture::SweepPage page{name, file, sweep.repeats, &summary, svg, links};
  io::write_file_atomically(out / "index.html", picture::sweep_report(page), "the sweep's page");
  if (!quiet) std::cout << "\n";
  std::cout << experiment::sweep_table(summary, picture::terminal_style(STDOUT_FILENO).width)
            << "sweep folder: " << out.string() << " (sweep.json, sweep.csv, "
            << (svg.empty() ? "" : "curves.svg, ") << "index.html"
            << (fs::exists(out / "runs") ? ", runs/, logs/" : "") << ")\n";
}

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

}  // namespace

int run_sweep(const GlobalOptions& global, experiment::Sweep sweep, const SweepOptions& o) {
  // The user's seed is the first repeat's; the others count up from it.
  std::vector<experiment::Override> shared;
  for (const experiment::Override& ov : o.overrides) {
    if (ov.path == "seed") {
      if (const auto v = data::parse_number(ov.value); v && *v >= 0 && *v <= 2147483647)
        sweep.seed = static_cast<std::uint64_t>(*v);
      else
        throw Error(ov.option + ": the seed is an integer from 0 to 2147483647");
    } else {
      shared.push_back(ov);
    }
  }
  SweepOptions options = o;
  options.overrides = shared;
  const std::vector<experiment::SweepMember> all = experiment::sweep_members(sweep);
  const std::vector<experiment::SweepMember> members =
      experiment::shard(all, o.shard_index, o.shard_count);

  // Every run is read and bound now, so that a mistake in any configuration stops the sweep
  // before anything is written.
  const Registry registry = load_registry(global);
  std::string name = "sweep";
  for (const experiment::SweepMember& m : members) {
    std::vector<experiment::Override> overrides = shared;
    overrides.insert(overrides.end(), m.overrides.begin(), m.overrides.end());
    const experiment::Experiment e = experiment::read_experiment(o.file, overrides);
    experiment::bind(e, registry);
    name = e.name;
  }
  if (o.slurm) return submit_to_slurm(global, sweep, o, shared, name);
  const fs::path out = o.out.empty() ? default_run_folder("runs", name + "-sweep") : o.out;
  prepare_sweep_folder(out, o.force);
  Json manifest = {{"format_version", 1},
                   {"kind", "sweep"},
                   {"name", name},
                   {"file", fs::absolute(o.file).lexically_normal().string()},
                   {"sweep", identity(options, sweep)},
                   {"shard", {{"index", o.shard_index}, {"count", o.shard_count}}},
                   {"configurations", sweep.configurations()}};
  Json listed = Json::array();
  for (const auto& m : members)
    listed.push_back({{"folder", m.folder},
                      {"configuration", m.configuration + 1},
                      {"repeat", m.repeat + 1},
                      {"label", m.label}});
  manifest["members"] = listed;
  io::write_file_atomically(out / "sweep.json", manifest.dump(2) + "\n", "the sweep's manifest");

  const std::size_t jobs = std::max<std::size_t>(1, o.jobs);
  std::cout << name << ": " << members.size() << " runs (" << members.size() / sweep.repeats
            << " configurations × " << sweep.repeats << " repeats"
            << (o.shard_count > 1 ? ", shard " + std::to_string(o.shard_index) + "/" +
                                        std::to_string(o.shard_count)
                                  : std::string())
            << "), " << jobs << " at a time\n"
            << std::flush;

  const std::string self = fs::read_symlink("/proc/self/exe").string();
  const bool bar = !o.quiet && isatty(STDOUT_FILENO);
  stop_requested = 0;
  const auto previous = std::signal(SIGINT, on_sweep_interrupt);
  std::map<pid_t, std::size_t> running;
  std::size_t next = 0, finished = 0, failed = 0;
  std::vector<fs::path> folders;
  for (const auto& m : members) folders.push_back(out / "runs" / m.folder);
  const auto started = std::chrono::steady_clock::now();
  auto start = [&](std::size_t i) {
    const experiment::SweepMember& m = members[i];
    std::vector<std::string> args{self};
    for (const fs::path& d : global.plugin_dirs)
      args.insert(args.end(), {"--plugin-dir", d.string()});
    args.insert(args.end(), {"run", o.file.string()});
    for (const auto& ov : shared) args.insert(args.end(), {"--set", ov.path + "=" + ov.value});
    for (const auto& ov : m.overrides) args.insert(args.end(), {"--set", ov.path + "=" + ov.value});
    args.insert(args.end(), {"--out", folders[i].string(), "--quiet", "--sweep-member"});
    const fs::path log = out / "logs" / (m.folder + ".log");
    const pid_t pid = io::start_program(args, log, log);
    running[pid] = i;
  };
  auto draw_bar = [&] {
    if (!bar) return;
    const std::size_t width = 30,
                      filled = members.empty() ? width : width * finished / members.size();
    std::cout << "\r\033[K[" << std::string(filled, '#') << std::string(width - filled, '.') << "] "
              << finished << "/" << members.size() << " runs, " << running.size() << " running"
              << std::flush;
  };
  while (finished < members.size()) {
    while (!stop_requested && running.size() < jobs && next < members.size()) start(next++);
    draw_bar();
    if (running.empty()) break;  // interrupted: nothing left running
    int status = 0;
    const pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR) continue;
      break;
    }
    const auto it = running.find(pid);
    if (it == running.end()) continue;
    const std::size_t i = it->second;
    running.erase(it);
    ++finished;
    const experiment::SweepMember& m = members[i];
    const experiment::MemberResult r =
        experiment::read_member(folders[i], m.configuration, m.repeat);
    std::string said;
    const bool ran = WIFEXITED(status) && WEXITSTATUS(status) <= 1 && r.outcome != "failed";
    if (!ran) {
      ++failed;
      const fs::path log = out / "logs" / (m.folder + ".log");
      said = "FAILED (" +
             (WIFSIGNALED(status) ? "killed by signal " + std::to_string(WTERMSIG(status))
                                  : "exit status " + std::to_string(WEXITSTATUS(status))) +
             "): " + last_line(log) + "  (log: " + log.string() + ")";
    } else {
      said = r.outcome;
      for (const auto& [metric, value] : r.metrics)
        if (metric.rfind("validation_", 0) == 0 || metric.rfind("test_", 0) == 0)
          said += "  " + metric + " " + experiment::format_metric(value);
      char seconds[32];
      std::snprintf(seconds, sizeof seconds, "  %.2f s", r.seconds);
      said += seconds;
    }
    if (bar) std::cout << "\r\033[K";
    if (!o.quiet || !ran)
      std::cout << "[" << finished << "/" << members.size() << "] " << m.folder << "  " << m.label
                << ": " << said << "\n"
                << std::flush;
  }
  if (bar) std::cout << "\r\033[K" << std::flush;
  std::signal(SIGINT, previous);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::vector<experiment::SweepMember> done;
  std::vector<fs::path> done_folders;
  for (std::size_t i = 0; i < next; ++i)
    done.push_back(members[i]), done_folders.push_back(folders[i]);
  write_summary(out, name, o.file.string(), sweep, done, done_folders, o.quiet);
  char took[64];
  std::snprintf(took, sizeof took, "%.1f s", seconds);
  std::cout << finished << " of " << members.size() << " runs finished in " << took
            << (failed ? ", " + std::to_string(failed) + " failed" : std::string()) << "\n";
  if (stop_requested) return 130;
  return failed ? 1 : 0;
}

int sweep_merge_command(const GlobalOptions& global_in, const std::vector<std::string>& args) {
  namespace po = boost::program_options;
  GlobalOptions global = global_in;
  CommandLine line;
  line.usage = "neuronlab sweep-merge DIR... --out DIR [--force]";
  line.description =
      "Joins the folders of a sweep's shards (neuronlab run SWEEP.yaml --shard i/N --out DIR)\n"
      "into one table, as one run of the whole sweep would make it: sweep.csv, the table,\n"
      "the overlaid curves and index.html in the --out folder, which links to the runs\n"
      "where they are. The folders must hold shards of the same sweep (the same file, --set\n"
      "options, grid, repeats and seed).\n\n"
      "Exit status: 0; 1 when a run of the sweep is missing from every folder; 2 for a\n"
      "mistake (folders of different sweeps, a folder that is not a sweep's).";
  line.options.add_options()  //
      ("dirs", po::value<std::vector<std::string>>()->value_name("DIR")->composing(),
       "the shards' folders")                                                              //
      ("out", po::value<std::string>()->value_name("DIR"), "where the merged table goes")  //
      ("force", po::bool_switch(), "replace what the --out folder holds");
  line.positional.add("dirs", -1);
  po::variables_map vm;
  if (!parse_command(line, args, global, vm)) return 0;
  if (!vm.count("dirs")) throw UsageError("give the shards' folders: neuronlab sweep-merge DIR...");
  if (!vm.count("out")) throw UsageError("give the folder for the merged table: --out DIR");
  const std::vector<std::string> dirs = vm["dirs"].as<std::vector<std::string>>();
  Json first;
  std::string first_dir;
  std::map<std::string, fs::path> found;  // member folder → where it is
  for (const std::string& dir : dirs) {
    const fs::path file = fs::path(dir) / "sweep.json";
    std::error_code ec;
    if (!fs::exists(file, ec))
      throw Error(dir +
                  ": not a sweep's folder (it has no sweep.json); give the folders that "
                  "'neuronlab run SWEEP.yaml --shard i/N --out DIR' made");
    Json m;
    try {
      m = Json::parse(io::read_file(file));
      (void)sweep_of(m.at("sweep"));
    } catch (const std::exception& e) {
      throw Error(file.string() + ": not a sweep's manifest (" + e.what() + ")");
    }
    if (first.is_null()) {
      first = m, first_dir = dir;
    } else if (m.at("sweep") != first.at("sweep")) {
      std::string what;
      for (const char* key : {"file_fingerprint", "set", "axes", "repeats", "seed", "metric"})
        if (m["sweep"][key] != first["sweep"][key])
          what += (what.empty() ? "" : ", ") +
                  std::string(std::string(key) == "file_fingerprint" ? "the file's text" : key);
      throw Error(dir + " holds another sweep than " + first_dir + " (" + what +
                  " differ); merge only the shards of one sweep");
    }
    for (const Json& member : m.at("members"))
      found.emplace(member.at("folder").get<std::string>(),
                    fs::path(dir) / "runs" / member.at("folder").get<std::string>());
  }
  const experiment::Sweep sweep = sweep_of(first.at("sweep"));
  const std::vector<experiment::SweepMember> all = experiment::sweep_members(sweep);
  std::vector<experiment::SweepMember> members;
  std::vector<fs::path> folders;
  std::size_t missing = 0;
  for (const auto& m : all) {
    const auto it = found.find(m.folder);
    if (it == found.end()) {
      ++missing;
      continue;
    }
    members.push_back(m), folders.push_back(fs::absolute(it->second));
  }
  const fs::path out = vm["out"].as<std::string>();
  std::error_code ec;
  if (fs::is_directory(out, ec) && !fs::is_empty(out, ec) && !vm["force"].as<bool>())
    throw Error(out.string() +
                ": the output folder already holds files; give a new folder "
                "with --out, or --force to replace its table");
  fs::create_directories(out, ec);
  if (ec) throw Error(out.string() + ": cannot make the output folder: " + ec.message());
  Json manifest = first;
  manifest["shard"] = nullptr;
  Json listed = Json::array();
  for (std::size_t i = 0; i < members.size(); ++i)
    listed.push_back({{"folder", members[i].folder},
                      {"configuration", members[i].configuration + 1},
                      {"repeat", members[i].repeat + 1},
                      {"label", members[i].label},
                      {"path", folders[i].string()}});
  manifest["members"] = listed;
  manifest["merged_from"] = dirs;
  io::write_file_atomically(out / "sweep.json", manifest.dump(2) + "\n", "the sweep's manifest");
  write_summary(out, first.value("name", "sweep"), first.value("file", ""), sweep, members, folders,
                false);
  if (missing) {
    std::cerr << "neuronlab: warning: " << missing << " of " << all.size()
              << " runs of the sweep are in none of the folders; the table has the others\n";
    return 1;
  }
  return 0;
}

}  // namespace neuronlab::host
