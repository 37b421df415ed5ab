// The help texts: 'neuronlab --help' and 'neuronlab COMMAND --help' (the same as 'neuronlab
// help COMMAND'), laid out for the terminal from the command table and each command's
// CommandLine, as the manual page is (man_page.cpp), so a new option shows up in both.
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

}  // namespace

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
  if (!command) throw unknown_command(args[0]);
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
  print_options(out, "Options", line.options, unlisted_options(line), false, width);
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
  print_rows(out, status_rows(line.exit_statuses), width);
}

}  // namespace neuronlab::host
