// The table of subcommands: one line each.
#include "commands.hpp"

namespace neuronlab::host {

int plugins_command(const GlobalOptions&, const std::vector<std::string>&);
int run_command(const GlobalOptions&, const std::vector<std::string>&);
int config_command(const GlobalOptions&, const std::vector<std::string>&);
int predict_command(const GlobalOptions&, const std::vector<std::string>&);
int evaluate_command(const GlobalOptions&, const std::vector<std::string>&);
int sweep_merge_command(const GlobalOptions&, const std::vector<std::string>&);
int compare_command(const GlobalOptions&, const std::vector<std::string>&);
int learn_command(const GlobalOptions&, const std::vector<std::string>&);
int plot_command(const GlobalOptions&, const std::vector<std::string>&);
int check_command(const GlobalOptions&, const std::vector<std::string>&);

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"learn", "take the course: the next lesson, or one by number; --list shows them",
       &learn_command},
      {"plugins", "list, describe and check plugins", &plugins_command},
      {"run", "train the network an experiment file describes and check its expect:", &run_command},
      {"config", "print an experiment fully resolved, as a file that re-runs the same",
       &config_command},
      {"check", "check a lesson or experiment file without running it", &check_command},
      {"predict", "run a saved model on the rows of a CSV file", &predict_command},
      {"evaluate", "measure a saved model on labelled rows: accuracy, F1, confusion; or R²",
       &evaluate_command},
      {"compare", "runs side by side: the keys that differ, final metrics, curves overlaid",
       &compare_command},
      {"sweep-merge", "join the folders of a sweep's shards into one table", &sweep_merge_command},
      {"plot", "draw curves, a decision boundary, a network, activations or a neuron (SVG)",
       &plot_command},
  };
  return table;
}

}  // namespace neuronlab::host
