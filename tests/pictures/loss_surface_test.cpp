// The loss surface of one neuron read back from its SVG: every cell's loss is the loss at
// that cell's parameters, the lowest cell sits where the data says the best parameters are,
// the path is drawn as given, and the network keeps its own parameters.
#define BOOST_TEST_MODULE pictures_loss_surface
#include <boost/test/unit_test.hpp>

#include <neuronlab/picture/pictures.hpp>

#include <cmath>
#include <pugixml.hpp>
#include <sstream>

#include "support/errors.hpp"
#include "support/reference.hpp"

using namespace neuronlab;
namespace pic = neuronlab::picture;

namespace {

const Registry& registry() { return test::built_in_registry(); }

// y = 2x + 1 exactly, on five rows.
data::Dataset line_rows() {
  data::Dataset rows;
  rows.feature_names = {"x"};
  rows.target_name = "y";
  rows.rows = 5;
  rows.x = {-2, -1, 0, 1, 2};
  for (float x : rows.x) rows.y.push_back(2 * x + 1);
  return rows;
}

engine::Network neuron(std::size_t inputs, std::vector<double> weights, double bias,
                       const std::string& activation = "identity") {
  engine::NetworkSpec spec;
  spec.inputs = inputs;
  engine::LayerSpec layer;
  layer.neurons = 1;
  layer.activation = activation;
  layer.weights = std::vector<std::vector<double>>{std::move(weights)};
  layer.bias = std::vector<double>{bias};
  spec.layers = {layer};
  return engine::Network(spec, registry(), 1);
}

std::vector<double> numbers(const std::string& text) {
  std::istringstream in(text);
  std::vector<double> out;
  for (double v; in >> v;) out.push_back(v);
  return out;
}

pugi::xml_document parse(const std::string& svg) {
  pugi::xml_document doc;
  BOOST_TEST_REQUIRE(static_cast<bool>(doc.load_string(svg.c_str())));
  return doc;
}

}  // namespace

BOOST_AUTO_TEST_CASE(each_cell_holds_the_mse_at_its_centre_and_the_lowest_is_at_w2_b1) {
  engine::Network net = neuron(1, {0.0}, 0.0);
  const data::Dataset rows = line_rows();
  const auto mse = registry().create<Loss>("mse");
  pic::SurfaceOptions o;
  o.grid = 20;
  o.x = pic::Range{0, 4};
  o.y = pic::Range{-1, 3};
  o.loss_name = "mse";
  const pugi::xml_document doc = parse(pic::loss_surface_svg(net, *mse, rows, o));
  const auto cells = doc.select_nodes("//g[@class='cells']/rect");
  BOOST_TEST_REQUIRE(cells.size() == 400u);
  // Cell (i, j): w at the centre of column i, b at the centre of row j from the top.
  double lowest = INFINITY;
  std::size_t at = 0;
  for (std::size_t k = 0; k < cells.size(); ++k) {
    const std::size_t i = k % 20, j = k / 20;
    const double w = 0 + 4 * (i + 0.5) / 20, b = 3 - 4 * (j + 0.5) / 20;
    double want = 0;
    for (std::size_t r = 0; r < rows.rows; ++r) {
      const double e = w * rows.x[r] + b - rows.y[r];
      want += e * e / rows.rows;
    }
    const double got = std::stod(cells[k].node().attribute("data-loss").value());
    BOOST_TEST(got == want, boost::test_tools::tolerance(1e-4));
    if (got < lowest) lowest = got, at = k;
  }
  // The best cell's centre is within half a cell (0.1) of w = 2, b = 1 (here on a border).
  BOOST_TEST(std::fabs(0 + 4 * (at % 20 + 0.5) / 20 - 2.0) <= 0.1 + 1e-9);
  BOOST_TEST(std::fabs(3 - 4 * (at / 20 + 0.5) / 20 - 1.0) <= 0.1 + 1e-9);
  // The network is left as it was, and drawn where it is.
  BOOST_TEST(net.weights(0)(0, 0) == 0.0f);
  BOOST_TEST(net.bias(0)[0] == 0.0f);
  const auto domain =
      numbers(doc.select_node("//g[@class='colour-bar']").node().attribute("data-domain").value());
  BOOST_TEST_REQUIRE(domain.size() == 2u);
  BOOST_TEST(domain[0] == lowest, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(std::string(doc.select_node("//title").node().text().get()) == "loss surface (mse)");
}

BOOST_AUTO_TEST_CASE(the_path_is_drawn_through_its_points_and_sets_the_default_range) {
  engine::Network net = neuron(2, {0.5, -0.5}, 0.3, "sigmoid");
  data::Dataset rows;
  rows.task = data::Task::binary;
  rows.feature_names = {"x1", "x2"};
  rows.class_names = {"0", "1"};
  rows.rows = 4;
  rows.x = {0, 0, 0, 1, 1, 0, 1, 1};
  rows.y = {0, 0, 0, 1};
  const auto bce = registry().create<Loss>("binary_cross_entropy");
  pic::SurfaceOptions o;
  o.path = {{0.0, 0.0}, {0.25, -0.25}, {0.5, -0.5}};
  const pugi::xml_document doc = parse(pic::loss_surface_svg(net, *bce, rows, o));
  const pugi::xml_node path = doc.select_node("//g[@class='path']/path").node();
  BOOST_TEST(std::string(path.attribute("data-path").value()) == "0,0 0.25,-0.25 0.5,-0.5");
  const auto x =
      numbers(doc.select_node("//g[@class='plot']").node().attribute("data-x-domain").value());
  BOOST_TEST_REQUIRE(x.size() == 2u);
  BOOST_TEST(x[0] <= -1.0);  // the path spans [0, 0.5]; the margin is at least 1 either side
  BOOST_TEST(x[1] >= 1.5);
  BOOST_TEST(doc.select_nodes("//circle[@class='start']").size() == 1u);
  BOOST_TEST(doc.select_nodes("//circle[@class='current']").size() == 1u);
  // The bias was held: the network still has its own.
  BOOST_TEST(net.bias(0)[0] == 0.3f);
}

BOOST_AUTO_TEST_CASE(a_network_that_is_not_one_neuron_is_refused_with_what_it_is) {
  engine::NetworkSpec spec;
  spec.inputs = 2;
  engine::LayerSpec hidden, out;
  hidden.neurons = 2;
  out.neurons = 1;
  spec.layers = {hidden, out};
  engine::Network net(spec, registry(), 1);
  const auto mse = registry().create<Loss>("mse");
  data::Dataset rows = line_rows();
  BOOST_TEST(test::error_of([&] { pic::loss_surface_svg(net, *mse, rows, {}); }) ==
             "a loss surface is drawn for one neuron with 1 or 2 inputs and no normalization "
             "(its two parameters are the axes); this network has 2 layer(s), 1 output(s) and 2 "
             "input(s)");
}
