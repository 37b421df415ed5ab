// The pictures checked against the numbers they draw: every SVG is parsed as XML, its marks
// are mapped back through the scales its plot frames declare, and compared with the record,
// the network or the plugin they came from.
#define BOOST_TEST_MODULE pictures_svg
#include <boost/test/unit_test.hpp>

#include <neuronlab/experiment/experiment.hpp>
#include <neuronlab/experiment/run.hpp>
#include <neuronlab/picture/pictures.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <pugixml.hpp>
#include <sstream>

#include <fcntl.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "support/errors.hpp"
#include "support/reference.hpp"

// The writer's own pieces (not public headers).
#include "../../core/src/picture/palette.hpp"
#include "../../core/src/picture/plot.hpp"
#include "../../core/src/picture/svg.hpp"

using namespace neuronlab;
namespace pic = neuronlab::picture;

namespace {

const std::string source = NEURONLAB_TEST_SOURCE_DIR;
const Registry& registry() { return test::built_in_registry(); }

pugi::xml_document parse(const std::string& svg) {
  pugi::xml_document doc;
  const pugi::xml_parse_result ok = doc.load_string(svg.c_str());
  BOOST_TEST_REQUIRE(static_cast<bool>(ok), "not well-formed XML: " << ok.description());
  BOOST_TEST_REQUIRE(std::string(doc.first_child().name()) == "svg");
  BOOST_TEST(!doc.child("svg").child("title").text().empty());
  return doc;
}

std::vector<double> numbers(const std::string& text) {
  std::istringstream in(text);
  std::vector<double> out;
  for (double v; in >> v;) out.push_back(v);
  return out;
}

// A plot frame's scales, read from its data attributes, to turn pixels back into values.
struct Frame {
  double x, y, w, h, x_lo, x_hi, y_lo, y_hi;
  bool log;
  explicit Frame(const pugi::xml_node& g) {
    const auto f = numbers(g.attribute("data-frame").value());
    const auto xd = numbers(g.attribute("data-x-domain").value());
    const auto yd = numbers(g.attribute("data-y-domain").value());
    BOOST_TEST_REQUIRE(f.size() == 4u);
    x = f[0], y = f[1], w = f[2], h = f[3], x_lo = xd.at(0), x_hi = xd.at(1), y_lo = yd.at(0),
    y_hi = yd.at(1);
    log = std::string(g.attribute("data-y-scale").value()) == "log";
  }
  double value_x(double px) const { return x_lo + (px - x) / w * (x_hi - x_lo); }
  double value_y(double py) const {
    const double t = (y + h - py) / h;
    if (log) return std::pow(10, std::log10(y_lo) + t * (std::log10(y_hi) - std::log10(y_lo)));
    return y_lo + t * (y_hi - y_lo);
  }
  double pixel_x(double v) const { return x + (v - x_lo) / (x_hi - x_lo) * w; }
  double pixel_y(double v) const { return y + h - (v - y_lo) / (y_hi - y_lo) * h; }
};

// "M1 2L3 4" → {(1, 2), (3, 4)}
std::vector<std::pair<double, double>> path_points(const std::string& d) {
  std::vector<std::pair<double, double>> out;
  std::string spaced;
  for (char c : d) spaced += (c == 'M' || c == 'L') ? ' ' : c;
  const auto v = numbers(spaced);
  for (std::size_t i = 0; i + 1 < v.size(); i += 2) out.emplace_back(v[i], v[i + 1]);
  return out;
}

std::vector<pugi::xml_node> all(const pugi::xml_document& doc, const std::string& xpath) {
  std::vector<pugi::xml_node> out;
  for (const pugi::xpath_node& n : doc.select_nodes(xpath.c_str())) out.push_back(n.node());
  return out;
}

experiment::RunResult run(const std::string& example) {
  return experiment::run_experiment(
      experiment::read_experiment(source + "/examples/" + example + ".yaml"), registry());
}

// The relative difference allowed between a value and its mark: pixels have two decimals.
constexpr double pixel_tolerance = 0.01;

}  // namespace

BOOST_AUTO_TEST_CASE(numbers_are_short_and_the_same_every_time) {
  BOOST_TEST(pic::num(12.5) == "12.5");
  BOOST_TEST(pic::num(3.0) == "3");
  BOOST_TEST(pic::num(-0.001) == "0");
  BOOST_TEST(pic::num(-0.25) == "-0.25");
  BOOST_TEST(pic::num(1.0 / 3) == "0.33");
  BOOST_TEST(pic::num(NAN) == "0");
  BOOST_TEST(pic::escape_xml("a<b & \"c\"\x01") == "a&lt;b &amp; &quot;c&quot;");
}

BOOST_AUTO_TEST_CASE(scales_end_on_nice_values_and_ticks_are_1_2_5) {
  const pic::Scale s = pic::nice_scale(0.03, 0.97);
  BOOST_TEST(s.lo == 0.0);
  BOOST_TEST(s.hi == 1.0);
  std::string labels;
  for (const pic::Tick& t : pic::ticks(s)) labels += t.label + " ";
  BOOST_TEST(labels == "0 0.2 0.4 0.6 0.8 1.0 ");
  const pic::Scale big = pic::nice_scale(1, 300);
  BOOST_TEST(big.lo == 0.0);
  BOOST_TEST(big.hi == 300.0);
  const pic::Scale log = pic::log_scale(0.0027, 0.70);
  BOOST_TEST(log.lo == 0.001, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(log.hi == 1.0);
  labels.clear();
  for (const pic::Tick& t : pic::ticks(log)) labels += t.label + " ";
  BOOST_TEST(labels == "0.001 0.01 0.1 1 ");
  BOOST_TEST(pic::wants_log(0.0027, 0.70));
  BOOST_TEST(!pic::wants_log(0.2, 0.7));
  BOOST_TEST(pic::log_scale(0.5, 0.5).hi == 1.0);
}

BOOST_AUTO_TEST_CASE(the_palette_is_okabe_ito_and_viridis) {
  BOOST_TEST(pic::hex(pic::category(0)) == "#0072b2");
  BOOST_TEST(pic::hex(pic::category(1)) == "#d55e00");
  BOOST_TEST(pic::hex(pic::category(8)) == "#0072b2");
  BOOST_TEST(pic::hex(pic::viridis(0)) == "#440154");
  BOOST_TEST(pic::hex(pic::viridis(1)) == "#fde725");
  BOOST_TEST(pic::hex(pic::viridis(0.5)) == "#21918c");
  BOOST_TEST(pic::hex(pic::diverging(0)) == "#ffffff");
  BOOST_TEST(pic::hex(pic::diverging(-1)) == "#d55e00");
}

BOOST_AUTO_TEST_CASE(curves_have_one_point_per_epoch_on_the_records_values) {
  experiment::RunResult xor_run = run("xor");
  const experiment::RunRecord& record = xor_run.record;
  const std::string svg = pic::curves_svg({pic::curve_run(record)});
  const pugi::xml_document doc = parse(svg);
  // binary: a loss panel and an accuracy panel, each with the training series only
  const auto panels = all(doc, "//g[@class='plot']");
  BOOST_TEST(panels.size() == 2u);
  const auto loss = all(doc, "//path[@class='series'][@data-metric='loss']");
  BOOST_TEST_REQUIRE(loss.size() == 1u);
  BOOST_TEST(std::string(loss[0].attribute("data-part").value()) == "train");
  BOOST_TEST(loss[0].attribute("data-points").as_uint() == record.history.size());
  const auto points = path_points(loss[0].attribute("d").value());
  BOOST_TEST_REQUIRE(points.size() == record.history.size());
  // The loss spans more than a factor 30: a log scale, and the marks are the record's values.
  const Frame frame(loss[0].parent().parent());
  BOOST_TEST(frame.log);
  for (std::size_t e : {std::size_t{0}, std::size_t{99}, record.history.size() - 1}) {
    BOOST_TEST(frame.value_x(points[e].first) == double(record.history[e].epoch),
               boost::test_tools::tolerance(pixel_tolerance));
    BOOST_TEST(frame.value_y(points[e].second) == record.history[e].train.loss,
               boost::test_tools::tolerance(pixel_tolerance));
  }
  BOOST_TEST(svg == pic::curves_svg({pic::curve_run(record)}));  // the same bytes
}

BOOST_AUTO_TEST_CASE(overlaid_runs_get_a_series_and_a_legend_entry_each) {
  pic::CurveRun a, b;
  a.label = "adam";
  b.label = "sgd";
  a.task = b.task = data::Task::regression;
  for (std::size_t e = 1; e <= 5; ++e) {
    engine::EpochReport r;
    r.epoch = e;
    r.train.loss = 1.0 / double(e);
    r.train.mse = r.train.loss;
    r.train.mae = 0.5;
    r.train.r2 = 0.1 * double(e);
    r.validation = r.train;
    a.history.push_back(r);
    if (e <= 3) b.history.push_back(r);
  }
  a.best_epoch = 4;
  a.weights_epoch = 4;
  a.test = a.history[3].train;
  const pugi::xml_document doc = parse(pic::curves_svg({a, b}, "two optimizers"));
  BOOST_TEST(std::string(doc.child("svg").child("title").text().get()) == "two optimizers");
  BOOST_TEST(all(doc, "//g[@class='plot']").size() == 4u);  // loss, mse, mae, r2
  const auto loss = all(doc, "//path[@class='series'][@data-metric='loss']");
  BOOST_TEST(loss.size() == 4u);  // 2 runs × train and validation
  BOOST_TEST(all(doc, "//path[@data-run='sgd'][@data-metric='r2'][@data-points='3']").size() == 2u);
  BOOST_TEST(all(doc, "//path[@data-part='validation'][@stroke-dasharray]").size() == 8u);
  BOOST_TEST(all(doc, "//line[@class='best-epoch'][@data-epoch='4']").size() == 4u);
  BOOST_TEST(all(doc, "//circle[@class='test-point'][@data-run='adam']").size() == 4u);
  std::string legend;
  for (const auto& t : all(doc, "//g[@class='legend']/text"))
    legend += t.text().get() + std::string("|");
  BOOST_TEST(legend == "adam|sgd|train|validation|test (final)|best epoch|");
}

BOOST_AUTO_TEST_CASE(a_trained_xor_networks_boundary_has_the_right_class_at_the_corners) {
  experiment::RunResult xor_run = run("xor");
  BOOST_TEST_REQUIRE(xor_run.record.train->accuracy.value() == 1.0);
  const pic::ModelView model = pic::model_view(xor_run);
  const pic::Points points = pic::run_points(xor_run);
  // One batched forward pass of the whole grid: the network grew to hold it.
  const pic::ClassMap map = pic::class_map(model, {-0.5, 1.5}, {-0.5, 1.5}, 60, 40);
  BOOST_TEST(xor_run.network->max_batch() >= 2400u);
  auto cell = [&](double x, double y) {
    const std::size_t i = std::size_t((x + 0.5) / 2 * 60), j = std::size_t((1.5 - y) / 2 * 40);
    return int(map.label[j * 60 + i]);
  };
  BOOST_TEST(cell(0, 0) == 0);
  BOOST_TEST(cell(0, 1) == 1);
  BOOST_TEST(cell(1, 0) == 1);
  BOOST_TEST(cell(1, 1) == 0);

  pic::PlaneOptions options;
  options.grid = 50;
  const std::string svg = pic::boundary_svg(model, points, options);
  const pugi::xml_document doc = parse(svg);
  const Frame frame(doc.select_node("//g[@class='plot']").node());
  BOOST_TEST(frame.x_lo == -0.5);  // the points' extent, padded, on nice values
  BOOST_TEST(frame.x_hi == 1.5);
  auto class_at = [&](double x, double y) {
    const double px = frame.pixel_x(x), py = frame.pixel_y(y);
    for (const auto& r : all(doc, "//g[@class='cells']/rect")) {
      const double rx = r.attribute("x").as_double(), ry = r.attribute("y").as_double();
      if (px >= rx && px < rx + r.attribute("width").as_double() && py >= ry &&
          py < ry + r.attribute("height").as_double())
        return r.attribute("data-class").as_int();
    }
    return -1;
  };
  BOOST_TEST(class_at(0, 0) == 0);
  BOOST_TEST(class_at(0, 1) == 1);
  BOOST_TEST(class_at(1, 0) == 1);
  BOOST_TEST(class_at(1, 1) == 0);
  const auto dots = all(doc, "//g[@class='train-points']/circle");
  BOOST_TEST(dots.size() == 4u);
  for (const auto& d : dots)  // each point drawn where its row is, in its true class
    BOOST_TEST(class_at(frame.value_x(d.attribute("cx").as_double()),
                        frame.value_y(d.attribute("cy").as_double())) ==
               d.attribute("data-class").as_int());
  BOOST_TEST(svg == pic::boundary_svg(model, points, options));  // the same bytes
}

BOOST_AUTO_TEST_CASE(pictures_refuse_networks_they_cannot_draw) {
  experiment::RunResult iris = run("iris");
  const pic::ModelView model = pic::model_view(iris);
  BOOST_TEST(test::error_of([&] { pic::boundary_svg(model, pic::run_points(iris)); }) ==
             "a boundary picture needs a classifier with 2 inputs or a regression with 1 input; "
             "this model is a classifier of 3 classes with 4 inputs\n"
             "  hint: 'neuronlab plot network MODEL' draws any network");
  // A wide network is drawn with its first 16 inputs and the rest counted.
  const pugi::xml_document doc = parse(pic::network_svg(model, pic::run_points(iris)));
  BOOST_TEST(all(doc, "//line[@class='synapse']").size() ==
             4u * iris.network->neurons(0) + iris.network->neurons(0) * 3u);
  BOOST_TEST(all(doc, "//g[@class='neuron-map']").empty());  // maps need two inputs
}

BOOST_AUTO_TEST_CASE(a_regression_with_one_input_is_drawn_as_its_fitted_curve) {
  engine::NetworkSpec spec;
  spec.inputs = 1;
  engine::LayerSpec layer;
  layer.neurons = 1;
  layer.weights = std::vector<std::vector<double>>{{2.0}};
  layer.bias = std::vector<double>{1.0};
  spec.layers = {layer};
  engine::Network net(spec, registry(), 1);
  data::Dataset rows;
  rows.task = data::Task::regression;
  rows.feature_names = {"x"};
  rows.target_name = "y";
  rows.rows = 3;
  rows.x = {0, 1, 2};
  rows.y = {1.2, 2.9, 5.1};
  const pic::ModelView model{&net, nullptr, data::Task::regression, {"x"}, {}, "y"};
  const pugi::xml_document doc = parse(pic::boundary_svg(model, {&rows, nullptr}));
  const Frame frame(doc.select_node("//g[@class='plot']").node());
  const auto fit =
      path_points(doc.select_node("//path[@class='fit']").node().attribute("d").value());
  BOOST_TEST(fit.size() == 200u);
  for (const auto& [px, py] : fit)
    BOOST_TEST(frame.value_y(py) == 2 * frame.value_x(px) + 1, boost::test_tools::tolerance(0.02));
  BOOST_TEST(all(doc, "//g[@class='train-points']/circle").size() == 3u);
}

BOOST_AUTO_TEST_CASE(a_synapse_is_as_wide_as_its_weight_and_coloured_by_its_sign) {
  engine::NetworkSpec spec;
  spec.inputs = 2;
  engine::LayerSpec hidden, out;
  hidden.neurons = 2;
  hidden.activation = "tanh";
  hidden.weights = {{0.5, -2.0}, {1.0, 4.0}};
  hidden.bias = {{0.25, -0.5}};
  out.neurons = 1;
  out.activation = "sigmoid";
  out.weights = {{-1.0, 3.0}};
  out.bias = {{0.0}};
  spec.layers = {hidden, out};
  engine::Network net(spec, registry(), 1);
  const pic::ModelView model{&net, nullptr, data::Task::binary, {"a", "b"}, {"no", "yes"}, "t"};
  pic::PlaneOptions options;
  options.x = pic::Range{-1, 1};
  options.y = pic::Range{-1, 1};
  options.grid = 10;
  const pugi::xml_document doc = parse(pic::network_svg(model, {}, options));
  const auto synapses = all(doc, "//line[@class='synapse']");
  BOOST_TEST_REQUIRE(synapses.size() == 6u);
  std::vector<std::pair<double, double>> by_weight;  // (|w|, width)
  for (const auto& s : synapses) {
    const double w = s.attribute("data-weight").as_double();
    by_weight.emplace_back(std::fabs(w), s.attribute("stroke-width").as_double());
    BOOST_TEST(std::string(s.attribute("stroke").value()) == (w < 0 ? "#d55e00" : "#0072b2"));
  }
  std::sort(by_weight.begin(), by_weight.end());
  for (std::size_t i = 1; i < by_weight.size(); ++i)
    if (by_weight[i].first > by_weight[i - 1].first)
      BOOST_TEST(by_weight[i].second > by_weight[i - 1].second);
  BOOST_TEST(by_weight.back().second == 6.0);  // the largest weight gets the widest line
  // biases are shown, and with two inputs every neuron (and input) has its map
  std::string biases;
  for (const auto& t : all(doc, "//text[@class='bias']"))
    biases += t.text().get() + std::string("|");
  BOOST_TEST(biases == "b = 0.25|b = -0.5|b = 0|");
  BOOST_TEST(all(doc, "//g[@class='neuron-map']").size() == 5u);
  // Neuron 2 of layer 1 is tanh(x + 4y - 0.5); its map's cells are centred from -0.9 to 0.9.
  const pugi::xml_node map = doc.select_node("//g[@data-neuron='layer 1 neuron 2']").node();
  BOOST_TEST(map.attribute("data-high").as_double() == std::tanh(0.9 + 4 * 0.9 - 0.5),
             boost::test_tools::tolerance(1e-5));
}

BOOST_AUTO_TEST_CASE(activation_plots_pass_through_f_of_0_and_show_the_derivative) {
  const pugi::xml_document doc =
      parse(pic::activations_svg(registry(), {"sigmoid", "tanh", "relu"}));
  const auto plots = all(doc, "//g[@class='plot']");
  BOOST_TEST_REQUIRE(plots.size() == 2u);
  struct Expect {
    const char* name;
    double f0, df0, f2;
  };
  for (const Expect& e :
       {Expect{"sigmoid", 0.5, 0.25, 1 / (1 + std::exp(-2.0))},
        Expect{"tanh", 0.0, 1.0, std::tanh(2.0)}, Expect{"relu", 0.0, 0.0, 2.0}}) {
    for (int part = 0; part < 2; ++part) {
      const std::string which = part == 0 ? "function" : "derivative";
      const pugi::xml_node path =
          doc.select_node(("//path[@data-activation='" + std::string(e.name) + "'][@data-part='" +
                           which + "']")
                              .c_str())
              .node();
      BOOST_TEST_REQUIRE(path.attribute("data-points").as_uint() == 401u);
      const auto points = path_points(path.attribute("d").value());
      BOOST_TEST_REQUIRE(points.size() == 401u);
      const Frame frame(plots[std::size_t(part)]);
      BOOST_TEST(frame.value_x(points[200].first) == 0.0, boost::test_tools::tolerance(1e-9));
      BOOST_TEST(frame.value_y(points[200].second) - (part == 0 ? e.f0 : e.df0) == 0.0,
                 boost::test_tools::tolerance(0.01));
      if (part == 0)  // x = 2 is sample 300
        BOOST_TEST(frame.value_y(points[300].second) - e.f2 == 0.0,
                   boost::test_tools::tolerance(0.01));
    }
  }
  BOOST_TEST(test::error_of([] {
               pic::activations_svg(registry(), {"sigmod"});
             }).rfind("plot activations: unknown activation 'sigmod'", 0) == 0);
  BOOST_TEST(test::error_of([] { pic::activations_svg(registry(), {"relu"}, 1, 1); }) ==
             "plot activations: the interval needs from < to (got 1 to 1)");
}

BOOST_AUTO_TEST_CASE(a_neurons_computation_is_drawn_with_its_numbers) {
  pic::NeuronPicture p;
  p.trace.inputs = {1.0f, 2.0f};
  p.trace.weights = {0.5f, -1.0f};
  p.trace.bias = 0.25f;
  p.trace.weighted_sum = -1.25f;
  p.trace.normalized = -1.25f;
  p.trace.activation = std::tanh(-1.25f);
  p.input_names = {"age", "dose"};
  p.activation = "tanh";
  const pugi::xml_document doc = parse(pic::neuron_svg(p));
  const auto inputs = all(doc, "//g[@class='input']");
  BOOST_TEST_REQUIRE(inputs.size() == 2u);
  BOOST_TEST(inputs[1].attribute("data-product").as_double() == -2.0);
  const auto formulas = all(doc, "//text[@class='formula']");
  BOOST_TEST_REQUIRE(formulas.size() == 2u);
  BOOST_TEST(std::string(formulas[0].text().get()) == "z = 1·0.5 + 2·(-1) + 0.25 = -1.25");
  BOOST_TEST(std::string(formulas[1].text().get()) == "a = tanh(z) = -0.8483");
  BOOST_TEST(std::string(inputs[0].child("text").text().get()) == "age = 1");
}

BOOST_AUTO_TEST_CASE(run_records_read_back_for_curves) {
  experiment::RunResult iris = run("iris");
  const std::string path = std::string(NEURONLAB_TEST_BINARY_DIR) + "/pictures-record.json";
  std::ofstream(path) << experiment::record_json(iris.record);
  const pic::CurveRun read = pic::read_curve_run(path);
  BOOST_TEST(read.label == iris.record.experiment.name);
  BOOST_TEST(read.history.size() == iris.record.history.size());
  BOOST_TEST(read.history.back().train.loss == iris.record.history.back().train.loss);
  BOOST_TEST(read.history.back().validation.has_value() ==
             iris.record.history.back().validation.has_value());
  BOOST_TEST(read.test.has_value() == iris.record.test.has_value());
  std::ofstream(path) << "{\"format_version\": 1}";
  BOOST_TEST(test::error_of([&] { pic::read_curve_run(path); }) ==
             path +
                 ": this JSON is not a run record (it has no format_version and history)\n"
                 "  hint: give a run record, the output of 'neuronlab run FILE.yaml --json'");
  std::ofstream(path) << "epoch,loss\n1,0.5\n";
  BOOST_TEST(test::error_of([&] { pic::read_curve_run(path); }) ==
             path +
                 ": this is not JSON\n"
                 "  hint: give a run record, the output of 'neuronlab run FILE.yaml --json'");
  std::ofstream(path) << "{\"format_version\": 7, \"history\": []}";
  BOOST_TEST(test::error_of([&] { pic::read_curve_run(path); }) ==
             path +
                 ": run record format_version 7 is not one this neuronlab reads (1)\n"
                 "  hint: give a run record, the output of 'neuronlab run FILE.yaml --json'");
}

BOOST_AUTO_TEST_CASE(the_terminal_curve_fits_the_width_in_plain_ascii) {
  experiment::RunResult xor_run = run("xor");
  const pic::TerminalStyle plain{60, false, false};
  const std::string text = pic::terminal_curves({pic::curve_run(xor_run.record)}, plain, "loss", 8);
  std::istringstream in(text);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  BOOST_TEST_REQUIRE(lines.size() == 1u + 8u + 3u);  // title, rows, axis, epochs, legend
  BOOST_TEST(lines[0] == "loss per epoch (log scale)");
  for (const std::string& l : lines) {
    BOOST_TEST(l.size() <= 60u);
    for (char c : l) BOOST_TEST((c >= 0x20 && c < 0x7f));  // ASCII, no escape sequence
  }
  BOOST_TEST(lines[1].find('*') != std::string::npos);  // the first epoch, at the top left
  BOOST_TEST(lines[8].find('*') != std::string::npos);  // the last, at the bottom right
  BOOST_TEST(lines[1].substr(0, 9) == "    0.704");
  BOOST_TEST(lines.back() == "           ** train");
  const std::string coloured =
      pic::terminal_curves({pic::curve_run(xor_run.record)}, {60, true, true}, "loss", 8);
  BOOST_TEST(coloured.find("\x1b[38;5;") != std::string::npos);
  BOOST_TEST(coloured.find("\u28c0") != std::string::npos);  // braille dots
}

BOOST_AUTO_TEST_CASE(the_terminal_boundary_shows_the_classes_in_letters_without_colour) {
  experiment::RunResult xor_run = run("xor");
  const pic::ModelView model = pic::model_view(xor_run);
  const std::string text =
      pic::terminal_boundary(model, pic::run_points(xor_run), {50, false, false});
  std::istringstream in(text);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  // 40 columns of plane (50 less the labels), 16 rows; x and y from -0.5 to 1.5
  BOOST_TEST_REQUIRE(lines.size() == 1u + 16u + 4u);
  BOOST_TEST(lines[0] == "decision boundary: x1 across, x2 up");
  const std::size_t left = 9;
  auto at = [&](double x, double y) {
    return lines[1 + std::size_t((1.5 - y) / 2 * 16)][left + std::size_t((x + 0.5) / 2 * 40)];
  };
  // the four rows sit where they are, as digits of their class
  BOOST_TEST(at(0, 0) == '0');
  BOOST_TEST(at(1, 1) == '0');
  BOOST_TEST(at(0, 1) == '1');
  BOOST_TEST(at(1, 0) == '1');
  // and around them the predicted class in letters
  BOOST_TEST(std::toupper(at(-0.4, -0.4)) == 'A');
  BOOST_TEST(std::toupper(at(0.5, 0.5)) == 'B');
  BOOST_TEST(lines[18] == "         A = 0   B = 1");
}

BOOST_AUTO_TEST_CASE(terminal_style_follows_the_terminal_no_color_and_the_locale) {
  int master = -1, slave = -1;
  winsize size{};
  size.ws_col = 72;
  size.ws_row = 24;
  BOOST_TEST_REQUIRE(openpty(&master, &slave, nullptr, nullptr, &size) == 0);
  unsetenv("NO_COLOR");
  setenv("TERM", "xterm-256color", 1);
  setenv("LC_ALL", "C.UTF-8", 1);
  pic::TerminalStyle s = pic::terminal_style(slave);
  BOOST_TEST(s.colour);
  BOOST_TEST(s.unicode);
  BOOST_TEST(s.width == 72u);
  setenv("NO_COLOR", "1", 1);
  BOOST_TEST(!pic::terminal_style(slave).colour);
  setenv("NO_COLOR", "", 1);  // empty: not set, by the convention's own words
  BOOST_TEST(pic::terminal_style(slave).colour);
  setenv("TERM", "dumb", 1);
  BOOST_TEST(!pic::terminal_style(slave).colour);
  setenv("LC_ALL", "C", 1);
  BOOST_TEST(!pic::terminal_style(slave).unicode);
  // not a terminal: no colour, COLUMNS or 80 columns
  const int null = open("/dev/null", O_WRONLY);
  setenv("COLUMNS", "64", 1);
  s = pic::terminal_style(null);
  BOOST_TEST(!s.colour);
  BOOST_TEST(s.width == 64u);
  unsetenv("COLUMNS");
  BOOST_TEST(pic::terminal_style(null).width == 80u);
  close(null);
  close(master);
  close(slave);
}

BOOST_AUTO_TEST_CASE(the_report_holds_everything_and_fetches_nothing) {
  experiment::RunResult xor_run = run("xor");
  const std::string html = pic::run_report(xor_run);
  std::size_t svgs = 0;
  for (std::size_t at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 1))
    ++svgs;
  BOOST_TEST(svgs == 3u);  // curves, boundary, network
  BOOST_TEST(html.find("<h2>Decision boundary</h2>") != std::string::npos);
  BOOST_TEST(html.find("<tr><td>train</td><td>4</td><td>0.00270585</td><td>1</td></tr>") !=
             std::string::npos);
  BOOST_TEST(html.find("passed: train_accuracy = 1, expected ≥ 1") != std::string::npos);
  BOOST_TEST(html.find("kind: experiment") != std::string::npos);  // the resolved configuration
  for (const char* fetch : {"<script", "src=", "href=", "url(", "@import", "<link"})
    BOOST_TEST(html.find(fetch) == std::string::npos, fetch);
  BOOST_TEST(html.find("<?xml") == std::string::npos);  // SVGs are inline, not documents
}
