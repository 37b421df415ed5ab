#include "cli.hpp"

#include <neuronlab/io/files.hpp>

#include <cerrno>
#include <cstring>
#include <iostream>

#include <unistd.h>

namespace po = boost::program_options;

namespace neuronlab::host {

void add_global_options(po::options_description& options) {
  options.add_options()  //
      ("plugin-dir", po::value<std::vector<std::string>>()->composing()->value_name("DIR"),
       "also load plugins from DIR (repeatable; searched before NEURONLAB_PLUGIN_PATH and the "
       "built-in plugins)")                                     //
      ("verbose,v", "say more, e.g. which files were skipped")  //
      ("allow-outside-paths",
       "let lesson and experiment files read files outside their own folder (only for files "
       "you trust)");
}

po::options_description top_level_options() {
  po::options_description globals("Global options");
  add_global_options(globals);
  globals.add_options()                                                                //
      ("version", "print the version, the plugin ABI and how this program was built")  //
      ("help,h", "show this help");
  return globals;
}

const std::map<std::string, ValueKind>& global_values() {
  static const std::map<std::string, ValueKind> values = {{"plugin-dir", {ValueKind::folders}}};
  return values;
}

std::string short_flag(const po::option_description& option) {
  const std::string shown = option.format_name();  // "-o [ --out ]" or "--list"
  return shown.size() > 1 && shown[1] != '-' ? shown.substr(0, 2) : std::string();
}

OptionText option_text(const po::option_description& option) {
  OptionText t;
  t.name = option.long_name();
  const std::string flag = short_flag(option);
  t.names = (flag.empty() ? "    --" : flag + ", --") + t.name;
  t.what = option.description();
  const auto semantic = option.semantic();
  if (semantic->max_tokens() > 0) {
    std::string value = semantic->name();  // "N (=100)" when there is a default
    const auto default_at = value.find(" (=");
    if (default_at != std::string::npos) {
      t.what += " (default " + value.substr(default_at + 3, value.size() - default_at - 4) + ")";
      value.erase(default_at);
    }
    t.value = value == "arg" ? "VALUE" : value;
  }
  return t;
}

std::set<std::string> positional_names(const po::positional_options_description& positional) {
  std::set<std::string> names;
  const unsigned count = positional.max_total_count();
  for (unsigned i = 0; i < count && i < 8; ++i) names.insert(positional.name_for_position(i));
  return names;
}

std::set<std::string> unlisted_options(const CommandLine& line) {
  std::set<std::string> names = positional_names(line.positional);
  names.insert(line.internal.begin(), line.internal.end());
  return names;
}

const std::vector<ExitStatus>& common_statuses() {
  static const std::vector<ExitStatus> statuses = {
      {0, "success"},
      {1, "a check failed: an expectation, a graded check, a plugin library's check"},
      {2, "a mistake on the command line or in a file (the message names file:line:column)"},
      {3, "an internal error: a bug in neuronlab or a plugin"},
      {130, "stopped by Ctrl-C"}};
  return statuses;
}

std::vector<std::pair<std::string, std::string>> status_rows(
    const std::vector<ExitStatus>& statuses) {
  std::vector<std::pair<std::string, std::string>> rows;
  for (const ExitStatus& s : statuses) rows.emplace_back(std::to_string(s.status), s.meaning);
  return rows;
}

UsageError unknown_command(const std::string& name) {
  std::vector<std::string> names;
  for (const Command& c : commands()) names.push_back(c.name);
  return UsageError("unknown command '" + name + "'" + did_you_mean(name, names));
}

void rethrow_as_usage_error(const po::error& e, const po::options_description& known) {
  if (const auto* unknown = dynamic_cast<const po::unknown_option*>(&e)) {
    std::string name = unknown->get_option_name();
    std::vector<std::string> names;
    for (const auto& option : known.options()) names.push_back("--" + option->long_name());
    throw UsageError("unknown option '" + name + "'" + did_you_mean(name, names));
  }
  throw UsageError(e.what());
}

void merge_global_options(const po::variables_map& vm, GlobalOptions& global) {
  if (vm.count("plugin-dir"))
    for (const auto& dir : vm["plugin-dir"].as<std::vector<std::string>>()) {
      // A folder the user named on purpose: a typo is an error, not a warning to scroll past
      // (NEURONLAB_PLUGIN_PATH entries that do not exist stay warnings).
      std::error_code ec;
      if (!std::filesystem::is_directory(dir, ec))
        throw UsageError(
            "--plugin-dir " + dir + ": " +
            (std::filesystem::exists(dir, ec) ? "not a directory" : "no such directory") +
            " (give the folder that holds plugin libraries; 'neuronlab plugins --check FILE' "
            "checks one library)");
      global.plugin_dirs.emplace_back(dir);
    }
  if (vm.count("verbose")) global.verbose = true;
  if (vm.count("allow-outside-paths")) {
    global.allow_outside_paths = true;
    io::allow_outside_paths(true);
  }
}

bool parse_command(CommandLine& line, const std::vector<std::string>& args, GlobalOptions& global,
                   po::variables_map& vm) {
  po::options_description globals("Global options");
  add_global_options(globals);
  po::options_description all;
  all.add(line.options).add(globals);
  all.add_options()("help,h", "show this help");
  try {
    po::store(po::command_line_parser(args)
                  .options(all)
                  .positional(line.positional)
                  .style(kCommandLineStyle)
                  .run(),
              vm);
    po::notify(vm);
  } catch (const po::error& e) {
    rethrow_as_usage_error(e, all);
  }
  if (vm.count("help")) {
    print_command_help(std::cout, line, help_width());
    return false;
  }
  merge_global_options(vm, global);
  return true;
}

Registry load_registry(const GlobalOptions& global) {
  Registry registry;
  registry.load_directories(plugin_search_path(global.plugin_dirs));
  for (const auto& d : registry.diagnostics()) {
    if (d.level == Diagnostic::Level::note && !global.verbose) continue;
    const char* level = d.level == Diagnostic::Level::error     ? "error"
                        : d.level == Diagnostic::Level::warning ? "warning"
                                                                : "note";
    std::cerr << "neuronlab: " << level << ": " << printable(d.path.string()) << ": "
              << printable(d.message) << "\n";
  }
  return registry;
}

void require_standard_output(const std::string& consequence) {
  std::cout.flush();
  if (std::cout) return;
  // The stream keeps no reason, and errno may have changed since the write that failed:
  // one more byte asks the file itself.
  errno = 0;
  const int error = ::write(1, "\n", 1) < 0 ? errno : 0;
  throw Error(std::string("cannot write to standard output") +
              (error ? std::string(": ") + std::strerror(error) : std::string()) +
              (consequence.empty() ? "" : "; " + consequence) +
              "\n  hint: check the free disk space, or where the output is sent");
}

}  // namespace neuronlab::host
