// neuronlab config: the experiment a file describes, fully resolved, as an experiment file.
#include <neuronlab/experiment/experiment.hpp>

#include <iostream>

#include "cli.hpp"

namespace po = boost::program_options;

namespace neuronlab::host {

CommandLine config_command_line() {
  CommandLine line;
  line.usage = "neuronlab config FILE.yaml";
  line.description =
      "Prints the experiment a file describes as 'neuronlab run' would train it: every\n"
      "default filled in (seed, splits, loss, optimizer, training options), every plugin's\n"
      "parameters with their values, the data's target, features and task as they were\n"
      "read, and the data file's absolute path. The output is itself an experiment file:\n"
      "'neuronlab run' on it trains exactly the same run. The data are read and checked,\n"
      "nothing is trained.";
  line.options.add_options()  //
      ("file", po::value<std::string>()->value_name("FILE"), "the experiment file (YAML)");
  line.positional.add("file", 1);
  line.values["file"] = {ValueKind::files, {"yaml", "yml"}};
  line.examples = {{"neuronlab config examples/iris.yaml", "every default written out"},
                   {"neuronlab config examples/iris.yaml > resolved.yaml",
                    "a file that re-runs the same (with --allow-outside-paths)"}};
  line.exit_statuses = {{0, "the experiment was printed"},
                        {2, "a mistake on the command line or in the file"}};
  return line;
}

int config_command(const GlobalOptions& global_in, const std::vector<std::string>& args) {
  GlobalOptions global = global_in;
  CommandLine line = config_command_line();
  po::variables_map vm;
  if (!parse_command(line, args, global, vm)) return 0;
  if (!vm.count("file")) throw UsageError("give the experiment file: neuronlab config FILE.yaml");
  const experiment::Experiment e = experiment::read_experiment(vm["file"].as<std::string>());
  const Registry registry = load_registry(global);
  std::cout << experiment::resolved_file(experiment::bind(e, registry)) << std::flush;
  return 0;
}

}  // namespace neuronlab::host
