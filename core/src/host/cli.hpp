// Command-line parsing shared by the subcommands: their own options plus the global ones,
// --help, and usage errors with suggestions.
#ifndef NEURONLAB_HOST_CLI_HPP
#define NEURONLAB_HOST_CLI_HPP

#include "commands.hpp"

#include <boost/program_options.hpp>

#include <map>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace neuronlab::host {

// A mistake on the command line: printed with a pointer to --help, exit status 2.
class UsageError : public Error {
 public:
  using Error::Error;
};

// What a value on the command line is, for shell completion: files with one of the
// extensions (any file when empty), folders, the course's lessons, plugin names (of one kind
// when kind is set) or one of a fixed list of words.
struct ValueKind {
  enum Kind { anything, files, folders, lessons, plugins, words };
  ValueKind(Kind kind_ = anything, std::vector<std::string> choices_ = {},
            std::string plugin_kind_ = {})
      : kind(kind_), choices(std::move(choices_)), plugin_kind(std::move(plugin_kind_)) {}

  Kind kind;
  std::vector<std::string> choices;  // extensions without the dot, or the words
  std::string plugin_kind;           // "activation", ...; empty for every kind
};

// A line of the examples --help and the man page show: the command and what it does.
struct Example {
  std::string command;
  std::string what;
};

struct ExitStatus {
  int status;
  std::string meaning;
};

// Everything --help, 'neuronlab help', the man page and shell completion say about one
// subcommand: they all read it from here, so they cannot disagree.
struct CommandLine {
  std::string usage;  // "neuronlab plugins [NAME] [options]"; a second form on its own line
  // Paragraphs separated by blank lines, re-wrapped to the terminal; lines that start with
  // two spaces are kept as written (tables, commands).
  std::string description;
  boost::program_options::options_description options{"Options"};
  boost::program_options::positional_options_description positional;
  std::vector<Example> examples;
  std::vector<ExitStatus> exit_statuses;
  std::map<std::string, ValueKind> values;  // by option name, positional ones included
  // Options neuronlab passes to itself (a sweep starting its runs): parsed, never shown.
  std::set<std::string> internal;
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
// The global options with --version and --help, as 'neuronlab --help' shows them.
boost::program_options::options_description top_level_options();
// What shell completion offers for a global option's value.
const std::map<std::string, ValueKind>& global_values();

// An option as --help, the man page and completion show it: "-o, --out" or "    --list", its
// value's name ("FILE"; empty for a switch), its description with the default when it has one.
struct OptionText {
  std::string names;
  std::string value;
  std::string what;
  std::string name;  // the long name
};
OptionText option_text(const boost::program_options::option_description& option);
// "-o" for an option with a short name, else empty.
std::string short_flag(const boost::program_options::option_description& option);
// The names of a command's positional arguments (the first eight places).
std::set<std::string> positional_names(
    const boost::program_options::positional_options_description& positional);
// The options a command's list of options leaves out: its positional arguments (listed as
// arguments) and its internal options.
std::set<std::string> unlisted_options(const CommandLine& line);
// The exit statuses every command shares, as the man page summarizes them.
const std::vector<ExitStatus>& common_statuses();
// Rows of (status, meaning).
std::vector<std::pair<std::string, std::string>> status_rows(
    const std::vector<ExitStatus>& statuses);
// "unknown command 'NAME'" with a did-you-mean among the commands.
UsageError unknown_command(const std::string& name);

// The help texts (help.cpp), wrapped to `width` columns.
void print_main_help(std::ostream& out, std::size_t width);
void print_command_help(std::ostream& out, const CommandLine& line, std::size_t width);
// The manual page neuronlab(1), in roff (man_page.cpp).
std::string man_page();
// 'neuronlab __complete WORD... CURRENT': what the shell may offer for CURRENT, one per line
// (complete.cpp).
int complete_command(const GlobalOptions& global, const std::vector<std::string>& words);
// The columns of the terminal on standard output, else $COLUMNS, else 80 (40 to 100).
std::size_t help_width();
void merge_global_options(const boost::program_options::variables_map& vm, GlobalOptions& global);

// No abbreviated option names: '--verbos' is a typo to report, not a guess to make.
constexpr int kCommandLineStyle = boost::program_options::command_line_style::default_style &
                                  ~boost::program_options::command_line_style::allow_guessing;

}  // namespace neuronlab::host

#endif
