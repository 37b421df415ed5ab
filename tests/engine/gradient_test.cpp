// Backpropagation against numeric gradients, for networks built from every activation, loss
// and layer normalization the registry holds (so a new plugin is checked without anyone
// adding it here), and the checker itself against a deliberately wrong backward.
#define BOOST_TEST_MODULE engine_gradients
#include <boost/test/unit_test.hpp>

#include <neuronlab/sdk/abi.h>
#include <neuronlab/engine/gradcheck.hpp>

#include <algorithm>
#include <cstring>

#include "support.hpp"

using namespace neuronlab;
using namespace neuronlab::engine;

namespace {

constexpr double tolerance = 1e-2;  // relative error in float32

const std::vector<std::string> builtin_activations = {
    "identity", "step",     "sigmoid", "tanh", "relu", "leaky_relu",   "elu",    "selu",
    "softplus", "softsign", "gelu",    "silu", "mish", "hard_sigmoid", "softmax"};
const std::vector<std::string> builtin_losses = {
    "mse", "mae", "huber", "binary_cross_entropy", "categorical_cross_entropy", "hinge"};
const std::vector<std::string> builtin_normalizations = {"standardize", "min_max", "batch_norm",
                                                         "layer_norm"};

// How a loss is fed: the output activation it expects and targets it accepts.
struct LossSetup {
  std::string output;
  std::size_t outputs;
  bool one_hot;  // a 1 in one column per row
  bool binary;   // 0 or 1
};

LossSetup setup_for(const std::string& loss) {
  const ComponentInfo* info = support::registry().find(Kind::loss, loss);
  auto object = support::registry().create<Loss>(loss);
  if (const char* fused = object->fused_activation()) return {fused, 3, true, false};
  (void)info;
  if (loss == "binary_cross_entropy") return {"sigmoid", 1, false, true};
  if (loss == "hinge") return {"identity", 1, false, true};
  return {"identity", 2, false, false};
}

std::vector<float> targets(const LossSetup& s, std::size_t rows, std::uint64_t seed) {
  Random random(seed);
  std::vector<float> y(rows * s.outputs, 0.0f);
  for (std::size_t r = 0; r < rows; ++r) {
    if (s.one_hot)
      y[r * s.outputs + random.below(s.outputs)] = 1.0f;
    else
      for (std::size_t c = 0; c < s.outputs; ++c)
        y[r * s.outputs + c] =
            s.binary ? float(random.below(2)) : static_cast<float>(random.uniform(-1.0, 1.0));
  }
  return y;
}

void expect_good(const GradientCheck& check, std::size_t expected_values) {
  BOOST_TEST_MESSAGE("worst relative error " << check.worst_relative_error << " at "
                                             << check.worst_at << " (" << check.checked
                                             << " values, " << check.skipped << " at kinks)");
  BOOST_TEST_INFO("worst at " << check.worst_at << ": analytic " << check.analytic << ", numeric "
                              << check.numeric);
  BOOST_TEST(check.worst_relative_error < tolerance);
  BOOST_TEST(check.checked == expected_values);
  // Kinks are rare; a checker that skipped most values would prove nothing.
  BOOST_TEST(check.skipped * 10 <= check.checked);
}

std::size_t parameter_values(const Network& network) {
  std::size_t n = 0;
  for (const Tensor& t : network.parameters()) n += t.size;
  return n;
}

// An activation whose backward is twice the truth: the checker must notice.
class WrongTanh final : public Activation {
 public:
  void forward(ConstMatrixView x, MatrixView y) const override {
    for (std::size_t r = 0; r < x.rows; ++r)
      for (std::size_t c = 0; c < x.cols; ++c) y(r, c) = std::tanh(x(r, c));
  }
  void backward(ConstMatrixView, ConstMatrixView y, ConstMatrixView dy,
                MatrixView dx) const override {
    for (std::size_t r = 0; r < y.rows; ++r)
      for (std::size_t c = 0; c < y.cols; ++c) dx(r, c) = 2.0f * dy(r, c) * (1 - y(r, c) * y(r, c));
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(every_builtin_plugin_is_loaded) {
  for (const auto& name : builtin_activations) {
    BOOST_TEST_INFO("activation " << name);
    BOOST_TEST(support::has(Kind::activation, name));
  }
  for (const auto& name : builtin_losses) {
    BOOST_TEST_INFO("loss " << name);
    BOOST_TEST(support::has(Kind::loss, name));
  }
  for (const auto& name : builtin_normalizations) {
    BOOST_TEST_INFO("normalization " << name);
    BOOST_TEST(support::has(Kind::normalization, name));
  }
}

BOOST_AUTO_TEST_CASE(checker_catches_a_wrong_backward) {
  const std::vector<float> x = support::uniform(12, -2.0, 2.0, 5);
  const GradientCheck check = check_activation_gradient(WrongTanh(), support::view(x, 4));
  BOOST_TEST(check.checked == 12u);
  BOOST_TEST(check.worst_relative_error > 0.4);  // analytic 2f', numeric f': error 1/2
}

BOOST_AUTO_TEST_CASE(networks_of_every_activation) {
  const std::vector<float> x = support::uniform(5 * 3, -1.0, 1.0, 11);
  for (const std::string& name : support::names(Kind::activation)) {
    if (name == "step") continue;  // its derivative is 0 by definition, nothing to check
    BOOST_TEST_CONTEXT("activation " << name) {
      Network network(support::network(3, {support::layer(4, name), support::layer(2, name)}),
                      support::registry(), 7);
      auto mse = support::registry().create<Loss>("mse");
      const std::vector<float> y = support::uniform(5 * 2, 0.0, 1.0, 12);
      expect_good(check_network_gradients(network, *mse, support::view(x, 3), support::view(y, 2)),
                  parameter_values(network));

      // The plugin alone, over a wider range of inputs.
      const std::vector<float> wide = support::uniform(6 * 4, -3.0, 3.0, 13);
      expect_good(check_activation_gradient(network.activation(0), support::view(wide, 4)), 24);
    }
  }
}

BOOST_AUTO_TEST_CASE(networks_of_every_loss) {
  const std::vector<float> x = support::uniform(6 * 3, -1.0, 1.0, 21);
  for (const std::string& name : support::names(Kind::loss)) {
    BOOST_TEST_CONTEXT("loss " << name) {
      const LossSetup s = setup_for(name);
      Network network(
          support::network(3, {support::layer(4, "tanh"), support::layer(s.outputs, s.output)}),
          support::registry(), 8);
      auto loss = support::registry().create<Loss>(name);
      const std::vector<float> y = targets(s, 6, 22);
      expect_good(
          check_network_gradients(network, *loss, support::view(x, 3), support::view(y, s.outputs)),
          parameter_values(network));

      // The plugin alone, on predictions its output activation can produce.
      const std::vector<float> raw = support::uniform(6 * s.outputs, -2.0, 2.0, 23);
      std::vector<float> prediction(raw.size());
      network.activation(1).forward(support::view(raw, s.outputs),
                                    {prediction.data(), 6, s.outputs, s.outputs});
      expect_good(check_loss_gradient(*loss, support::view(prediction, s.outputs),
                                      support::view(y, s.outputs)),
                  raw.size());
      if (loss->fused_activation() != nullptr)
        expect_good(check_fused_loss_gradient(*loss, support::view(raw, s.outputs),
                                              support::view(y, s.outputs)),
                    raw.size());
    }
  }
}

BOOST_AUTO_TEST_CASE(networks_with_every_layer_normalization) {
  const std::vector<float> x = support::uniform(6 * 3, -1.0, 1.0, 31);
  const std::vector<float> y = support::uniform(6 * 2, -1.0, 1.0, 32);
  std::size_t layer_normalizations = 0;
  for (const std::string& name : support::names(Kind::normalization)) {
    if ((support::registry().find(Kind::normalization, name)->usage & NL_USAGE_LAYER) == 0)
      continue;  // data normalizations have no backward; tests/optimizer_normalization has them
    ++layer_normalizations;
    BOOST_TEST_CONTEXT("normalization " << name) {
      Network network(
          support::network(3, {support::layer(4, "tanh", name), support::layer(2, "identity")}),
          support::registry(), 9);
      auto mse = support::registry().create<Loss>("mse");
      expect_good(check_network_gradients(network, *mse, support::view(x, 3), support::view(y, 2)),
                  parameter_values(network));

      auto alone = support::registry().create<Normalization>(name);
      const std::vector<float> z = support::uniform(5 * 4, -2.0, 2.0, 33);
      std::size_t values = 20;
      alone->bind(4, 5);
      for (std::size_t i = 0; i < alone->parameter_count(); ++i) values += alone->parameter(i).size;
      expect_good(check_normalization_gradient(*alone, support::view(z, 4)), values);
    }
  }
  BOOST_TEST(layer_normalizations >= 2u);  // batch_norm, layer_norm
}

BOOST_AUTO_TEST_CASE(the_check_leaves_running_statistics_alone) {
  if (!support::has(Kind::normalization, "batch_norm")) {
    BOOST_TEST(support::has(Kind::normalization, "batch_norm"));
    return;
  }
  Network network(
      support::network(2, {support::layer(3, "relu", "batch_norm"), support::layer(1, "identity")}),
      support::registry(), 4);
  const std::vector<float> x = support::uniform(8, -1.0, 1.0, 41);
  const std::vector<float> y = support::uniform(4, -1.0, 1.0, 42);
  auto mse = support::registry().create<Loss>("mse");
  const Tensor mean = network.normalization(0)->state(0);
  const std::vector<float> before(mean.value, mean.value + mean.size);
  check_network_gradients(network, *mse, support::view(x, 2), support::view(y, 1));
  BOOST_TEST(std::equal(before.begin(), before.end(), mean.value));
}
