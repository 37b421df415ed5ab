// Building networks: neuron views and traces with hand-computed numbers, initialization
// schemes, explicit weights, and the errors a spec can cause.
#define BOOST_TEST_MODULE engine_network
#include <boost/test/unit_test.hpp>

#include <neuronlab/error.hpp>
#include <neuronlab/sdk/parallel.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <functional>
#include <stdexcept>

#include "support.hpp"
#include "support/errors.hpp"

using namespace neuronlab;
using namespace neuronlab::engine;

namespace {

LayerSpec explicit_layer(std::vector<std::vector<double>> w, std::vector<double> b,
                         const std::string& activation) {
  LayerSpec l = support::layer(w.size(), activation);
  l.weights = std::move(w);
  l.bias = std::move(b);
  return l;
}

using neuronlab::test::error_of;

}  // namespace

BOOST_AUTO_TEST_CASE(neuron_view_and_trace_show_the_weighted_sum) {
  // Layer 1: two tanh neurons over three inputs; layer 2: one identity neuron.
  Network network(support::network(3, {explicit_layer({{0.5, -1.0, 0.25}, {0.2, 0.4, -0.6}},
                                                      {0.1, -0.3}, "tanh"),
                                       explicit_layer({{1.5, -2.0}}, {0.05}, "identity")}),
                  support::registry(), 1);
  const Neuron n = network.neuron(0, 0);
  BOOST_TEST(n.inputs == 3u);
  BOOST_TEST(n.weights[1] == -1.0f);
  BOOST_TEST(n.bias == 0.1f);

  const float observation[] = {1.0f, 2.0f, 3.0f};
  // z = 1·0.5 + 2·(−1) + 3·0.25 + 0.1 = −0.65
  const NeuronTrace first = network.trace_neuron(0, 0, observation);
  BOOST_TEST(first.inputs == std::vector<float>({1.0f, 2.0f, 3.0f}));
  BOOST_TEST(first.weighted_sum == -0.65f, boost::test_tools::tolerance(1e-6f));
  BOOST_TEST(first.normalized == first.weighted_sum);
  BOOST_TEST(first.activation == std::tanh(-0.65f), boost::test_tools::tolerance(1e-6f));

  // z = 0.2 + 0.8 − 1.8 − 0.3 = −1.1; the output neuron sees both tanh values.
  const NeuronTrace second = network.trace_neuron(0, 1, observation);
  BOOST_TEST(second.weighted_sum == -1.1f, boost::test_tools::tolerance(1e-6f));
  const NeuronTrace out = network.trace_neuron(1, 0, observation);
  const double expected = 1.5 * std::tanh(-0.65) - 2.0 * std::tanh(-1.1) + 0.05;
  BOOST_TEST(out.inputs[0] == first.activation);
  BOOST_TEST(out.inputs[1] == second.activation);
  BOOST_TEST(out.weighted_sum == expected, boost::test_tools::tolerance(1e-6));
  BOOST_TEST(out.activation == out.weighted_sum);
}

BOOST_AUTO_TEST_CASE(backward_trace_of_one_sigmoid_neuron) {
  Network network(support::network(2, {explicit_layer({{0.5, -0.25}}, {0.1}, "sigmoid")}),
                  support::registry(), 1);
  auto mse = support::registry().create<Loss>("mse");
  const float x[] = {1.0f, 2.0f};
  const float target[] = {1.0f};
  const BackwardTrace trace = network.trace_backward(x, target, *mse, 0.5);

  // z = 0.5 − 0.5 + 0.1 = 0.1, a = σ(0.1); loss = (a − 1)²; δ = 2(a − 1)·a(1 − a).
  const double a = 1.0 / (1.0 + std::exp(-0.1));
  const double delta = 2.0 * (a - 1.0) * a * (1.0 - a);
  BOOST_TEST(trace.loss == (a - 1.0) * (a - 1.0), boost::test_tools::tolerance(1e-6));
  BOOST_REQUIRE(trace.layers.size() == 1u);
  const LayerBackwardTrace& l = trace.layers[0];
  BOOST_TEST(l.delta[0] == delta, boost::test_tools::tolerance(1e-5));
  BOOST_TEST(l.weight_gradient[0] == delta * 1.0, boost::test_tools::tolerance(1e-5));
  BOOST_TEST(l.weight_gradient[1] == delta * 2.0, boost::test_tools::tolerance(1e-5));
  BOOST_TEST(l.bias_gradient[0] == delta, boost::test_tools::tolerance(1e-5));
  BOOST_TEST(l.weight_update[1] == -0.5 * delta * 2.0, boost::test_tools::tolerance(1e-5));
  BOOST_TEST(l.bias_update[0] == -0.5 * delta, boost::test_tools::tolerance(1e-5));
  // The trace changes nothing.
  BOOST_TEST(network.weights(0)(0, 0) == 0.5f);
}

BOOST_AUTO_TEST_CASE(default_init_is_torch_linear_bound_and_reproducible) {
  const auto spec =
      support::network(50, {support::layer(40, "relu"), support::layer(3, "identity")});
  Network a(spec, support::registry(), 42), b(spec, support::registry(), 42),
      c(spec, support::registry(), 43);
  const ConstMatrixView w = static_cast<const Network&>(a).weights(0);
  const float bound = 1.0f / std::sqrt(50.0f);
  float largest = 0.0f;
  double sum = 0.0, squares = 0.0;
  for (std::size_t r = 0; r < w.rows; ++r)
    for (std::size_t k = 0; k < w.cols; ++k) {
      largest = std::max(largest, std::fabs(w(r, k)));
      sum += w(r, k);
      squares += double(w(r, k)) * w(r, k);
    }
  const double n = double(w.rows * w.cols);
  BOOST_TEST(largest <= bound);
  BOOST_TEST(largest > 0.95f * bound);
  // U(−c, c) has variance c²/3; 2000 draws put the estimate within a few percent.
  BOOST_TEST(squares / n - (sum / n) * (sum / n) == bound * bound / 3.0,
             boost::test_tools::tolerance(0.1));
  for (std::size_t i = 0; i < 40; ++i) BOOST_TEST(std::fabs(a.bias(0)[i]) <= bound);
  BOOST_TEST(std::equal(a.bias(1), a.bias(1) + 3, b.bias(1)));
  BOOST_TEST(!std::equal(a.bias(1), a.bias(1) + 3, c.bias(1)));
}

BOOST_AUTO_TEST_CASE(init_schemes_have_torch_scales) {
  struct Case {
    const char* scheme;
    double expected_std;  // of the weights, 64 inputs → 32 neurons
  };
  const Case cases[] = {
      {"xavier_uniform", std::sqrt(2.0 / 96.0)},  // limit √(6/96), std limit/√3
      {"xavier_normal", std::sqrt(2.0 / 96.0)},
      {"kaiming_uniform", std::sqrt(2.0 / 64.0)},  // gain √2, fan_in 64
      {"kaiming_normal", std::sqrt(2.0 / 64.0)},
      {"uniform", 0.05 / std::sqrt(3.0)},
      {"normal", 0.05},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT(c.scheme) {
      LayerSpec l = support::layer(32, "relu");
      l.init = c.scheme;
      Network network(support::network(64, {l}), support::registry(), 3);
      const ConstMatrixView w = static_cast<const Network&>(network).weights(0);
      double squares = 0.0;
      for (std::size_t r = 0; r < w.rows; ++r)
        for (std::size_t k = 0; k < w.cols; ++k) squares += double(w(r, k)) * w(r, k);
      BOOST_TEST(std::sqrt(squares / double(w.rows * w.cols)) == c.expected_std,
                 boost::test_tools::tolerance(0.05));
      BOOST_TEST(network.bias(0)[5] == 0.0f);
    }
  }
  LayerSpec zeros = support::layer(2, "relu");
  zeros.init = "zeros";
  Network network(support::network(2, {zeros}), support::registry(), 3);
  BOOST_TEST(network.weights(0)(1, 1) == 0.0f);
}

// The engine knows no file: a spec error names its layer (0-based in LayerError), and the
// caller that read the spec puts the file position in front.
std::string layer_error(const NetworkSpec& spec) {
  try {
    Network(spec, support::registry(), 1);
  } catch (const LayerError& e) {
    return (e.layer() ? "[" + std::to_string(*e.layer()) + "] " : std::string("[network] ")) +
           e.what();
  }
  return "no error";
}

BOOST_AUTO_TEST_CASE(spec_errors_say_which_layer_and_what) {
  LayerSpec wrong = explicit_layer({{1.0, 2.0}}, {0.0}, "relu");
  BOOST_TEST(layer_error(support::network(3, {support::layer(4, "relu"), wrong})) ==
             "[1] weights row 1 has 2 values but the layer has 4 inputs; give one weight per "
             "input");

  LayerSpec scheme = support::layer(2, "relu");
  scheme.init = "xavier_unifrom";
  BOOST_TEST(layer_error(support::network(3, {scheme}))
                 .rfind("[0] unknown init 'xavier_unifrom' (did you mean 'xavier_uniform'?)", 0) ==
             0u);

  LayerSpec data_norm = support::layer(2, "relu", "standardize");
  BOOST_TEST(layer_error(support::network(3, {data_norm})) ==
             "[0] normalization 'standardize' works on input data, not inside a layer; use a "
             "layer normalization (batch_norm, layer_norm) here, or give 'standardize' as the "
             "data's normalization");

  BOOST_TEST(layer_error(support::network(3, {support::layer(2, "relux")}))
                 .rfind("[0] unknown activation 'relux'", 0) == 0u);
  BOOST_TEST(layer_error(support::network(0, {support::layer(2, "relu")})) ==
             "[network] the network has no inputs; give the data at least one feature");
}

BOOST_AUTO_TEST_CASE(parameters_list_every_tensor_in_order) {
  Network network(
      support::network(3, {support::layer(4, "relu", "batch_norm"), support::layer(2, "identity")}),
      support::registry(), 1);
  const auto& p = network.parameters();
  BOOST_REQUIRE(p.size() == 6u);
  BOOST_TEST(std::string(p[0].name) == "layer1.weight");
  BOOST_TEST(p[0].size == 12u);
  BOOST_TEST(std::string(p[1].name) == "layer1.bias");
  BOOST_TEST(std::string(p[2].name) == "layer1.norm.weight");
  BOOST_TEST(std::string(p[4].name) == "layer2.weight");
  BOOST_TEST(p[5].size == 2u);
  // A larger batch rebinds the normalization but keeps what it had learned.
  network.normalization(0)->parameter(0).value[2] = 3.5f;
  network.reserve(64);
  BOOST_TEST(network.normalization(0)->parameter(0).value[2] == 3.5f);
  BOOST_TEST(network.parameters()[2].value[2] == 3.5f);
}

BOOST_AUTO_TEST_CASE(row_slices_cover_every_row_once_and_pass_exceptions_on) {
  for (const std::size_t n :
       {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{100000}}) {
    std::vector<int> seen(n, 0);
    std::atomic<std::size_t> calls{0};
    neuronlab::for_slices(n, 1000, [&](std::size_t first, std::size_t count) {
      for (std::size_t i = first; i < first + count; ++i) ++seen[i];
      ++calls;
    });
    BOOST_TEST(std::count(seen.begin(), seen.end(), 1) == std::ptrdiff_t(n));
    BOOST_TEST((n == 0 ? calls == 0u : calls >= 1u));  // no call for an empty range
  }
  BOOST_CHECK_THROW(neuronlab::for_slices(100000, 10,
                                          [](std::size_t first, std::size_t) {
                                            if (first == 0) throw std::runtime_error("slice 0");
                                          }),
                    std::runtime_error);
}

BOOST_AUTO_TEST_CASE(a_borrowed_input_gives_the_bits_of_a_copied_one) {
  // 6 rows of 5 features inside rows of 8 values: the borrowed view keeps that stride, which
  // the forward product and the weight gradient then read through (reading the rows as if
  // they were contiguous would change every gradient of layer 1).
  const std::size_t rows = 6, inputs = 5, stride = 8;
  const std::vector<float> wide = support::uniform(rows * stride, -1.0, 1.0, 11);
  const std::vector<float> target = support::uniform(rows * 3, 0.0, 1.0, 12);
  const ConstMatrixView x(wide.data(), rows, inputs, stride);
  auto mse = support::registry().create<Loss>("mse");
  const auto spec =
      support::network(inputs, {support::layer(7, "tanh"), support::layer(3, "sigmoid")});
  Network copied(spec, support::registry(), 4), borrowed(spec, support::registry(), 4);
  copied.forward(x, true, Network::Input::copied);
  borrowed.forward(x, true, Network::Input::borrowed);
  const double loss_copied = copied.backward(*mse, support::view(target, 3));
  BOOST_TEST(borrowed.backward(*mse, support::view(target, 3)) == loss_copied);
  BOOST_TEST(loss_copied > 0.0);
  for (std::size_t t = 0; t < copied.parameters().size(); ++t) {
    const Tensor& a = copied.parameters()[t];
    const Tensor& b = borrowed.parameters()[t];
    for (std::size_t i = 0; i < a.size; ++i) {
      BOOST_TEST_INFO(a.name << "[" << i << "]");
      BOOST_TEST(a.grad[i] == b.grad[i]);
    }
  }
}
