// The help a user reads: 'neuronlab help COMMAND' is 'neuronlab COMMAND --help', every text is
// aligned and fits 80 columns, every command shows examples and exit statuses, the manual page
// renders without a warning and names every option --help names, and bash completion offers
// what the command line accepts.
#define BOOST_TEST_MODULE host_help
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/process.hpp"
#include "support/scratch.hpp"
#include "support/text.hpp"

using neuronlab::test::lines_of;
using neuronlab::test::ProcessResult;

namespace {

const std::vector<std::string> command_names = {"learn",       "plugins", "run",      "config",
                                                "check",       "predict", "evaluate", "compare",
                                                "sweep-merge", "plot"};

// The build tree: the host is its bin/neuronlab.
std::string build_root() {
  return std::filesystem::path(NEURONLAB_TEST_HOST).parent_path().parent_path().string();
}

ProcessResult host(std::vector<std::string> args) {
  args.insert(args.begin(), NEURONLAB_TEST_HOST);
  return neuronlab::test::run_process(args);
}

std::size_t columns(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// The "--name" words of a help text's option rows.
std::vector<std::string> option_names(const std::string& help) {
  std::vector<std::string> names;
  for (const std::string& line : lines_of(help)) {
    const std::size_t at = line.find("--");
    if (at == std::string::npos || at > 6 || line.compare(0, 2, "  ") != 0) continue;
    names.push_back(line.substr(at, line.find_first_of(" ", at) - at));
  }
  return names;
}

}  // namespace

BOOST_AUTO_TEST_CASE(help_command_is_the_commands_help) {
  for (const std::string& name : command_names) {
    const ProcessResult help = host({"help", name});
    const ProcessResult flag = host({name, "--help"});
    BOOST_TEST(help.status == 0);
    BOOST_TEST(flag.status == 0);
    BOOST_TEST(help.out == flag.out, name);
    BOOST_TEST(help.out.rfind("Usage: neuronlab " + name, 0) == 0, name);
    BOOST_TEST(help.out.find("\nExamples:\n  neuronlab " + name) != std::string::npos, name);
    BOOST_TEST(help.out.find("\nExit status:\n  0  ") != std::string::npos, name);
    BOOST_TEST(help.out.find("[ --") == std::string::npos, name);  // Program_options' layout
    for (const std::string& line : lines_of(help.out))
      BOOST_TEST(columns(line) <= 80, name << ": " << line);
  }
  const ProcessResult top = host({"help"});
  BOOST_TEST(top.status == 0);
  BOOST_TEST(top.out == host({"--help"}).out);
  BOOST_TEST(top.out.find("  help         describe neuronlab or one command") != std::string::npos);

  const ProcessResult unknown = host({"help", "lern"});
  BOOST_TEST(unknown.status == 2);
  BOOST_TEST(unknown.err ==
             "neuronlab help: error: unknown command 'lern' (did you mean 'learn'?)\n"
             "Try 'neuronlab help --help'.\n");
}

BOOST_AUTO_TEST_CASE(options_are_aligned_in_one_column) {
  const ProcessResult help = host({"run", "--help"});
  BOOST_TEST(help.out.find("\n  -j, --jobs N") != std::string::npos);
  BOOST_TEST(help.out.find("\n      --force") != std::string::npos);
  BOOST_TEST(help.out.find("\n  -h, --help") != std::string::npos);
  // Within the Options block, every description starts in the same column.
  const std::string block = help.out.substr(help.out.find("\nOptions:\n"));
  std::size_t column = 0;
  for (const std::string& line : lines_of(block.substr(10, block.find("\n\n") - 10))) {
    const std::size_t first = line.find_first_not_of(' ');
    std::size_t text = first;  // a continuation line
    if (first <= 6) {          // a row: "  -j, --jobs N   text" or "      --force   text"
      const std::size_t gap = line.find("  ", first);
      if (gap == std::string::npos) continue;  // a long name, its text on the next line
      text = line.find_first_not_of(' ', gap);
    }
    if (!column) column = text;
    BOOST_TEST(text == column, line);
  }
  BOOST_TEST(column > 10u);
}

BOOST_AUTO_TEST_CASE(version_names_the_build) {
  const ProcessResult r = host({"--version"});
  BOOST_TEST(r.status == 0);
  BOOST_TEST(r.out.rfind("neuronlab 0.1.0 (plugin ABI ", 0) == 0);
  const auto lines = lines_of(r.out);
  BOOST_REQUIRE(lines.size() == 2u);
  BOOST_TEST((lines[1].rfind("portable build running its x86-64", 0) == 0 ||
              lines[1].rfind("built for this machine's CPU (", 0) == 0),
             lines[1]);
}

BOOST_AUTO_TEST_CASE(man_page_matches_help_and_renders_cleanly) {
  const ProcessResult man = host({"help", "--man"});
  BOOST_TEST(man.status == 0);
  BOOST_TEST(man.out.find(".TH NEURONLAB 1 ") != std::string::npos);
  // The build writes the same page where 'man' finds it after installing.
  std::ifstream built(build_root() + "/share/man/man1/neuronlab.1");
  std::stringstream built_text;
  built_text << built.rdbuf();
  BOOST_TEST(built_text.str() == man.out);

  for (const std::string& name : command_names) {
    std::string upper = name;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::string section = ".SH \"NEURONLAB " + upper + "\"";
    for (std::size_t at = 0; (at = section.find('-', at)) != std::string::npos; at += 2)
      section.replace(at, 1, "\\-");
    const std::size_t start = man.out.find(section);
    BOOST_TEST_REQUIRE(start != std::string::npos, section);
    const std::string body = man.out.substr(start, man.out.find("\n.SH ", start + 1) - start);
    // The command's own options are in its section; the global ones in GLOBAL OPTIONS.
    const std::string help = host({name, "--help"}).out;
    for (std::string option : option_names(help.substr(0, help.find("\nGlobal options:")))) {
      for (std::size_t at = 0; (at = option.find('-', at)) != std::string::npos; at += 2)
        option.replace(at, 1, "\\-");
      BOOST_TEST(body.find(option) != std::string::npos, name << ": " << option);
    }
    BOOST_TEST(body.find(".SS \"Exit status\"") != std::string::npos, name);
  }
  const std::size_t globals = man.out.find(".SH \"GLOBAL OPTIONS\"");
  BOOST_TEST_REQUIRE(globals != std::string::npos);
  for (const char* option : {"\\-\\-plugin\\-dir", "\\-\\-verbose", "\\-\\-allow\\-outside\\-paths",
                             "\\-\\-version", "\\-\\-help"})
    BOOST_TEST(man.out.find(option, globals) < man.out.find("\n.SH ", globals + 1), option);

  const auto dir = neuronlab::test::scratch_dir("help", "man");
  {
    std::ofstream page(dir / "neuronlab.1");
    page << man.out;
  }
  const ProcessResult rendered = neuronlab::test::run_process(
      {"/bin/sh", "-c", "MANWIDTH=80 man --warnings -l '" + (dir / "neuronlab.1").string() + "'"});
  BOOST_TEST_REQUIRE(rendered.status == 0, rendered.err);
  BOOST_TEST(rendered.err == "");  // groff's warnings (-ww) would be here
  BOOST_TEST(rendered.out.find("NEURONLAB LEARN") != std::string::npos);
  BOOST_TEST(rendered.out.find("--allow-outside-paths") != std::string::npos);
}

namespace {

// What bash offers after `words` (the last one is being typed), through the installed script.
std::vector<std::string> bash_offers(const std::string& words, const std::string& cwd) {
  const std::string script =
      "cd '" + cwd + "' && source '" + build_root() +
      "/share/bash-completion/completions/neuronlab' && COMP_WORDS=('" + NEURONLAB_TEST_HOST +
      "' " + words +
      ") && COMP_CWORD=$((${#COMP_WORDS[@]} - 1)) && _neuronlab && "
      "{ [ ${#COMPREPLY[@]} -eq 0 ] || printf '%s\\n' \"${COMPREPLY[@]}\"; }";
  const ProcessResult r = neuronlab::test::run_process({"/bin/bash", "-c", script});
  BOOST_TEST(r.status == 0, r.err);
  std::vector<std::string> offers = lines_of(r.out);
  std::sort(offers.begin(), offers.end());
  return offers;
}

using Words = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_CASE(bash_completion_offers_what_the_command_line_takes) {
  const std::string src = NEURONLAB_TEST_SOURCE_DIR;
  BOOST_TEST(bash_offers("co", src) == (Words{"compare", "config"}));
  BOOST_TEST(bash_offers("learn --re", src) == (Words{"--reset", "--restart"}));
  BOOST_TEST(
      bash_offers("learn 1", src) ==
      (Words{"1", "10", "10-optimizers", "11", "11-normalization", "12", "12-real-data", "13",
             "13-activation-plugin", "14", "14-optimizer-plugin", "15", "15-experiments"}));
  BOOST_TEST(bash_offers("plugins leaky", src) == (Words{"leaky_relu"}));
  BOOST_TEST(bash_offers("plugins --kind opt", src) == (Words{"optimizer"}));
  BOOST_TEST(bash_offers("plot activations sig", src) == (Words{"sigmoid"}));
  BOOST_TEST(bash_offers("help sw", src) == (Words{"sweep-merge"}));
  BOOST_TEST(bash_offers("--verbose ru", src) == (Words{"run"}));
  // Files by extension, and folders to go into.
  BOOST_TEST(bash_offers("run examples/ir", src) == (Words{"examples/iris.yaml"}));
  BOOST_TEST(bash_offers("evaluate model.yaml examples/data/ir", src) ==
             (Words{"examples/data/iris.csv"}));
  BOOST_TEST(bash_offers("run --out exa", src) == (Words{"examples"}));
  BOOST_TEST(bash_offers("--plugin-dir exa", src) == (Words{"examples"}));
  // Bash splits "--out=exa" at '=' into three words; the value is still the option's.
  BOOST_TEST(bash_offers("run --out = exa", src) == (Words{"examples"}));
}

BOOST_AUTO_TEST_CASE(bash_completion_offers_the_plugins_of_a_plugin_dir) {
  const std::string src = NEURONLAB_TEST_SOURCE_DIR, dir = NEURONLAB_TEST_SCALE_PLUGIN_DIR;
  BOOST_TEST(bash_offers("plugins sca", src) == Words{});  // not on the default search path
  BOOST_TEST(bash_offers("--plugin-dir " + dir + " plugins sca", src) == (Words{"scale"}));
  BOOST_TEST(bash_offers("plugins --plugin-dir " + dir + " sca", src) == (Words{"scale"}));
  BOOST_TEST(bash_offers("--plugin-dir = " + dir + " plot activations sc", src) ==
             (Words{"scale"}));
  BOOST_TEST(bash_offers("plugins --plugin-dir=" + dir + " sca", src) == (Words{"scale"}));
}

BOOST_AUTO_TEST_CASE(internal_options_are_accepted_and_never_shown) {
  // --sweep-member is how a sweep starts its runs; a user is never offered it.
  const ProcessResult help = host({"run", "--help"});
  BOOST_TEST(help.out.find("--seed N") != std::string::npos, help.out);
  BOOST_TEST(help.out.find("sweep-member") == std::string::npos, help.out);
  BOOST_TEST(host({"help", "--man"}).out.find("sweep\\-member") == std::string::npos);
  BOOST_TEST(bash_offers("run --sw", NEURONLAB_TEST_SOURCE_DIR) == Words{});
  BOOST_TEST(bash_offers("run --se", NEURONLAB_TEST_SOURCE_DIR) == (Words{"--seed", "--set"}));
  // Still parsed: a sweep member is an ordinary run of the file.
  const ProcessResult run = host({"run", "--sweep-member", "--quiet",
                                  std::string(NEURONLAB_TEST_SOURCE_DIR) + "/examples/xor.yaml"});
  BOOST_TEST(run.status == 0, run.out << run.err);
}
