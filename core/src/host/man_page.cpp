// The manual page neuronlab(1), 'neuronlab help --man': laid out in roff from the command
// table and each command's CommandLine, the same tables --help is made of (help.cpp).
#include <sstream>

#include "cli.hpp"

namespace po = boost::program_options;

namespace neuronlab::host {
namespace {

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
    if (line.options.options().size() > unlisted_options(line).size()) {
      out << ".SS Options\n";
      man_options(out, line.options, unlisted_options(line), false);
    }
    if (!line.examples.empty()) {
      out << ".SS Examples\n";
      std::vector<std::pair<std::string, std::string>> examples;
      for (const Example& e : line.examples) examples.emplace_back(e.command, e.what);
      man_rows(out, examples);
    }
    out << ".SS \"Exit status\"\n";
    man_rows(out, status_rows(line.exit_statuses));
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
  man_rows(out, status_rows(common_statuses()));
  out << ".SH FILES\n";
  // Where this build installs them (the build configures the prefix; the package's is /usr).
  man_rows(out, {{NEURONLAB_MAN_PLUGIN_DIR "/", "the built-in plugins"},
                 {NEURONLAB_MAN_LESSONS_DIR "/", "the course's lessons and their data"},
                 {NEURONLAB_MAN_PACKAGE_DIR "/",
                  "the CMake package for building plugins out of tree "
                  "(find_package(neuronlab))"},
                 {NEURONLAB_MAN_DOC_DIR "/",
                  "the guides (course.md, experiments.md, plugins.md, pictures.md, "
                  "troubleshooting.md) and examples/out_of_tree_plugin, an example plugin"}});
  out << ".SH \"SEE ALSO\"\nThe guides in " NEURONLAB_MAN_DOC_DIR
         "/, or docs/ in the source "
         "tree; \\fBcmake\\fP(1) for building plugins.\n";
  return out.str();
}

}  // namespace neuronlab::host
