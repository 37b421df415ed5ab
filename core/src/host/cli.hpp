// Command-line parsing shared by the subcommands: their own options plus the global ones,
// --help, and usage errors with suggestions.
#ifndef NEURONLAB_HOST_CLI_HPP
#define NEURONLAB_HOST_CLI_HPP

#include "commands.hpp"

#include <boost/program_options.hpp>

#include <string>
#include <vector>

namespace neuronlab::host {

// A mistake on the command line: printed with a pointer to --help, exit status 2.
class UsageError : public Error {
 public:
  using Error::Error;
};

struct CommandLine {
  std::string usage;        // "neuronlab plugins [NAME] [options]"
  std::string description;  // a paragraph shown by --help
  boost::program_options::options_description options{"Options"};
  boost::program_options::positional_options_description positional;
};

// Parses a subcommand's arguments into vm, accepting the global options too (merged into
// global). Returns false after printing the help text when --help was given.
bool parse_command(CommandLine& line, const std::vector<std::string>& args, GlobalOptions& global,
                   boost::program_options::variables_map& vm);

// Turns Program_options' exceptions into a UsageError with a did-you-mean where possible.
[[noreturn]] void rethrow_as_usage_error(const boost::program_options::error& e,
                                         const boost::program_options::options_description& known);

// --plugin-dir and --verbose, accepted before the command and after it.
void add_global_options(boost::program_options::options_description& options);
void merge_global_options(const boost::program_options::variables_map& vm, GlobalOptions& global);

// No abbreviated option names: '--verbos' is a typo to report, not a guess to make.
constexpr int kCommandLineStyle = boost::program_options::command_line_style::default_style &
                                  ~boost::program_options::command_line_style::allow_guessing;

}  // namespace neuronlab::host

#endif
