// The table of subcommands: one line each.
#include "commands.hpp"

#include "cli.hpp"

namespace neuronlab::host {

#define NEURONLAB_COMMAND(name)                                              \
  int name##_command(const GlobalOptions&, const std::vector<std::string>&); \
  CommandLine name##_command_line();
NEURONLAB_COMMAND(plugins)
NEURONLAB_COMMAND(run)
NEURONLAB_COMMAND(config)
NEURONLAB_COMMAND(predict)
NEURONLAB_COMMAND(evaluate)
NEURONLAB_COMMAND(sweep_merge)
NEURONLAB_COMMAND(compare)
NEURONLAB_COMMAND(learn)
NEURONLAB_COMMAND(plot)
NEURONLAB_COMMAND(check)
#undef NEURONLAB_COMMAND
int help_command(const GlobalOptions&, const std::vector<std::string>&);

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"learn", "take the course: the next lesson, or one by number; --list shows them",
       &learn_command, &learn_command_line},
      {"plugins", "list, describe and check plugins", &plugins_command, &plugins_command_line},
      {"run", "train the network an experiment file describes and check its expect:", &run_command,
       &run_command_line},
      {"config", "print an experiment fully resolved, as a file that re-runs the same",
       &config_command, &config_command_line},
      {"check", "check a lesson or experiment file without running it", &check_command,
       &check_command_line},
      {"predict", "run a saved model on the rows of a CSV file", &predict_command,
       &predict_command_line},
      {"evaluate", "measure a saved model on labelled rows: accuracy, F1, confusion; or R²",
       &evaluate_command, &evaluate_command_line},
      {"compare", "runs side by side: the keys that differ, final metrics, curves overlaid",
       &compare_command, &compare_command_line},
      {"sweep-merge", "join the folders of a sweep's shards into one table", &sweep_merge_command,
       &sweep_merge_command_line},
      {"plot", "draw curves, a decision boundary, a network, activations or a neuron (SVG)",
       &plot_command, &plot_command_line},
      {"help", "describe neuronlab or one command; --man prints the manual page", &help_command,
       nullptr},
  };
  return table;
}

const Command* find_command(const std::string& name) {
  for (const Command& c : commands())
    if (name == c.name) return &c;
  return nullptr;
}

}  // namespace neuronlab::host
