// The lesson steps that save pictures and reports: a loss surface drawn after a train step
// carries the path the neuron's two parameters took, epoch by epoch, as training printed
// them; a network step starts a new path; an experiment step's report is one HTML page in the
// work folder; and the mistakes in their options are refused with their place.
#define BOOST_TEST_MODULE lesson_picture_steps
#include <neuronlab/lesson/runner.hpp>

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <sstream>

#include "support/errors.hpp"
#include "support/process.hpp"
#include "support/reference.hpp"

using namespace neuronlab;
using namespace neuronlab::lesson;
namespace fs = std::filesystem;

namespace {

const std::string header =
    "format_version: 1\nkind: lesson\ntitle: Tiny\nobjectives: [one, two]\nsteps:\n";

// Four rows of y = 2x; one identity neuron from w = 0, b = 0; two epochs of plain gradient
// descent on all rows at rate 0.1.
const std::string line_steps = R"(  - data:
      inline: {columns: [x, y], rows: [[0, 0], [1, 2], [2, 4], [3, 6]]}
      shuffle: false
  - network:
      layers: [{neurons: 1, activation: identity, weights: [[0]], bias: [0]}]
  - train:
      optimizer: {name: sgd, learning_rate: 0.1}
      training: {epochs: 2, batch_size: all, shuffle: false}
)";

struct Ran {
  LessonResult result;
  std::string out;
  fs::path work;
};

Ran run(const std::string& steps, const std::string& name) {
  const fs::path work = fs::path(NEURONLAB_TEST_BINARY_DIR) / "lesson-picture-steps" / name;
  fs::remove_all(work);
  const Lesson lesson = parse_lesson(header + steps, "t.yaml", "/");
  std::istringstream in;
  std::ostringstream out;
  Console console{in, out, false};
  LessonStart start;
  start.work_dir = work;
  Ran r{run_lesson(lesson, test::built_in_registry(), console, "Tiny", start), "", work};
  r.out = out.str();
  return r;
}

std::string error_of(const std::string& steps) {
  return test::error_of([&] { parse_lesson(header + steps, "t.yaml", "/"); });
}

}  // namespace

// By hand, mse on y = 2x with rows x = 0..3: dL/dw = 2·mean((wx + b − y)·x), dL/db =
// 2·mean(wx + b − y). From (0, 0): dw = −14, db = −6, so (1.4, 0.6); then the errors are
// 0.6, 0, −0.6, −1.2, so dw = 2·(−4.8)/4 = −2.4 and db = 2·(−1.2)/4 = −0.6: (1.64, 0.66).
BOOST_AUTO_TEST_CASE(a_loss_surface_after_training_draws_the_path_of_w_and_b) {
  const Ran r = run(line_steps + "  - plot: loss_surface\n    save: surface.svg\n", "path");
  BOOST_TEST(r.result.completed(), r.out);
  const fs::path file = r.work / "surface.svg";
  BOOST_TEST_REQUIRE(fs::exists(file), r.out);
  const std::string svg = test::slurp(file.string());
  BOOST_TEST(svg.find("data-path=\"0,0 1.4,0.6 1.64,0.66\"") != std::string::npos, svg);
  BOOST_TEST(svg.find("<title>loss surface (mse)</title>") != std::string::npos);
  BOOST_TEST(r.out.find("picture saved: " + file.string() + "\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_network_step_after_training_starts_without_a_path) {
  const Ran r = run(line_steps + R"(  - network:
      layers: [{neurons: 1, activation: identity, weights: [[0]], bias: [0]}]
  - plot: loss_surface
    save: surface.svg
)",
                    "no-path");
  const std::string svg = test::slurp((r.work / "surface.svg").string());
  BOOST_TEST(svg.find("data-path") == std::string::npos);
  BOOST_TEST(svg.find("class=\"current\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_experiment_step_saves_its_report_in_the_work_folder) {
  const Ran r = run(R"(  - experiment:
      seed: 1
      data: {generate: and}
      network: {layers: [{neurons: 1, activation: sigmoid}]}
      loss: binary_cross_entropy
      optimizer: {name: sgd, learning_rate: 0.5}
      training: {epochs: 20, batch_size: all, progress_every: 20}
    report: and.html
)",
                    "report");
  const fs::path file = r.work / "and.html";
  BOOST_TEST(r.out.find("report saved: " + file.string() + "\n") != std::string::npos, r.out);
  const std::string html = test::slurp(file.string());
  BOOST_TEST(html.rfind("<!DOCTYPE html>", 0) == 0u, html.substr(0, 80));
  BOOST_TEST(html.find("</html>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(mistakes_in_picture_and_report_options_name_their_place) {
  BOOST_TEST(error_of(line_steps + "  - plot: {kind: loss_surface, horizontal: [2, 1]}\n") ==
             "t.yaml:14:44: plot.horizontal: from must be below to");
  BOOST_TEST(error_of(line_steps + "  - plot: {kind: loss_surface, vertical: 3}\n") ==
             "t.yaml:14:42: plot.vertical must be [from, to], two numbers: [-2, 2]");
  BOOST_TEST(error_of(line_steps + "  - plot: {kind: curves, horizontal: [0, 1]}\n") ==
             "t.yaml:14:26: plot.horizontal is for the loss_surface picture");
  BOOST_TEST(error_of("  - plot: loss_surface\n") ==
             "t.yaml:6:5: a plot step needs a network, and no step before it defines one\n"
             "  hint: put a network, train or experiment step before it");
  BOOST_TEST(error_of(line_steps + "    report: ../run.html\n") ==
             "t.yaml:14:13: report: a file name ending in .html, without a folder: the report "
             "goes into the learner's work folder");
}
