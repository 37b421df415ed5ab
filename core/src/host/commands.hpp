// The host's subcommands. Each lives in its own file (cmd_<name>.cpp) and is listed once in
// commands.cpp; main.cpp only parses the global options and dispatches.
#ifndef NEURONLAB_HOST_COMMANDS_HPP
#define NEURONLAB_HOST_COMMANDS_HPP

#include <neuronlab/registry.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace neuronlab::host {

struct GlobalOptions {
  std::vector<std::filesystem::path> plugin_dirs;  // --plugin-dir, in the order given
  bool verbose = false;
  bool allow_outside_paths = false;  // --allow-outside-paths (io::allow_outside_paths)
};

struct CommandLine;

struct Command {
  const char* name;
  const char* summary;
  // args: what follows the subcommand's name. Returns the exit status: 0 success,
  // 1 a failed check or failed run, 2 a usage error.
  int (*run)(const GlobalOptions& global, const std::vector<std::string>& args);
  // Its usage, options, examples and exit statuses (cli.hpp); null for 'help'.
  CommandLine (*line)();
};

const std::vector<Command>& commands();
// The command called `name`; null when there is none.
const Command* find_command(const std::string& name);

// Loads the plugins from the search path; prints every error and warning (notes with
// --verbose) to stderr.
Registry load_registry(const GlobalOptions& global);

// Flushes standard output; throws Error when it could not be written (a full disk, a closed
// or broken output), `consequence` saying what that means ("the lesson is not recorded").
void require_standard_output(const std::string& consequence = {});

}  // namespace neuronlab::host

#endif
