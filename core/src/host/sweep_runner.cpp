// Running a sweep here: its runs as child processes, up to --jobs at a time, and its table
// (sweep_runner.hpp).
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
#include <iostream>
#include <map>
#include <sstream>

#include <sys/wait.h>
#include <unistd.h>

#include "run_folder.hpp"
#include "sweep_parts.hpp"

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

}  // namespace

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
    if (global.allow_outside_paths) args.push_back("--allow-outside-paths");
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

}  // namespace neuronlab::host
