// neuronlab run: trains the network an experiment file describes, reports progress and the
// final metrics, and checks the file's expect: conditions. The pipeline fills a run record;
// this command shows it as text (TerminalReport) and, with --json, as one JSON document.
#include <neuronlab/data/dataset.hpp>
#include <neuronlab/experiment/experiment.hpp>
#include <neuronlab/experiment/record.hpp>
#include <neuronlab/experiment/report.hpp>
#include <neuronlab/experiment/run.hpp>
#include <neuronlab/io/atomic_file.hpp>
#include <neuronlab/picture/pictures.hpp>

#include <cmath>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include <unistd.h>

#include "../yaml/yaml_reader.hpp"
#include "cli.hpp"
#include "run_folder.hpp"
#include "sweep_runner.hpp"

namespace po = boost::program_options;

namespace neuronlab::host {
namespace {

volatile std::sig_atomic_t interrupted = 0;

// The first Ctrl-C asks training to stop after its current batch; the second one ends the
// program at once (the default action is back).
extern "C" void on_interrupt(int) {
  interrupted = 1;
  std::signal(SIGINT, SIG_DFL);
}

// Refuses, before training, an output path that cannot be written: its folder missing or
// read-only, or something there that is not a regular file.
void require_writable(const std::filesystem::path& target, const std::string& action) {
  const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : ".";
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec) || access(dir.c_str(), W_OK) != 0)
    throw Error(target.string() + ": cannot " + action + " there: the directory '" + dir.string() +
                "' does not exist or is not writable");
  const auto status = std::filesystem::symlink_status(target, ec);
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
    throw Error(target.string() + ": cannot " + action +
                " there: it is not a regular file (a directory, a device, a FIFO or a link), "
                "and neuronlab replaces only regular files");
}

}  // namespace

CommandLine run_command_line() {
  CommandLine line;
  line.usage =
      "neuronlab run FILE.yaml [--out DIR] [--set KEY=VALUE ...] [--seed N]\n"
      "                     [--save-model PATH] [--report FILE.html] [--quiet] [--json]\n"
      "       neuronlab run SWEEP.yaml [--out DIR] [--jobs N]\n"
      "                     [--shard I/N | --slurm [--slurm-opt OPT ...] [--dry-run]]";
  line.description =
      "Trains the network an experiment file describes (data, normalize, network, loss,\n"
      "optimizer, training), prints its progress and the final train/validation/test\n"
      "metrics, then checks every condition under expect: (one line each). With --json the\n"
      "run record (history per epoch, final metrics, checks, outcome, the resolved\n"
      "experiment) is printed on standard output as one JSON document, and the text on\n"
      "standard error. Ctrl-C stops training after the current batch and reports the\n"
      "metrics of the weights reached; a second Ctrl-C ends the program at once. --report\n"
      "writes one HTML page with the metrics, the learning curves, the network drawn, the\n"
      "decision boundary (2 inputs) and the resolved configuration. On a terminal, training\n"
      "shows a live loss curve with a bar under it.\n\n"
      "--out DIR keeps the run in a folder: config.yaml (the resolved experiment, which\n"
      "re-runs the same), record.json, history.csv (one row per epoch), metrics.json,\n"
      "model.yaml, curves.svg, network.svg, boundary.svg (2-input classifiers, 1-input\n"
      "regressions) and index.html. --set overrides a key of the file, checked as the file\n"
      "is: --set optimizer.learning_rate=0.01 --set network.layers.0.neurons=16.\n\n"
      "A file with a sweep: block (a grid of values, repeats: seeds each) runs every\n"
      "configuration as its own run, --jobs at a time, and prints the table of their means;\n"
      "--shard I/N runs a share of it, --slurm submits it to a Slurm cluster\n"
      "(docs/experiments.md). Its exit status is 0 when every run ran, whatever its outcome.";
  line.options.add_options()                                                                //
      ("file", po::value<std::string>()->value_name("FILE"), "the experiment file (YAML)")  //
      ("out", po::value<std::string>()->value_name("DIR"),
       "keep the run in this folder (config, record, history, metrics, model, pictures, "
       "report); 'runs/' gives runs/<name>-<time>")                                         //
      ("force", po::bool_switch(), "with --out: replace the run an existing folder holds")  //
      ("set", po::value<std::vector<std::string>>()->value_name("KEY=VALUE")->composing(),
       "override a key of the file (repeatable): optimizer.learning_rate=0.01")  //
      ("seed", po::value<std::string>()->value_name("N"),
       "the run's seed (the same as --set seed=N); a sweep's first repeat")  //
      ("jobs,j", po::value<std::size_t>()->value_name("N"),
       "a sweep: runs at a time, each in its own process (default: the number of cores)")  //
      ("shard", po::value<std::string>()->value_name("I/N"),
       "a sweep: run only the I-th of N shares of its configurations (sweep-merge joins them)")  //
      ("slurm", po::bool_switch(),
       "a sweep: submit it to Slurm as a job array (one task per shard) and a merge job")  //
      ("slurm-opt", po::value<std::vector<std::string>>()->value_name("OPT")->composing(),
       "with --slurm: an #SBATCH option for both jobs, e.g. --slurm-opt=--partition=debug")  //
      ("slurm-shards", po::value<std::size_t>()->value_name("N"),
       "with --slurm: array tasks (default: one per configuration, at most 1000)")           //
      ("dry-run", po::bool_switch(), "with --slurm: write the job scripts, submit nothing")  //
      ("sweep-member", po::bool_switch(),
       "run the file as one experiment, leaving out its sweep: (how a sweep starts its runs)")  //
      ("save-model", po::value<std::string>()->value_name("PATH"),
       "save the trained model, with its input normalization, for 'neuronlab predict'")  //
      ("save-on-interrupt", po::bool_switch(),
       "when Ctrl-C stops training, still save the model --save-model names (the weights it "
       "reached); a run folder always keeps them, with its record saying 'interrupted'")  //
      ("report", po::value<std::string>()->value_name("FILE"),
       "write an HTML report of the run (self-contained: open it from the file system)")      //
      ("quiet,q", po::bool_switch(), "no progress lines: only the final metrics and checks")  //
      ("json", po::bool_switch(), "print the run record as JSON on standard output");
  line.positional.add("file", 1);
  line.internal = {"sweep-member"};
  line.values["file"] = {ValueKind::files, {"yaml", "yml"}};
  line.values["out"] = {ValueKind::folders};
  line.values["save-model"] = {ValueKind::files, {"yaml"}};
  line.values["report"] = {ValueKind::files, {"html"}};
  line.examples = {
      {"neuronlab run examples/iris.yaml", "train, print the metrics, check expect:"},
      {"neuronlab run examples/iris.yaml --out runs", "keep the run in a folder under runs/"},
      {"neuronlab run examples/iris.yaml --set optimizer.learning_rate=0.01",
       "the same with one key changed"},
      {"neuronlab run sweep.yaml --jobs 2", "a sweep, two runs at a time"}};
  line.exit_statuses = {
      {0, "training finished and every expect: condition holds"},
      {1, "a condition failed or training diverged (the loss became NaN or infinite)"},
      {2, "a mistake on the command line or in the file (file:line:column)"},
      {130, "Ctrl-C stopped training"}};
  return line;
}

int run_command(const GlobalOptions& global_in, const std::vector<std::string>& args) {
  GlobalOptions global = global_in;
  CommandLine line = run_command_line();
  po::variables_map vm;
  if (!parse_command(line, args, global, vm)) return 0;
  if (!vm.count("file")) throw UsageError("give the experiment file: neuronlab run FILE.yaml");
  const bool quiet = vm["quiet"].as<bool>();
  const bool json = vm["json"].as<bool>();

  // Say now, not after training, that an output could not be written.
  if (vm["save-on-interrupt"].as<bool>() && !vm.count("save-model"))
    throw UsageError("--save-on-interrupt goes with --save-model PATH");
  if (vm.count("save-model") && vm["save-model"].as<std::string>().empty())
    throw UsageError("--save-model needs a file name, such as --save-model model.yaml");
  if (vm.count("report") && vm["report"].as<std::string>().empty())
    throw UsageError("--report needs a file name, such as --report run.html");
  if (vm.count("save-model"))
    require_writable(vm["save-model"].as<std::string>(), "save the model");
  if (vm.count("report")) require_writable(vm["report"].as<std::string>(), "write the report");

  std::vector<experiment::Override> overrides;
  if (vm.count("set"))
    for (const std::string& text : vm["set"].as<std::vector<std::string>>())
      overrides.push_back(experiment::parse_override(text));
  if (vm.count("seed"))
    overrides.push_back(
        experiment::parse_override("seed=" + vm["seed"].as<std::string>(), "--seed"));
  if (vm["force"].as<bool>() && !vm.count("out"))
    throw UsageError("--force replaces the run in the folder --out names; give --out DIR");
  const std::string file = vm["file"].as<std::string>();
  // Read once: the file may be a pipe (neuronlab run <(...)).
  const std::string contents = yaml::YamlReader(file).read(file);
  experiment::Sweep sweep;
  if (!vm["sweep-member"].as<bool>()) sweep = experiment::parse_sweep(contents, file);
  if (sweep.axes.empty()) {
    for (const char* option : {"jobs", "shard", "slurm-opt", "slurm-shards"})
      if (vm.count(option))
        throw UsageError(std::string("--") + option + " is for a sweep, and " + file +
                         " has no sweep: (add sweep: {key: [values]} to the file)");
  } else {
    if (json || vm.count("save-model") || vm.count("report"))
      throw UsageError(
          "a sweep keeps every run in its own folder (model.yaml, record.json, index.html "
          "there); --json, --save-model and --report are for one run");
    if (!std::filesystem::is_regular_file(file))
      throw UsageError(file +
                       " is not a regular file, and each run of a sweep reads it again "
                       "(save the sweep in a file)");
    SweepOptions s;
    s.file = file;
    s.overrides = overrides;
    if (vm.count("out")) s.out = vm["out"].as<std::string>();
    if (s.out.lexically_normal() == "runs") s.out.clear();
    s.force = vm["force"].as<bool>();
    s.jobs = vm.count("jobs") ? vm["jobs"].as<std::size_t>()
                              : std::max(1u, std::thread::hardware_concurrency());
    if (s.jobs == 0 || s.jobs > 256)
      throw UsageError("--jobs " + std::to_string(s.jobs) + ": give 1 to 256 runs at a time");
    if (vm.count("shard")) {
      const std::string text = vm["shard"].as<std::string>();
      const std::size_t slash = text.find('/');
      const auto i = data::parse_number(text.substr(0, slash));
      const auto n =
          slash == std::string::npos ? std::nullopt : data::parse_number(text.substr(slash + 1));
      if (!i || !n || *i != std::floor(*i) || *n != std::floor(*n) || *i < 1 || *n < 1 || *i > *n ||
          *n > 100000)
        throw UsageError("--shard " + text +
                         ": the shard is I/N with 1 <= I <= N, such as "
                         "--shard 1/4");
      s.shard_index = std::size_t(*i), s.shard_count = std::size_t(*n);
    }
    s.quiet = quiet;
    s.slurm = vm["slurm"].as<bool>();
    s.dry_run = vm["dry-run"].as<bool>();
    if (vm.count("slurm-opt")) s.slurm_options = vm["slurm-opt"].as<std::vector<std::string>>();
    if (vm.count("slurm-shards")) s.slurm_shards = vm["slurm-shards"].as<std::size_t>();
    if (!s.slurm && (s.dry_run || vm.count("slurm-opt") || vm.count("slurm-shards")))
      throw UsageError("--dry-run, --slurm-opt and --slurm-shards go with --slurm");
    if (s.slurm && vm.count("shard"))
      throw UsageError("--slurm makes the shards itself (--slurm-shards N); leave out --shard");
    if (s.slurm && s.slurm_shards == 0 && vm.count("slurm-shards"))
      throw UsageError("--slurm-shards 0: give 1 or more array tasks");
    return run_sweep(global, sweep, s);
  }
  const experiment::Experiment e = experiment::parse_experiment(
      contents, file, std::filesystem::path(file).parent_path(), overrides);
  Registry registry = load_registry(global);
  // The run folder: made, and given the resolved configuration, before training starts.
  std::filesystem::path folder;
  if (vm.count("out")) {
    folder = vm["out"].as<std::string>();
    if (folder.lexically_normal() == "runs" || folder.lexically_normal() == "runs/")
      folder = default_run_folder("runs", e.name);
    const experiment::BoundExperiment bound = experiment::bind(e, registry);
    prepare_run_folder(folder, vm["force"].as<bool>());
    write_run_config(folder, bound);
  }
  std::ostream& text = json ? std::cerr : std::cout;
  // On a terminal, progress is a live curve and bar redrawn in place; elsewhere, lines.
  const int text_fd = json ? STDERR_FILENO : STDOUT_FILENO;
  const char* term = std::getenv("TERM");
  const bool live = !quiet && isatty(text_fd) && !(term && std::string(term) == "dumb");
  experiment::TerminalReport report(text, quiet || live);
  picture::LiveProgress bar(text, picture::terminal_style(text_fd));
  experiment::RunOptions options;
  if (live) options.observers.push_back(&bar);
  options.observers.push_back(&report);
  options.stop = &interrupted;
  if (vm.count("save-model")) options.save_model = vm["save-model"].as<std::string>();
  options.save_on_interrupt = vm["save-on-interrupt"].as<bool>();
  if (!folder.empty() && options.save_model.empty()) {
    // The run folder is this run's own: its model.yaml is what the record describes.
    options.save_model = (folder / "model.yaml").string();
    options.save_on_interrupt = true;
  }

  interrupted = 0;
  const auto previous = std::signal(SIGINT, on_interrupt);
  experiment::RunResult result = experiment::run_experiment(e, registry, options);
  std::signal(SIGINT, previous);

  const experiment::RunRecord& record = result.record;
  if (json) std::cout << experiment::record_json(record) << std::flush;
  if (live && !bar.shown() && record.history.size() >= 2)
    text << "\n"
         << picture::terminal_curves({picture::curve_run(record)}, picture::terminal_style(text_fd),
                                     "loss", 8);
  if (vm.count("report")) {
    const std::string path = vm["report"].as<std::string>();
    io::write_file_atomically(path, picture::run_report(result), "the report");
    text << "wrote the report to " << path << "\n";
  }
  if (!folder.empty()) {
    const std::vector<std::string> files =
        write_run_results(folder, result, !vm["sweep-member"].as<bool>());
    text << "run folder: " << folder.string() << " (";
    for (std::size_t i = 0; i < files.size(); ++i) text << (i ? ", " : "") << files[i];
    text << ")\n";
  }
  if (record.outcome == experiment::Outcome::diverged) {
    std::cerr << "neuronlab: error: " << record.divergence->message << "\n"
              << experiment::divergence_text(*record.divergence);
    return 1;
  }
  if (record.outcome == experiment::Outcome::interrupted) {
    if (vm.count("save-model") && record.saved_model.empty())
      text << "the model was not saved to " << vm["save-model"].as<std::string>()
           << " (interrupted; --save-on-interrupt saves the weights it reached)\n";
    return 130;
  }
  return record.failed() ? 1 : 0;
}

}  // namespace neuronlab::host
