// The built-in activations against PyTorch (fixture written by
// tests/fixtures/gen_activation_loss.py), loaded through the registry: forward values,
// backward vector-Jacobian products, parameter defaults, strided and aliased views, and
// finite results at extreme inputs.
#define BOOST_TEST_MODULE activations
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <set>

#include "fixture.hpp"

using fixture::Matrix;
using fixture::registry;
using neuronlab::Activation;
using neuronlab::Kind;

namespace {

const char* const kActivations[] = {"identity",   "step", "sigmoid", "tanh",         "relu",
                                    "leaky_relu", "elu",  "selu",    "softplus",     "softsign",
                                    "gelu",       "silu", "mish",    "hard_sigmoid", "softmax"};

const YAML::Node& activations() {
  static const YAML::Node node = fixture::load("activations.yaml");
  return node;
}

std::shared_ptr<Activation> create(const YAML::Node& c) {
  return registry().create<Activation>(c["activation"].as<std::string>(),
                                       fixture::params(c["params"]));
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_catalog_is_complete) {
  for (const char* name : kActivations)
    BOOST_TEST(registry().find(Kind::activation, name) != nullptr, name << " is not registered");
  for (const auto& d : registry().diagnostics())
    BOOST_TEST((d.level != neuronlab::Diagnostic::Level::error), d.path << ": " << d.message);
}

// Every parameter has PyTorch's default, a range that holds it, and a line of documentation;
// and every component names its reference and formula.
BOOST_AUTO_TEST_CASE(schemas_carry_pytorch_defaults_and_docs) {
  const std::map<std::string, double> defaults = {{"leaky_relu.negative_slope", 0.01},
                                                  {"elu.alpha", 1.0},
                                                  {"softplus.beta", 1.0},
                                                  {"softplus.threshold", 20.0},
                                                  {"gelu.approximate", 0.0}};
  std::set<std::string> seen;
  for (const char* name : kActivations) {
    const neuronlab::ComponentInfo* info = registry().find(Kind::activation, name);
    BOOST_TEST_REQUIRE(info != nullptr);
    BOOST_TEST(!info->formula.empty(), name);
    BOOST_TEST(!info->reference.empty(), name);
    for (const auto& p : info->params) {
      const std::string key = std::string(name) + "." + p.name;
      seen.insert(key);
      BOOST_TEST_CONTEXT(key) {
        BOOST_TEST_REQUIRE(defaults.count(key) == 1u, "no PyTorch default recorded");
        BOOST_TEST(p.default_value == defaults.at(key));
        BOOST_TEST(!p.doc.empty());
      }
    }
  }
  BOOST_TEST(seen.size() == defaults.size());
  const neuronlab::ParamInfo* approximate =
      registry().find(Kind::activation, "gelu")->param("approximate");
  BOOST_TEST_REQUIRE(approximate != nullptr);
  BOOST_TEST(approximate->choices == (std::vector<std::string>{"none", "tanh"}),
             boost::test_tools::per_element());
}

// Each case runs on contiguous views and on views whose rows are padded with NaN, which a
// component that ignores the stride would read.
BOOST_AUTO_TEST_CASE(forward_and_backward_match_pytorch) {
  std::set<std::string> covered;
  for (const auto& c : activations()["cases"]) {
    const std::string name = c["name"].as<std::string>();
    covered.insert(c["activation"].as<std::string>());
    for (std::size_t pad : {0u, 3u}) {
      BOOST_TEST_CONTEXT("case " << name << ", row padding " << pad) {
        auto activation = create(c);
        const Matrix x(activations()["x"], pad), dy(activations()["dy"], pad);
        Matrix y(x.rows, x.cols, pad), dx(x.rows, x.cols, pad);
        activation->forward(x.cview(), y.view());
        fixture::check_close(y, c["y"], "y");
        activation->backward(x.cview(), y.cview(), dy.cview(), dx.view());
        fixture::check_close(dx, c["dx"], "dx");
        // The padding is never written.
        for (std::size_t r = 0; r < x.rows && pad; ++r)
          BOOST_TEST(std::isnan(dx.data[r * dx.stride + x.cols]));
      }
    }
  }
  for (const char* name : kActivations)
    BOOST_TEST(covered.count(name) == 1u, name << " has no PyTorch reference");
}

// The interface allows backward to write dx over dy (the engine does so to save a buffer).
BOOST_AUTO_TEST_CASE(backward_may_write_over_dy) {
  for (const auto& c : activations()["cases"]) {
    BOOST_TEST_CONTEXT("case " << c["name"].as<std::string>()) {
      auto activation = create(c);
      const Matrix x(activations()["x"]);
      Matrix y(x.rows, x.cols), g(activations()["dy"]);
      activation->forward(x.cview(), y.view());
      activation->backward(x.cview(), y.cview(), g.cview(), g.view());
      fixture::check_close(g, c["dx"], "dx written over dy");
    }
  }
}

// Far beyond the fixture's ±1000, up to ±1e38: no overflow to inf or NaN in any value or
// gradient (sigmoid, softplus, mish, elu and the gelus exponentiate or cube x). Not FLT_MAX
// itself: selu multiplies by 1.05, so its exact image is beyond float.
BOOST_AUTO_TEST_CASE(extreme_inputs_give_finite_values_and_gradients) {
  const float row[] = {-1e38f, -1e30f, -1e4f,   -1000.0f, -88.8f, -1e-30f, 0.0f,
                       1e-30f, 88.8f,  1000.0f, 1e4f,     1e30f,  1e38f};
  const std::size_t n = sizeof row / sizeof row[0];
  Matrix x(2, n), y(2, n), dy(2, n, 0, 1.0f), dx(2, n);
  for (std::size_t c = 0; c < n; ++c) {
    x.at(0, c) = row[c];
    x.at(1, c) = row[n - 1 - c];
  }
  for (const auto& c : activations()["cases"]) {
    BOOST_TEST_CONTEXT("case " << c["name"].as<std::string>()) {
      auto activation = create(c);
      activation->forward(x.cview(), y.view());
      activation->backward(x.cview(), y.cview(), dy.cview(), dx.view());
      BOOST_TEST(y.finite());
      BOOST_TEST(dx.finite());
    }
  }
  // The limits, exactly.
  auto sigmoid = registry().create<Activation>("sigmoid");
  sigmoid->forward(x.cview(), y.view());
  BOOST_TEST(y.at(0, 0) == 0.0f);
  BOOST_TEST(y.at(0, n - 1) == 1.0f);
  auto softmax = registry().create<Activation>("softmax");
  softmax->forward(x.cview(), y.view());
  BOOST_TEST(y.at(0, n - 1) == 1.0f);
  BOOST_TEST(y.at(1, 0) == 1.0f);
}

// Each row of a softmax is a distribution of its own: rows sum to 1, adding a constant to a
// row changes nothing, and the gradient of a constant upstream dy is zero.
BOOST_AUTO_TEST_CASE(softmax_rows_are_distributions) {
  auto softmax = registry().create<Activation>("softmax");
  const Matrix x(activations()["x"]);
  Matrix shifted = x, y(x.rows, x.cols), ys(x.rows, x.cols), ones(x.rows, x.cols, 0, 1.0f),
         dx(x.rows, x.cols);
  for (std::size_t c = 0; c < x.cols; ++c) shifted.at(3, c) += 50.0f;
  softmax->forward(x.cview(), y.view());
  softmax->forward(shifted.cview(), ys.view());
  for (std::size_t r = 0; r < x.rows; ++r) {
    double sum = 0;
    for (std::size_t c = 0; c < x.cols; ++c) sum += y.at(r, c);
    BOOST_TEST(sum == 1.0, boost::test_tools::tolerance(1e-6));
  }
  for (std::size_t c = 0; c < x.cols; ++c)
    BOOST_TEST(ys.at(3, c) == y.at(3, c), boost::test_tools::tolerance(1e-4f));
  softmax->backward(x.cview(), y.cview(), ones.cview(), dx.view());
  for (std::size_t r = 0; r < x.rows; ++r)
    for (std::size_t c = 0; c < x.cols; ++c) BOOST_TEST(std::fabs(dx.at(r, c)) <= 1e-7);
}

// tanh is computed from one exp rather than libm's tanh (elementwise.hpp); its float results
// must be libm's, rounded once: over every 256th float from 2^-40 to 64 with both signs, at
// the switch to the series near 0, and at ±0, ±inf and NaN.
BOOST_AUTO_TEST_CASE(tanh_rounds_as_libm_tanh_does) {
  std::vector<float> xs = {0.0f,
                           -0.0f,
                           0x1p-5f,
                           -0x1p-5f,
                           std::nextafter(0x1p-5f, 0.0f),
                           std::nextafter(-0x1p-5f, 0.0f)};
  std::uint32_t bits, last;
  const float first = 0x1p-40f, end = 64.0f;
  std::memcpy(&bits, &first, sizeof bits);
  std::memcpy(&last, &end, sizeof last);
  for (; bits < last; bits += 256) {  // every 256th float
    float x;
    std::memcpy(&x, &bits, sizeof x);
    xs.push_back(x);
    xs.push_back(-x);
  }
  const std::size_t cols = 64, rows = (xs.size() + cols - 1) / cols;
  xs.resize(rows * cols, 1.0f);
  Matrix x(rows, cols), y(rows, cols);
  x.data = xs;
  auto tanh = registry().create<Activation>("tanh");
  tanh->forward(x.cview(), y.view());
  long differ = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const float expected = static_cast<float>(std::tanh(double(xs[i])));
    differ += std::memcmp(&expected, &y.data[i], sizeof(float)) != 0;
  }
  BOOST_TEST(xs.size() > 3000000u);
  BOOST_TEST(differ == 0);

  Matrix special(1, 3), out(1, 3);
  special.data = {std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity(),
                  std::nanf("")};
  tanh->forward(special.cview(), out.view());
  BOOST_TEST(out.data[0] == 1.0f);
  BOOST_TEST(out.data[1] == -1.0f);
  BOOST_TEST(std::isnan(out.data[2]));
  BOOST_TEST(std::signbit(y.data[1]));  // tanh(−0) = −0
}
