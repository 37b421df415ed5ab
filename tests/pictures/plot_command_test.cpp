// `neuronlab plot` and `neuronlab run --report` driven as a user drives them: each kind
// writes a well-formed SVG where it was asked to, the terminal forms appear without --out,
// and every mistake gets its message and exit status 2, with nothing written.
#define BOOST_TEST_MODULE pictures_plot_command
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <pugixml.hpp>

#include "support/process.hpp"
#include "support/scratch.hpp"
#include "support/terminal.hpp"

namespace fs = std::filesystem;
using neuronlab::test::ProcessResult;

namespace {

const std::string source = NEURONLAB_TEST_SOURCE_DIR;

ProcessResult host(std::vector<std::string> args) {
  args.insert(args.begin(), NEURONLAB_TEST_HOST);
  return neuronlab::test::run_process(args);
}

// A trained XOR model and its run record, made once for the whole suite.
struct Trained {
  fs::path dir = neuronlab::test::scratch_dir("plot", "trained");
  fs::path model = dir / "xor.model", record = dir / "xor.json",
           rows = neuronlab::test::write_file(dir / "xor.csv",
                                              "x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n");
  Trained() {
    const ProcessResult r = host({"run", source + "/examples/xor.yaml", "--quiet", "--json",
                                  "--save-model", model.string()});
    BOOST_TEST_REQUIRE(r.status == 0, r.err);
    neuronlab::test::write_file(record, r.out);
  }
};
const Trained& trained() {
  static const Trained t;
  return t;
}

// What `neuronlab ARGS` shows on a terminal, with `environment` added; it must exit 0.
std::string on_a_terminal(std::vector<std::string> args,
                          const std::vector<std::string>& environment) {
  args.insert(args.begin(), NEURONLAB_TEST_HOST);
  neuronlab::test::Terminal t(args, environment);
  BOOST_TEST(t.finish() == 0);
  return t.screen();
}

bool well_formed_svg(const fs::path& file) {
  pugi::xml_document doc;
  return doc.load_file(file.c_str()) && std::string(doc.first_child().name()) == "svg";
}

void expect_usage_error(const std::vector<std::string>& args, const std::string& message) {
  const ProcessResult r = host(args);
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err == "neuronlab plot: error: " + message + "\nTry 'neuronlab plot --help'.\n");
  BOOST_TEST(r.out.empty());
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_kind_writes_a_well_formed_svg) {
  const Trained& t = trained();
  const fs::path dir = neuronlab::test::scratch_dir("plot", "kinds");
  const std::vector<std::vector<std::string>> commands = {
      {"curves", t.record.string()},
      {"boundary", t.model.string(), "--data", t.rows.string()},
      {"boundary", t.model.string(), "--data", source + "/examples/xor.yaml"},
      {"network", t.model.string(), "--data", t.rows.string()},
      {"network", t.model.string()},
      {"activations", "sigmoid", "tanh", "relu"},
      {"neuron", t.model.string(), "--layer", "2", "--neuron", "1", "--input", "0,1"}};
  int n = 0;
  for (std::vector<std::string> args : commands) {
    const fs::path out = dir / ("picture" + std::to_string(++n) + ".svg");
    args.insert(args.begin(), "plot");
    args.insert(args.end(), {"--out", out.string()});
    const ProcessResult r = host(args);
    BOOST_TEST(r.status == 0, args[1] << ": " << r.err);
    BOOST_TEST(r.out == "wrote " + out.string() + "\n");
    BOOST_TEST(well_formed_svg(out), args[1]);
  }
  // --out - writes the picture itself on standard output
  const ProcessResult r = host({"plot", "activations", "elu", "--out", "-"});
  BOOST_TEST(r.status == 0);
  BOOST_TEST(r.out.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ", 0) == 0);
}

BOOST_AUTO_TEST_CASE(curves_and_the_boundary_draw_in_the_terminal_without_out) {
  const Trained& t = trained();
  ProcessResult r = host({"plot", "curves", t.record.string()});
  BOOST_TEST(r.status == 0);
  BOOST_TEST(r.out.rfind("loss per epoch (log scale)\n", 0) == 0);
  r = host({"plot", "boundary", t.model.string(), "--data", t.rows.string()});
  BOOST_TEST(r.status == 0);
  BOOST_TEST(r.out.rfind("decision boundary: x1 across, x2 up\n", 0) == 0);
  BOOST_TEST(r.out.find("\x1b[") == std::string::npos);  // not a terminal: no colour
}

BOOST_AUTO_TEST_CASE(run_on_a_terminal_shows_a_live_loss_curve_in_colour_unless_no_color) {
  const std::string xor_file = source + "/examples/xor.yaml";
  const std::string coloured = on_a_terminal({"run", xor_file}, {"LANG=C.UTF-8", "TERM=xterm"});
  const std::size_t curve = coloured.find("loss per epoch");
  BOOST_TEST_REQUIRE(curve != std::string::npos, coloured);
  BOOST_TEST(coloured.find("\x1b[J") != std::string::npos);  // redrawn in place
  BOOST_TEST(coloured.find(" epoch 300/300  loss ") != std::string::npos, coloured);
  BOOST_TEST(coloured.find("passed  train_accuracy") > curve);       // the report under it
  BOOST_TEST(coloured.find("\nepoch 30/300") == std::string::npos);  // no progress lines
  BOOST_TEST(coloured.find("\x1b[38;5;", curve) != std::string::npos);
  BOOST_TEST(coloured.find("\u2500\u2500\u2500", curve) != std::string::npos);  // the axis
  const std::string plain =
      on_a_terminal({"run", xor_file}, {"LANG=C.UTF-8", "TERM=xterm", "NO_COLOR=1"});
  BOOST_TEST(plain.find("loss per epoch") != std::string::npos);
  BOOST_TEST(plain.find("\x1b[38;5;") == std::string::npos);  // no colour, cursor moves only
  // A terminal that cannot move the cursor gets progress lines and the curve at the end.
  const std::string dumb = on_a_terminal({"run", xor_file}, {"LANG=C.UTF-8", "TERM=dumb"});
  BOOST_TEST(dumb.find("\x1b[") == std::string::npos, dumb);
  BOOST_TEST(dumb.find("epoch 300/300  loss") < dumb.find("loss per epoch"), dumb);
  const std::string quiet = on_a_terminal({"run", xor_file, "--quiet"}, {"LANG=C.UTF-8"});
  BOOST_TEST(quiet.find("loss per epoch") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(mistakes_are_named_and_nothing_is_written) {
  const Trained& t = trained();
  const fs::path dir = neuronlab::test::scratch_dir("plot", "mistakes");
  const std::string out = (dir / "x.svg").string();
  expect_usage_error({"plot"},
                     "give a picture kind: curves, boundary, network, activations or neuron");
  expect_usage_error({"plot", "networks", "m"},
                     "unknown picture kind 'networks' (did you mean 'network'?); the kinds are "
                     "curves, boundary, network, activations or neuron");
  expect_usage_error({"plot", "network", t.model.string()},
                     "plot network makes an SVG picture: give --out FILE.svg (or --out -)");
  expect_usage_error({"plot", "boundary", t.model.string()},
                     "plot boundary: give the rows to draw with --data FILE.csv");
  expect_usage_error({"plot", "curves", t.record.string(), "--label", "a", "--label", "b"},
                     "plot curves: 2 --label for 1 runs; give one per run, or none");
  expect_usage_error(
      {"plot", "boundary", t.model.string(), "--data", t.rows.string(), "--grid", "1"},
      "--grid 1: give 2 to 1000 cells per axis");
  expect_usage_error({"plot", "neuron", t.model.string(), "--layer", "3", "--neuron", "1",
                      "--input", "0,1", "--out", out},
                     "--layer 3: the model has layers 1 to 2");
  expect_usage_error({"plot", "neuron", t.model.string(), "--layer", "1", "--neuron", "1",
                      "--input", "0", "--out", out},
                     "--input: the model takes 2 values (x1, x2), got 1");
  expect_usage_error({"plot", "neuron", t.model.string(), "--layer", "1", "--neuron", "1",
                      "--input", "0,zero", "--out", out},
                     "--input: 'zero' is not a number");

  // Errors in what the files hold: exit status 2, the file named.
  ProcessResult r = host({"plot", "curves", t.rows.string()});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err == "neuronlab: error: " + t.rows.string() +
                          ": this is not JSON\n  hint: give a run record, the output of "
                          "'neuronlab run FILE.yaml --json'\n");
  const fs::path wrong = neuronlab::test::write_file(dir / "wrong.csv", "x1,x2,y\n0,0,2\n");
  r = host({"plot", "boundary", t.model.string(), "--data", wrong.string(), "--out", out});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err == "neuronlab: error: " + wrong.string() +
                          ":2:5: row 1, column 'y': class '2' is not one the model knows (0, 1)\n");
  r = host({"plot", "boundary", t.model.string(), "--data", source + "/examples/iris.yaml", "--out",
            out});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err.find("its data has other columns or classes than the model") !=
             std::string::npos);
  r = host({"plot", "activations", "sigmod", "--out", out});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err.rfind("neuronlab: error: plot activations: unknown activation 'sigmod'", 0) ==
             0);
  BOOST_TEST(r.err.find("did you mean 'sigmoid'?") != std::string::npos);
  r = host({"plot", "activations", "relu", "--out", "/dev/null"});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err.find("/dev/null: cannot write the picture") != std::string::npos);
  BOOST_TEST(!fs::exists(out));  // no mistake left a file behind
}

BOOST_AUTO_TEST_CASE(run_report_writes_one_self_contained_page) {
  const fs::path dir = neuronlab::test::scratch_dir("plot", "report");
  const fs::path page = dir / "index.html";
  ProcessResult r =
      host({"run", source + "/examples/moons.yaml", "--quiet", "--report", page.string()});
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(r.out.find("wrote the report to " + page.string() + "\n") != std::string::npos);
  const std::string html = neuronlab::test::slurp(page.string());
  BOOST_TEST(html.rfind("<!DOCTYPE html>", 0) == 0);
  BOOST_TEST(html.find("<h2>Decision boundary</h2>") != std::string::npos);
  BOOST_TEST(html.find("class=\"neuron-map\"") != std::string::npos);
  r = host({"run", source + "/examples/moons.yaml", "--quiet", "--report", "/nonexistent/r.html"});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err ==
             "neuronlab: error: /nonexistent/r.html: cannot write the report there: the "
             "directory '/nonexistent' does not exist or is not writable\n");
  BOOST_TEST(r.out.empty());  // refused before training
}
