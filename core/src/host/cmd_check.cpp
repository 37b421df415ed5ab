// neuronlab check: validates a lesson or an experiment file without running it — every key,
// every plugin it names, and for an experiment its data too (read and split, as a run would
// before training) — and says what the file holds. Mistakes are reported as `learn` and `run`
// report them, with exit status 2.
#include <neuronlab/experiment/experiment.hpp>
#include <neuronlab/experiment/report.hpp>
#include <neuronlab/experiment/sweep.hpp>
#include <neuronlab/lesson/lesson.hpp>

#include "../yaml/yaml_reader.hpp"

#include <yaml-cpp/yaml.h>

#include <iostream>
#include <map>

#include "cli.hpp"

namespace po = boost::program_options;

namespace neuronlab::host {

CommandLine check_command_line() {
  CommandLine line;
  line.usage = "neuronlab check FILE.yaml";
  line.description =
      "Checks a lesson or an experiment file without running it: every key and value, every\n"
      "plugin it names, and for an experiment its data (read and split as a run would).";
  line.options.add_options()  //
      ("file", po::value<std::string>()->value_name("FILE"), "the lesson or experiment file");
  line.positional.add("file", 1);
  line.values["file"] = {ValueKind::files, {"yaml", "yml"}};
  line.examples = {{"neuronlab check lessons/01-one-neuron.yaml", "check a lesson file"},
                   {"neuronlab check examples/iris.yaml", "check an experiment and its data"}};
  line.exit_statuses = {{0, "the file is valid"},
                        {2, "a mistake in the file (file:line:column) or on the command line"}};
  return line;
}

int check_command(const GlobalOptions& global_in, const std::vector<std::string>& args) {
  GlobalOptions global = global_in;
  CommandLine line = check_command_line();
  po::variables_map vm;
  if (!parse_command(line, args, global, vm)) return 0;
  if (!vm.count("file")) throw UsageError("give the file: neuronlab check FILE.yaml");
  const std::string file = vm["file"].as<std::string>();

  // The kind decides the reader; either reader reports a file that is neither.
  std::string kind;
  try {
    const yaml::YamlReader in(file);
    const YAML::Node root = in.load(in.read(file), "a lesson or experiment");
    if (root.IsMap() && root["kind"] && root["kind"].IsScalar()) kind = root["kind"].Scalar();
  } catch (const Error&) {
    // Not readable as YAML: the experiment reader says where and why.
  }
  Registry registry = load_registry(global);
  if (kind == "lesson") {
    const lesson::Lesson l = lesson::read_lesson(file);
    lesson::check_plugins(l, registry);
    std::map<std::string, std::size_t> kinds;
    for (const lesson::Step& s : l.steps) ++kinds[s.kind];
    std::cout << file << ": a valid lesson, \"" << l.title << "\", " << l.steps.size()
              << (l.steps.size() == 1 ? " step" : " steps") << " (";
    bool first = true;
    for (const auto& [k, n] : kinds)
      std::cout << (first ? "" : ", ") << k << " " << n, first = false;
    std::cout << ")\n";
    return 0;
  }
  const experiment::Experiment e = experiment::read_experiment(file);
  const experiment::BoundExperiment bound = experiment::bind(e, registry);
  const data::Split& s = bound.split;
  // A sweep: every configuration is read and bound as its run will be.
  const experiment::Sweep sweep = experiment::read_sweep(file);
  for (const experiment::SweepMember& m : experiment::sweep_members(sweep))
    if (m.repeat == 0) experiment::bind(experiment::read_experiment(file, m.overrides), registry);
  std::cout << file << ": a valid experiment, \"" << e.name
            << "\": " << experiment::network_text(bound.experiment) << "; " << s.train.rows
            << " training, " << s.validation.rows << " validation, " << s.test.rows << " test rows";
  if (!sweep.axes.empty())
    std::cout << "; a sweep of " << sweep.configurations() << " configurations \u00d7 "
              << sweep.repeats << (sweep.repeats == 1 ? " repeat" : " repeats");
  std::cout << "\n";
  return 0;
}

}  // namespace neuronlab::host
