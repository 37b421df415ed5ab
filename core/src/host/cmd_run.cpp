// neuronlab run: trains the network an experiment file describes, reports progress and the
// final metrics, and checks the file's expect: conditions.
#include <neuronlab/experiment/experiment.hpp>
#include <neuronlab/experiment/run.hpp>

#include <filesystem>
#include <iostream>

#include <unistd.h>

#include "cli.hpp"

namespace po = boost::program_options;

namespace neuronlab::host {

int run_command(const GlobalOptions& global_in, const std::vector<std::string>& args) {
  GlobalOptions global = global_in;
  CommandLine line;
  line.usage = "neuronlab run FILE.yaml [--save-model PATH] [--quiet]";
  line.description =
      "Trains the network an experiment file describes (data, normalize, network, loss,\n"
      "optimizer, training), prints its progress and the final train/validation/test\n"
      "metrics, then checks every condition under expect: (one line each).\n\n"
      "Exit status: 0 when training finished and every expect: condition holds;\n"
      "1 when a condition fails or training diverges (the loss became NaN or infinite);\n"
      "2 for a mistake on the command line or in the file (the message names file:line:column).";
  line.options.add_options()                                                                //
      ("file", po::value<std::string>()->value_name("FILE"), "the experiment file (YAML)")  //
      ("save-model", po::value<std::string>()->value_name("PATH"),
       "save the trained model, with its input normalization, for 'neuronlab predict'")  //
      ("quiet,q", po::bool_switch(), "no progress lines: only the final metrics and checks");
  line.positional.add("file", 1);
  po::variables_map vm;
  if (!parse_command(line, args, global, vm)) return 0;
  if (!vm.count("file")) throw UsageError("give the experiment file: neuronlab run FILE.yaml");
  const bool quiet = vm["quiet"].as<bool>();

  // Say now, not after training, that the model could not be saved.
  if (vm.count("save-model")) {
    const std::filesystem::path target = vm["save-model"].as<std::string>();
    const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : ".";
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec) || access(dir.c_str(), W_OK) != 0)
      throw Error(target.string() + ": cannot save the model there: the directory '" +
                  dir.string() + "' does not exist or is not writable");
  }

  experiment::Experiment e = experiment::read_experiment(vm["file"].as<std::string>());
  Registry registry = load_registry(global);
  experiment::RunOptions options;
  options.quiet = quiet;
  if (vm.count("save-model")) options.save_model = vm["save-model"].as<std::string>();
  const experiment::RunResult result = experiment::run_experiment(e, registry, std::cout, options);
  if (!result.diverged.empty()) {
    std::cerr << "neuronlab: error: " << result.diverged << "\n";
    return 1;
  }
  return result.failed() ? 1 : 0;
}

}  // namespace neuronlab::host
