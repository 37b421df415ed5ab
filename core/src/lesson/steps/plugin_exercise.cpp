// The plugin exercise step: the lesson hands out a plugin to finish — a C++ file with the part
// to write marked, and its CMakeLists.txt — in a folder of the work folder; the runner builds
// it with CMake against neuronlab's SDK (the build tree's package, or the installed one),
// loads it, compares it with the lesson's reference values and runs the conformance checks of
// `plugins --check`, saying what is wrong in the learner's terms: "your derivative at x = -2
// is 0; it should be 0.1111". Compiler errors are shown trimmed to the learner's file. An
// activation or an optimizer (plugin_reference.hpp: what each compares).
//   - plugin_exercise:
//       name: softsign                   the plugin to write; also the folder, the file
//                                        softsign.cpp and the library softsign.so
//       kind: activation                 or optimizer (then parameters: and start: too)
//       task: |                          what to do
//         ...
//       source: |                        the C++ file as handed out
//         ...
//       solution: |                      a C++ file that passes (used without a terminal)
//         ...
//       reference:                       values the plugin must give, within 1e-4
//         - {x: -2, f: -0.666667, df: 0.111111}
//       hints: [...]
#include <neuronlab/check.hpp>
#include <neuronlab/io/atomic_file.hpp>
#include <neuronlab/io/files.hpp>
#include <neuronlab/lesson/catalog.hpp>
#include <neuronlab/lesson/runner.hpp>

#include <cmath>
#include <cstdio>

#include "../hints.hpp"
#include "../plugin_reference.hpp"
#include "../step_kind.hpp"
#include "../text_layout.hpp"

namespace neuronlab::lesson {
namespace {

namespace fs = std::filesystem;

struct PluginExerciseStep : StepBody {
  std::string name, task, source, solution;
  std::shared_ptr<const PluginReference> reference;
  std::vector<std::string> hints;

  bool grade(const fs::path& folder, StepContext& context) const;
  bool run(StepContext& context) const override;
};

// Runs argv with standard output and error into `log`; the exit status (127: not started).
int run_program(const std::vector<std::string>& argv, const fs::path& log) {
  return io::wait_program(io::start_program(argv, log, log));
}

// The compiler's lines about the learner's file (and the caret lines under them), at most 20.
std::string trimmed_errors(const std::string& log, const std::string& file) {
  std::istringstream in(log);
  std::string out, line;
  std::size_t kept = 0;
  bool theirs = false;
  while (std::getline(in, line) && kept < 20) {
    const std::size_t at = line.find("/" + file + ":");
    if (at != std::string::npos) {
      const std::string said = line.substr(at + 1);  // "softsign.cpp:28:31: error: ..."
      theirs = said.find(": error:") != std::string::npos ||
               said.find(": warning:") != std::string::npos ||
               said.find(": note:") != std::string::npos || said.find(": In ") != std::string::npos;
      if (theirs) {
        out += "    " + said + "\n", ++kept;
        continue;
      }
    }
    if (theirs && !line.empty() && (line[0] == ' ' || line[0] == '|')) {
      out += "    " + line + "\n", ++kept;
    } else {
      theirs = false;
    }
  }
  return out;
}

bool PluginExerciseStep::grade(const fs::path& folder, StepContext& context) const {
  std::ostream& out = context.console.out;
  const std::string file = name + ".cpp";
  out << "building " << (folder / file).string() << " ...\n" << std::flush;
  const fs::path build = folder / "build", log = folder / "build.log";
  const std::string package = "-Dneuronlab_DIR=" + package_directory().string();
  if (run_program({"cmake", "-S", folder.string(), "-B", build.string(),
                   "-DCMAKE_BUILD_TYPE=Release", package},
                  log) != 0) {
    out << "  FAILED  CMake could not configure the build (its output: " << log.string() << ")\n";
    return false;
  }
  if (run_program({"cmake", "--build", build.string()}, log) != 0) {
    const std::string errors = trimmed_errors(io::read_file(log), file);
    out << "  FAILED  " << file << " does not compile:\n"
        << (errors.empty() ? "    (see " + log.string() + ")\n" : errors);
    return false;
  }
  // A fresh name for every attempt: a library loaded before is never mistaken for this one.
  static int attempt = 0;
  const fs::path built = build / (name + ".so");
  const fs::path copy = build / (name + "-attempt" + std::to_string(++attempt) + ".so");
  std::error_code ec;
  fs::copy_file(built, copy, fs::copy_options::overwrite_existing, ec);
  if (ec) {
    out << "  FAILED  the build made no " << built.filename().string() << "\n";
    return false;
  }
  // The reference values first (they speak the learner's terms), then the checks every
  // plugin must pass.
  bool all = true;
  {
    Registry registry;
    registry.load_library(copy);
    const Kind kind = reference->kind();
    if (!registry.find(kind, name)) {
      out << "  FAILED  the library has no " << kind_name(kind) << " named '" << name
          << "' (check the name in the class)\n";
      return false;
    }
    all = reference->compare(registry, name, out);
  }
  for (const neuronlab::CheckResult& r : check_library(copy)) {
    if (r.passed) continue;
    out << "  FAILED  " << r.subject << ": " << r.detail << "\n";
    all = false;
  }
  if (all)
    out << "  passed  it builds, gives all " << reference->size()
        << " reference values and passes the checks every plugin must pass\n";
  return all;
}

bool PluginExerciseStep::run(StepContext& context) const {
  Console& console = context.console;
  std::ostream& out = console.out;
  const fs::path folder = context.require_work_dir() / name;
  const std::string cmake = "cmake_minimum_required(VERSION 3.25)\nproject(" + name +
                            "_plugin LANGUAGES CXX)\nfind_package(neuronlab CONFIG REQUIRED)\n"
                            "neuronlab_add_plugin(" +
                            name + " NO_INSTALL " + name + ".cpp)\n";
  auto hand_out = [&](const fs::path& dir, const std::string& code) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw Error(dir.string() + ": cannot make the plugin's folder: " + ec.message());
    if (!fs::exists(dir / "CMakeLists.txt", ec))
      io::write_file_atomically(dir / "CMakeLists.txt", cmake, "the plugin's CMakeLists.txt");
    if (!fs::exists(dir / (name + ".cpp"), ec))
      io::write_file_atomically(dir / (name + ".cpp"), code, "the plugin's source");
  };
  hand_out(folder, source);
  out << layout_text(task, {console.style.width, console.style.colour})
      << "Your plugin: " << (folder / (name + ".cpp")).string() << "\n";
  ++context.checks;
  if (!console.asks) {
    const fs::path reference_folder = context.work_dir / (name + "-solution");
    std::error_code ec;
    fs::remove_all(reference_folder, ec);  // a stale solution build; hand_out says if it stays
    hand_out(reference_folder, solution);
    out << "(no terminal: building the reference solution, " << reference_folder.string() << ")\n";
    if (!grade(reference_folder, context)) ++context.failed;
    return true;
  }
  std::size_t hints_shown = 0;
  for (;;) {
    out << "[Enter: build and check your plugin, h: hint, s: show the solution, q: quit] "
        << std::flush;
    std::string line;
    if (!console.read_line(line) || line == "q" || line == "Q") {
      --context.checks;
      return false;
    }
    if (detail::asks_for_hint(line)) {
      detail::show_next_hint(hints, hints_shown, console, context.score, "exercise");
    } else if (line == "s" || line == "S") {
      out << "A solution:\n" << solution;
    } else if (grade(folder, context)) {
      out << "Exercise done.\n";
      return true;
    }
  }
}

}  // namespace

namespace detail {
namespace {

std::shared_ptr<const StepBody> read(const StepReader& reader, const YAML::Node& step) {
  const yaml::YamlReader& in = reader.in;
  const YAML::Node node = step["plugin_exercise"];
  in.expect_map(node, "plugin_exercise");
  in.check_keys(
      node, "plugin_exercise",
      {"name", "kind", "task", "source", "solution", "reference", "parameters", "start", "hints"});
  auto made = std::make_shared<PluginExerciseStep>();
  PluginExerciseStep& x = *made;
  const YAML::Node name = in.require(node, "name", "plugin_exercise", "the plugin's name");
  x.name = in.text(name, "plugin_exercise.name");
  const bool plain =
      !x.name.empty() && x.name.size() <= 64 &&
      x.name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos &&
      !std::isdigit(static_cast<unsigned char>(x.name[0]));
  if (!plain)
    in.fail(name, "plugin_exercise.name: lower-case letters, digits and _, as plugin names are");
  x.task = text_block(in, in.require(node, "task", "plugin_exercise", "what to do"), "task");
  x.source =
      text_block(in, in.require(node, "source", "plugin_exercise", "the C++ file handed out"),
                 "source") +
      "\n";
  x.solution =
      text_block(in, in.require(node, "solution", "plugin_exercise", "a C++ file that passes"),
                 "solution") +
      "\n";
  Kind kind = Kind::activation;
  if (const YAML::Node k = node["kind"]) {
    const std::string said = in.text(k, "plugin_exercise.kind");
    if (said == "optimizer")
      kind = Kind::optimizer;
    else if (said != "activation")
      in.fail(k, "plugin_exercise.kind: '" + said +
                     "' is not a kind a plugin exercise grades; it is activation or optimizer");
  }
  x.reference = read_plugin_reference(in, node, kind);
  if (node["hints"]) x.hints = in.text_list(node["hints"], "plugin_exercise.hints");
  return made;
}

}  // namespace

const StepKind& plugin_exercise_step_kind() {
  static const StepKind kind{"plugin_exercise",
                             {},
                             "give name:, task:, source:, solution: and reference: below it",
                             &read};
  return kind;
}

}  // namespace detail
}  // namespace neuronlab::lesson
