// The help texts: 'neuronlab --help', 'neuronlab COMMAND --help' (the same as 'neuronlab help
// COMMAND') and the manual page 'neuronlab help --man'. All of them are laid out from the
// command table and each command's CommandLine, so a new option shows up in every one.
#include <neuronlab/sdk/abi.h>
#include <neuronlab/picture/pictures.hpp>

#include <iostream>
#include <set>
#include <sstream>

#include <unistd.h>

#include "cli.hpp"

namespace po = boost::program_options;

namespace neuronlab::host {
namespace {

// Columns a UTF-8 string takes: one per code point (a byte 10xxxxxx continues one).
std::size_t columns(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Words filled into lines of at most `width` columns; every line but the first starts with
// `indent` spaces (the first is the caller's). A word wider than a line gets one of its own.
std::string fill(const std::string& text, std::size_t width, std::size_t indent,
                 std::size_t first_column) {
  std::istringstream words(text);
  std::string word, out;
  std::size_t column = first_column;
  bool line_empty = true;
  while (words >> word) {
    if (!line_empty && column + 1 + columns(word) > width) {
      out += "\n" + std::string(indent, ' ');
      column = indent;
      line_empty = true;
    }
    if (!line_empty) {
      out += ' ';
      ++column;
    }
    out += word;
    column += columns(word);
    line_empty = false;
  }
  return out;
}

// A description's paragraphs, each re-wrapped; lines that start with two spaces stay as
// written.
std::string layout(const std::string& description, std::size_t width) {
  std::istringstream lines(description);
  std::string line, paragraph, out;
  auto flush = [&] {
    if (!paragraph.empty()) out += fill(paragraph, width, 0, 0) + "\n";
    paragraph.clear();
  };
  while (std::getline(lines, line)) {
    if (line.empty()) {
      flush();
      out += "\n";
    } else if (line.rfind("  ", 0) == 0) {
      flush();
      out += line + "\n";
    } else {
      paragraph += (paragraph.empty() ? "" : " ") + line;
    }
  }
  flush();
  return out;
}

// "-o, --out FILE" or "    --list": the option as it is typed, its value named.
struct OptionText {
  std::string names;
  std::string value;  // "FILE", or empty for a switch
  std::string what;   // its description, with the default when there is one
  std::string name;   // the long name
};

OptionText option_text(const po::option_description& o) {
  OptionText t;
  t.name = o.long_name();
  const std::string shown = o.format_name();  // "-o [ --out ]" or "--list"
  if (shown.size() > 1 && shown[1] != '-')
    t.names = shown.substr(0, 2) + ", --" + t.name;
  else
    t.names = "    --" + t.name;
  t.what = o.description();
  const auto semantic = o.semantic();
  if (semantic->max_tokens() > 0) {
    std::string value = semantic->name();  // "N (=100)" when there is a default
    const auto default_at = value.find(" (=");
    if (default_at != std::string::npos) {
      t.what += " (default " + value.substr(default_at + 3, value.size() - default_at - 4) + ")";
      value.erase(default_at);
    }
    if (value == "arg") value = "VALUE";
    t.value = value;
  }
  return t;
}

std::set<std::string> positional_names(const po::positional_options_description& positional) {
  std::set<std::string> names;
  const unsigned count = positional.max_total_count();
  for (unsigned i = 0; i < count && i < 8; ++i) names.insert(positional.name_for_position(i));
  return names;
}

// Rows of "  NAME   what it is", the second column wrapped; a first column wider than
// `column` puts the text on the next line.
void print_rows(std::ostream& out, const std::vector<std::pair<std::string, std::string>>& rows,
                std::size_t width) {
  std::size_t column = 0;
  for (const auto& [left, right] : rows) column = std::max(column, columns(left));
  column = std::min<std::size_t>(column + 4, 28);
  for (const auto& [left, right] : rows) {
    std::string line = "  " + left;
    if (columns(line) + 2 > column) {
      out << line << "\n";
      line.clear();
    }
    line.resize(line.size() + column - columns(line), ' ');
    out << line << fill(right, width, column, column) << "\n";
  }
}

void print_options(std::ostream& out, const char* heading, const po::options_description& options,
                   const std::set<std::string>& skip, bool with_help, std::size_t width) {
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto& o : options.options()) {
    if (skip.count(o->long_name())) continue;
    const OptionText t = option_text(*o);
    rows.emplace_back(t.names + (t.value.empty() ? "" : " " + t.value), t.what);
  }
  if (with_help) rows.emplace_back("-h, --help", "show this help");
  if (rows.empty()) return;
  out << heading << ":\n";
  print_rows(out, rows, width);
}

// The exit statuses every command shares, after its own.
const std::vector<ExitStatus>& common_statuses() {
  static const std::vector<ExitStatus> statuses = {
      {0, "success"},
      {1, "a check failed: an expectation, a graded check, a plugin library's check"},
      {2, "a mistake on the command line or in a file (the message names file:line:column)"},
      {3, "an internal error: a bug in neuronlab or a plugin"},
      {130, "stopped by Ctrl-C"}};
  return statuses;
}

// Text for roff: a backslash is \e, a line may not start with . or ', and with `dashes` every
// '-' is \- (a minus, so options can be searched for and copied).
std::string roff(const std::string& text, bool dashes = false) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\')
      out += "\\e";
    else if (c == '-' && dashes)
      out += "\\-";
    else
      out += c;
    line_start = c == '\n';
  }
  return out;
}

// A description as roff: paragraphs filled by the formatter, indented lines kept as written.
std::string roff_paragraphs(const std::string& description) {
  std::istringstream lines(description);
  std::string line, out;
  bool verbatim = false;
  while (std::getline(lines, line)) {
    const bool indented = line.rfind("  ", 0) == 0;
    if (indented != verbatim) {
      out += indented ? ".PP\n.nf\n" : ".fi\n";
      verbatim = indented;
    }
    if (line.empty())
      out += ".PP\n";
    else
      out += roff(line) + "\n";
  }
  if (verbatim) out += ".fi\n";
  return out;
}

void man_options(std::ostream& out, const po::options_description& options,
                 const std::set<std::string>& skip, bool with_help) {
  for (const auto& o : options.options()) {
    if (skip.count(o->long_name())) continue;
    OptionText t = option_text(*o);
    std::string names = t.names;
    if (names.rfind("    ", 0) == 0) names.erase(0, 4);
    out << ".TP\n\\fB" << roff(names, true) << "\\fR"
        << (t.value.empty() ? "" : " \\fI" + roff(t.value, true) + "\\fR") << "\n"
        << roff(t.what) << "\n";
  }
  if (with_help) out << ".TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\nshow this help\n";
}

void man_rows(std::ostream& out, const std::vector<std::pair<std::string, std::string>>& rows) {
  for (const auto& [left, right] : rows)
    out << ".TP\n\\fB" << roff(left, true) << "\\fR\n" << roff(right) << "\n";
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::string man_page() {
  std::ostringstream out;
  out << ".\\\" neuronlab(1): made by 'neuronlab help --man' from the same tables as --help.\n"
      << ".TH NEURONLAB 1 \"\" \"neuronlab " << NEURONLAB_VERSION << "\" \"User Commands\"\n"
      << ".nh\n.ad l\n.SH NAME\nneuronlab \\- a course in neural networks, from one neuron up\n"
      << ".SH SYNOPSIS\n.B neuronlab\n[\\fIglobal options\\fR] \\fICOMMAND\\fR "
         "[\\fIoptions\\fR]\n.br\n.B neuronlab help\n[\\fICOMMAND\\fR | \\fB\\-\\-man\\fR]\n"
      << ".SH DESCRIPTION\nneuronlab teaches neural networks from one neuron up: guided lessons "
         "and config-driven experiments, with activations, losses, optimizers and "
         "normalizations loaded from plugin libraries.\n.PP\n"
         "\\fBneuronlab learn\\fR starts the course at its first lesson and goes on where you "
         "stopped; \\fBneuronlab run\\fR \\fIFILE.yaml\\fR trains the experiment a file "
         "describes. Each command is described in its own section below.\n"
      << ".SH COMMANDS\n";
  std::vector<std::pair<std::string, std::string>> rows;
  for (const Command& c : commands()) rows.emplace_back(c.name, c.summary);
  man_rows(out, rows);
  out << ".SH \"GLOBAL OPTIONS\"\nThey go before the command, or after it among its options.\n";
  man_options(out, top_level_options(), {}, false);
  for (const Command& c : commands()) {
    if (!c.line) continue;
    const CommandLine line = c.line();
    // The usage's later lines are indented for "Usage: ", which the page does not print.
    std::string usage = line.usage;
    for (std::size_t at = 0; (at = usage.find("\n       ", at)) != std::string::npos; ++at)
      usage.erase(at + 1, 7);
    out << ".SH \"NEURONLAB " << upper(roff(c.name, true)) << "\"\n.nf\n"
        << roff(usage, true) << "\n.fi\n.PP\n"
        << roff_paragraphs(line.description);
    const std::set<std::string> positional = positional_names(line.positional);
    bool arguments = false;
    for (const auto& o : line.options.options())
      if (positional.count(o->long_name())) {
        if (!arguments) out << ".SS Arguments\n";
        arguments = true;
        const OptionText t = option_text(*o);
        out << ".TP\n\\fI" << roff(t.value.empty() ? t.name : t.value, true) << "\\fR\n"
            << roff(t.what) << "\n";
      }
    if (line.options.options().size() > positional.size()) {
      out << ".SS Options\n";
      man_options(out, line.options, positional, false);
    }
    if (!line.examples.empty()) {
      out << ".SS Examples\n";
      std::vector<std::pair<std::string, std::string>> examples;
      for (const Example& e : line.examples) examples.emplace_back(e.command, e.what);
      man_rows(out, examples);
    }
    out << ".SS \"Exit status\"\n";
    std::vector<std::pair<std::string, std::string>> statuses;
    for (const ExitStatus& s : line.exit_statuses)
      statuses.emplace_back(std::to_string(s.status), s.meaning);
    man_rows(out, statuses);
  }
  out << ".SH ENVIRONMENT\n";
  man_rows(out, {{"NEURONLAB_PLUGIN_PATH",
                  "folders of plugin libraries, separated by ':', searched after --plugin-dir and "
                  "before the built-in plugins"},
                 {"NEURONLAB_STATE_DIR",
                  "where progress.yaml keeps the course's progress (default "
                  "$XDG_STATE_HOME/neuronlab, else ~/.local/state/neuronlab)"},
                 {"NEURONLAB_WORK_DIR",
                  "where lessons save pictures and hand out exercises (default "
                  "$XDG_DATA_HOME/neuronlab/work, else "
                  "~/.local/share/neuronlab/work)"},
                 {"NO_COLOR", "when set and not empty, no colours in the terminal"},
                 {"COLUMNS", "the width to wrap text to when standard output is not a terminal"}});
  out << ".SH \"EXIT STATUS\"\nEach command's section lists its own; in short:\n";
  std::vector<std::pair<std::string, std::string>> statuses;
  for (const ExitStatus& s : common_statuses())
    statuses.emplace_back(std::to_string(s.status), s.meaning);
  man_rows(out, statuses);
  out << ".SH FILES\n";
  man_rows(out, {{"lib/neuronlab/plugins/", "the built-in plugins, next to the program's bin/"},
                 {"share/neuronlab/lessons/", "the course's lessons and their data"},
                 {"lib/cmake/neuronlab/",
                  "the CMake package for building plugins out of tree "
                  "(find_package(neuronlab))"}});
  out << ".SH \"SEE ALSO\"\nThe guides in the source tree's docs/ folder: course.md, "
         "experiments.md, plugins.md, pictures.md, troubleshooting.md.\n";
  return out.str();
}

int help_command(const GlobalOptions&, const std::vector<std::string>& args) {
  if (args.size() == 1 && args[0] == "--man") {
    std::cout << man_page();
    return 0;
  }
  if (args.empty() || (args.size() == 1 && (args[0] == "--help" || args[0] == "-h"))) {
    print_main_help(std::cout, help_width());
    return 0;
  }
  if (args.size() > 1) throw UsageError("give one command: neuronlab help COMMAND");
  const Command* command = find_command(args[0]);
  if (!command) {
    std::vector<std::string> names;
    for (const Command& c : commands()) names.push_back(c.name);
    throw UsageError("unknown command '" + args[0] + "'" + did_you_mean(args[0], names));
  }
  if (!command->line) {
    print_main_help(std::cout, help_width());
    return 0;
  }
  print_command_help(std::cout, command->line(), help_width());
  return 0;
}

std::size_t help_width() { return picture::terminal_style(STDOUT_FILENO).width; }

void print_main_help(std::ostream& out, std::size_t width) {
  out << "Usage: neuronlab [global options] COMMAND [options]\n\n"
      << layout(
             "neuronlab teaches neural networks from one neuron up: guided lessons and "
             "config-driven experiments, with activations, losses, optimizers and "
             "normalizations loaded from plugin libraries.",
             width)
      << "\nCommands:\n";
  std::vector<std::pair<std::string, std::string>> rows;
  for (const Command& c : commands()) rows.emplace_back(c.name, c.summary);
  print_rows(out, rows, width);
  out << "\n";
  print_options(out, "Global options", top_level_options(), {}, false, width);
  out << "\nExamples:\n";
  print_rows(out,
             {{"neuronlab learn", "start the course, or go on where you stopped"},
              {"neuronlab help run", "what 'run' does, its options and exit statuses"},
              {"neuronlab run examples/iris.yaml", "train the experiment a file describes"}},
             width);
  out << "\n"
      << layout(
             "'neuronlab help COMMAND' (or 'neuronlab COMMAND --help') describes a command "
             "and its options; 'man neuronlab' is the whole manual.",
             width);
}

void print_command_help(std::ostream& out, const CommandLine& line, std::size_t width) {
  out << "Usage: " << line.usage << "\n\n" << layout(line.description, width);
  const std::set<std::string> positional = positional_names(line.positional);
  std::vector<std::pair<std::string, std::string>> arguments;
  for (const auto& o : line.options.options())
    if (positional.count(o->long_name())) {
      const OptionText t = option_text(*o);
      arguments.emplace_back(t.value.empty() ? t.name : t.value, t.what);
    }
  if (!arguments.empty()) {
    out << "\nArguments:\n";
    print_rows(out, arguments, width);
  }
  out << "\n";
  print_options(out, "Options", line.options, positional, false, width);
  po::options_description globals("Global options");
  add_global_options(globals);
  out << "\n";
  print_options(out, "Global options", globals, {}, true, width);
  if (!line.examples.empty()) {
    out << "\nExamples:\n";
    std::vector<std::pair<std::string, std::string>> rows;
    for (const Example& e : line.examples) rows.emplace_back(e.command, e.what);
    print_rows(out, rows, width);
  }
  out << "\nExit status:\n";
  std::vector<std::pair<std::string, std::string>> rows;
  for (const ExitStatus& s : line.exit_statuses)
    rows.emplace_back(std::to_string(s.status), s.meaning);
  print_rows(out, rows, width);
}

}  // namespace neuronlab::host
