// The exercise step: the lesson hands out a file in the learner's work folder, the learner
// edits it, and the runner grades it with the step's conditions — saying which condition
// failed and by how much — until it passes. Two kinds of file:
//   network      `inputs: N` and a `network:` with written weights: graded as it is (a neuron
//                that must compute AND, a network that must solve XOR)
//   experiment   an experiment file: trained, then graded on its final metrics and outputs
//                (an experiment that must reach a target)
//   - exercise:
//       file: and-neuron.yaml            a file name; it goes into the work folder
//       kind: network                    network | experiment
//       task: |                          what to do, shown with the file's path
//         Set the weights and the bias so that the neuron computes AND.
//       handout: |                       the file as handed out
//         inputs: 2
//         network: {layers: [{neurons: 1, activation: step, weights: [[0, 0]], bias: [0]}]}
//       solution: |                      a file that passes (used without a terminal)
//         ...
//       checks:                          conditions as check steps write them
//         - {output: [1, 1], at_least: 0.5}
//         - {output: [0, 1], at_most: 0.5}
//       hints: [...]                     shown one at a time with h
// A file the learner already has is kept, never overwritten. On a terminal the runner waits
// for Enter to check the file again; with `learn --watch` it checks it every time it is saved.
// Without a terminal it grades the reference solution, written beside the file as
// NAME.solution.EXT, so the lesson runs through.
#include <neuronlab/experiment/run.hpp>
#include <neuronlab/io/atomic_file.hpp>
#include <neuronlab/io/files.hpp>
#include <neuronlab/lesson/runner.hpp>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include <poll.h>
#include <sys/stat.h>

#include "../../experiment/experiment_parts.hpp"
#include "../condition.hpp"
#include "../hints.hpp"
#include "../step_kind.hpp"
#include "../text_layout.hpp"

namespace neuronlab::lesson {
namespace {

namespace fs = std::filesystem;

struct ExerciseStep : StepBody {
  std::string file, kind, task, handout, solution, where;
  std::vector<detail::Condition> checks;
  std::vector<std::string> hints;

  // Grades the file: one line per condition, true when all pass. A mistake in the file
  // itself (YAML, an unknown plugin) is a failed attempt, shown with its place.
  bool grade(const fs::path& path, StepContext& context) const;
  bool run(StepContext& context) const override;
};

// A stamp of the file's last change, to notice a save: its modification time in nanoseconds
// plus its size (a save within the clock's resolution still changes the size, mostly); 0
// when the file is missing.
long long changed_at(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return 0;
  return static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec +
         static_cast<long long>(st.st_size);
}

bool ExerciseStep::grade(const fs::path& path, StepContext& context) const {
  std::ostream& out = context.console.out;
  out << "checking " << path.filename().string() << ":\n";
  std::vector<detail::Verdict> verdicts;
  try {
    if (kind == "network") {
      const yaml::YamlReader in(path.string());
      const YAML::Node root = YAML::Load(in.read(path));
      in.expect_map(root, "the exercise file");
      in.check_keys(root, "the exercise file", {"inputs", "network"});
      experiment::Experiment e;
      experiment::detail::read_network(
          in, in.require(root, "network", "the exercise file", "the network's layers"), e);
      e.network.inputs = std::size_t(in.integer(
          in.require(root, "inputs", "the exercise file", "how many inputs, for example 2"),
          "inputs", 1, 100000));
      engine::Network network(e.network, context.registry, 0);
      for (const detail::Condition& c : checks)
        verdicts.push_back(detail::judge(c, nullptr, &network, nullptr));
    } else {
      const experiment::Experiment e = experiment::read_experiment(path);
      experiment::RunResult r = experiment::run_experiment(e, context.registry);
      if (r.record.outcome == experiment::Outcome::diverged)
        throw Error(r.record.divergence->message);
      for (const detail::Condition& c : checks)
        verdicts.push_back(detail::judge(c, &r.record, &*r.network,
                                         r.bound.normalizer ? &*r.bound.normalizer : nullptr));
    }
  } catch (const YAML::Exception& e) {
    out << "  your file is not valid YAML: " << path.string() << ":" << e.mark.line + 1 << ":"
        << e.mark.column + 1 << ": " << e.msg << "\n";
    return false;
  } catch (const Error& e) {
    out << "  your file has a mistake: " << e.what() << "\n";
    return false;
  }
  bool all = true;
  for (const detail::Verdict& v : verdicts) {
    out << "  " << v.line << "\n";
    all = all && v.passed;
  }
  return all;
}

bool ExerciseStep::run(StepContext& context) const {
  Console& console = context.console;
  std::ostream& out = console.out;
  const fs::path path = context.require_work_dir() / file;
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    io::write_file_atomically(path, handout, "the exercise file");
  } else if (io::read_file(path) != handout) {
    out << "(your " << file << " from before is kept; delete it to get the original back)\n";
  }
  out << layout_text(task, {console.style.width, console.style.colour})
      << "Your file: " << path.string() << "\n";
  ++context.checks;
  if (!console.asks) {
    const fs::path reference = context.work_dir / (fs::path(file).stem().string() + ".solution" +
                                                   fs::path(file).extension().string());
    io::write_file_atomically(reference, solution, "the reference solution");
    out << "(no terminal: grading the reference solution, " << reference.string() << ")\n";
    if (!grade(reference, context)) ++context.failed;
    return true;
  }
  std::size_t hints_shown = 0;
  const bool watch = console.watch_fd >= 0;
  bool check_now = watch;  // watching: check at once, then at every save
  long long seen = changed_at(path);
  for (;;) {
    if (check_now && grade(path, context)) {
      out << "Exercise done.\n";
      return true;
    }
    check_now = false;
    out << (watch ? "[watching " + file +
                        ": save it to check it again; h: hint, s: solution, "
                        "q: quit] "
                  : "[Enter: check your file, h: hint, s: show the solution, q: quit] ")
        << std::flush;
    std::string line;
    if (watch) {
      // Wait for a line or a save, whichever comes first.
      pollfd p{console.watch_fd, POLLIN, 0};
      bool typed = false;
      for (;;) {
        if (console.in.rdbuf()->in_avail() > 0 || ::poll(&p, 1, 250) > 0) {
          typed = true;
          break;
        }
        const long long now = changed_at(path);
        if (now != seen) {
          seen = now;
          std::this_thread::sleep_for(std::chrono::milliseconds(50));  // let the save finish
          break;
        }
      }
      out << "\n";
      if (!typed) {
        check_now = true;
        continue;
      }
    }
    if (!console.read_line(line) || line == "q" || line == "Q") {
      --context.checks;  // not attempted to the end: the lesson is not finished either
      return false;
    }
    if (detail::asks_for_hint(line)) {
      detail::show_next_hint(hints, hints_shown, console, context.score, "exercise");
    } else if (line == "s" || line == "S") {
      out << "A solution:\n" << solution;
    } else {
      check_now = true;
    }
  }
}

}  // namespace

namespace detail {
namespace {

std::shared_ptr<const StepBody> read(const StepReader& reader, const YAML::Node& step) {
  const yaml::YamlReader& in = reader.in;
  const YAML::Node node = step["exercise"];
  in.expect_map(node, "exercise");
  in.check_keys(node, "exercise",
                {"file", "kind", "task", "handout", "solution", "checks", "hints"});
  auto made = std::make_shared<ExerciseStep>();
  ExerciseStep& x = *made;
  x.where = in.where(node);
  const YAML::Node file = in.require(node, "file", "exercise", "the file name to hand out");
  x.file = in.text(file, "exercise.file");
  const fs::path name(x.file);
  if (name.has_parent_path() || name.is_absolute() || x.file.empty() || x.file[0] == '.')
    in.fail(file,
            "exercise.file: a plain file name, without a folder: the file goes into the "
            "learner's work folder");
  const YAML::Node kind = in.require(node, "kind", "exercise", "network or experiment");
  x.kind = in.text(kind, "exercise.kind");
  if (x.kind != "network" && x.kind != "experiment")
    in.fail(kind, "exercise.kind '" + x.kind + "'" +
                      did_you_mean(x.kind, {"network", "experiment"}) +
                      "; an exercise hands out a network or an experiment file");
  x.task =
      text_block(in, in.require(node, "task", "exercise", "what the learner is to do"), "task");
  x.handout =
      text_block(in, in.require(node, "handout", "exercise", "the file as handed out"), "handout") +
      "\n";
  x.solution =
      text_block(in, in.require(node, "solution", "exercise", "a file that passes"), "solution") +
      "\n";
  const YAML::Node checks =
      in.require(node, "checks", "exercise", "the conditions the file must meet, as a list");
  if (!checks.IsSequence() || checks.size() == 0)
    in.fail(checks, "exercise.checks must be a list of at least one condition");
  for (const YAML::Node& c : checks) {
    x.checks.push_back(read_condition(in, c, "exercise check"));
    if (x.kind == "network" && !x.checks.back().metric.empty())
      in.fail(c, "a network exercise is not trained: check its output:, not a metric");
  }
  if (node["hints"]) x.hints = in.text_list(node["hints"], "exercise.hints");
  return made;
}

}  // namespace

const StepKind& exercise_step_kind() {
  static const StepKind kind{
      "exercise", {}, "give file:, kind:, task:, handout:, solution: and checks: below it", &read};
  return kind;
}

}  // namespace detail
}  // namespace neuronlab::lesson
