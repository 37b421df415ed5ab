// The table of subcommands: one line each.
#include "commands.hpp"

namespace neuronlab::host {

int plugins_command(const GlobalOptions&, const std::vector<std::string>&);

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"plugins", "list, describe and check plugins", &plugins_command},
  };
  return table;
}

}  // namespace neuronlab::host
