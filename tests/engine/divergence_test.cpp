// Divergence: training stops with the epoch, the learning rate and what to try, and names
// where the first non-finite value appeared (a weighted sum, the loss, the parameters).
#define BOOST_TEST_MODULE engine_divergence
#include <boost/test/unit_test.hpp>

#include <neuronlab/engine/trainer.hpp>
#include <neuronlab/error.hpp>

#include <limits>

#include "support.hpp"
#include "support/errors.hpp"

using namespace neuronlab;
using namespace neuronlab::engine;
using neuronlab::test::error_of;

namespace {

// One linear neuron, x = 1, y = 1, w = b = 0, trained for 10 epochs at lr 1e38: the first
// update (gradient −2 for both) puts w = b = 2e38, so epoch 2 predicts 4e38, beyond float,
// and the loss is infinite.
Network diverging_neuron() {
  LayerSpec neuron = support::layer(1, "identity");
  neuron.weights = std::vector<std::vector<double>>{{0.0}};
  neuron.bias = std::vector<double>{0.0};
  return Network(support::network(1, {neuron}), support::registry(), 1);
}
TrainingOptions diverging_options() {
  TrainingOptions o;
  o.epochs = 10;
  o.optimizer_params = support::params({{"learning_rate", support::number(1e38)}});
  return o;
}

}  // namespace

BOOST_AUTO_TEST_CASE(divergence_stops_with_the_epoch_and_what_to_try) {
  Network network = diverging_neuron();
  Trainer trainer(network, support::registry(), diverging_options());
  const std::vector<float> x = {1.0f}, y = {1.0f};
  BOOST_TEST(error_of([&] { trainer.fit(support::view(x, 1), support::view(y, 1)); }) ==
             "training diverged in epoch 2 of 10: the loss is infinite "
             "(learning_rate 1e+38); try a lower learning_rate (e.g. 1e+37), normalize the "
             "inputs (normalize: standardize), or clip the gradients (clip_grad_norm: 1)");
  BOOST_TEST(network.weights(0)(0, 0) == 2e38f);  // the failing step changed nothing
}

BOOST_AUTO_TEST_CASE(a_nan_loss_is_reported_as_nan) {
  Network network(support::network(1, {support::layer(1, "identity")}), support::registry(), 1);
  TrainingOptions o;
  o.epochs = 3;
  Trainer trainer(network, support::registry(), o);
  const std::vector<float> x = {1.0f}, y = {std::numeric_limits<float>::quiet_NaN()};
  BOOST_TEST(error_of([&] { trainer.fit(support::view(x, 1), support::view(y, 1)); }) ==
             "training diverged in epoch 1 of 3: the loss is nan (learning_rate 0.01); try a "
             "lower learning_rate (e.g. 0.001), normalize the inputs (normalize: standardize), "
             "or clip the gradients (clip_grad_norm: 1)");
}

BOOST_AUTO_TEST_CASE(divergence_names_where_the_first_non_finite_value_appeared) {
  // The neuron above: in epoch 2, batch 1, w = b = 2e38 are finite but z = 4e38 is not.
  Network network = diverging_neuron();
  Trainer trainer(network, support::registry(), diverging_options());
  const std::vector<float> x = {1.0f}, y = {1.0f};
  try {
    trainer.fit(support::view(x, 1), support::view(y, 1));
    BOOST_FAIL("training did not diverge");
  } catch (const Diverged& diverged) {
    const Divergence& d = diverged.divergence();
    BOOST_TEST(d.epoch == 2u);
    BOOST_TEST(d.epochs == 10u);
    BOOST_TEST(d.batch == 1u);
    BOOST_TEST(d.learning_rate == 1e38);
    BOOST_TEST(!d.nan);
    BOOST_TEST(int(d.source.stage) == int(NonFiniteSource::Stage::weighted_sum));
    BOOST_TEST(d.source.layer == 0u);
    BOOST_TEST(!d.kind);
    BOOST_TEST(d.component == "");
  }

  // A NaN target: every output is finite, so the loss is where it starts.
  Network calm(support::network(1, {support::layer(1, "sigmoid")}), support::registry(), 1);
  TrainingOptions q;
  q.epochs = 3;
  q.loss = "mse";
  Trainer quiet(calm, support::registry(), q);
  const std::vector<float> nan = {std::numeric_limits<float>::quiet_NaN()};
  try {
    quiet.fit(support::view(x, 1), support::view(nan, 1));
    BOOST_FAIL("training did not diverge");
  } catch (const Diverged& diverged) {
    const Divergence& d = diverged.divergence();
    BOOST_TEST(d.nan);
    BOOST_TEST(int(d.source.stage) == int(NonFiniteSource::Stage::loss));
    BOOST_TEST(d.source.layer == 1u);
    BOOST_TEST((d.kind && *d.kind == Kind::loss));
    BOOST_TEST(d.component == "mse");
  }

  // Parameters made infinite outside the trainer (as an optimizer's update would) are found
  // before the products that use them, and blamed on the optimizer.
  Network broken(support::network(1, {support::layer(2, "tanh"), support::layer(1, "identity")}),
                 support::registry(), 1);
  broken.weights(1)(0, 1) = std::numeric_limits<float>::infinity();
  TrainingOptions b;
  b.epochs = 1;
  Trainer hurt(broken, support::registry(), b);
  try {
    hurt.fit(support::view(x, 1), support::view(y, 1));
    BOOST_FAIL("training did not diverge");
  } catch (const Diverged& diverged) {
    const Divergence& d = diverged.divergence();
    BOOST_TEST(int(d.source.stage) == int(NonFiniteSource::Stage::parameters));
    BOOST_TEST(d.source.layer == 1u);
    BOOST_TEST((d.kind && *d.kind == Kind::optimizer));
    BOOST_TEST(d.component == "sgd");
  }
}
