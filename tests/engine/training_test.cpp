// Training: PyTorch reference trajectories (tests/fixtures/engine/trajectories.yaml, written by
// tests/fixtures/gen_engine.py), XOR, reproducibility, schedules, early stopping, stop
// requests and option errors. Metrics and divergence have their own suites.
#define BOOST_TEST_MODULE engine_training
#include <boost/test/unit_test.hpp>

#include <neuronlab/engine/trainer.hpp>
#include <neuronlab/error.hpp>

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <csignal>

#include "support.hpp"
#include "support/errors.hpp"

using namespace neuronlab;
using namespace neuronlab::engine;

namespace {

std::vector<float> floats(const YAML::Node& node) {
  std::vector<float> out;
  for (const auto& v : node) out.push_back(v.as<float>());
  return out;
}
std::vector<double> doubles(const YAML::Node& node) {
  std::vector<double> out;
  for (const auto& v : node) out.push_back(v.as<double>());
  return out;
}

struct Reference {
  YAML::Node root;
  Reference() {
    root = YAML::LoadFile(std::string(NEURONLAB_TEST_SOURCE_DIR) +
                          "/tests/fixtures/engine/trajectories.yaml");
  }
};

// The case's network with the fixture's initial weights.
NetworkSpec spec_of(const YAML::Node& c) {
  const auto sizes = c["sizes"].as<std::vector<std::size_t>>();
  NetworkSpec spec;
  spec.inputs = sizes[0];
  for (std::size_t l = 1; l < sizes.size(); ++l) {
    LayerSpec layer =
        support::layer(sizes[l], l + 1 == sizes.size() ? c["output"].as<std::string>()
                                                       : c["hidden"].as<std::string>());
    const std::vector<double> w = doubles(c["initial"][l - 1]["weight"]);
    std::vector<std::vector<double>> rows(sizes[l]);
    for (std::size_t r = 0; r < sizes[l]; ++r)
      rows[r].assign(w.begin() + r * sizes[l - 1], w.begin() + (r + 1) * sizes[l - 1]);
    layer.weights = rows;
    layer.bias = doubles(c["initial"][l - 1]["bias"]);
    spec.layers.push_back(layer);
  }
  return spec;
}

TrainingOptions options_of(const YAML::Node& c) {
  TrainingOptions o;
  o.epochs = c["epochs"].as<std::size_t>();
  o.batch_size = c["batch_size"].as<std::size_t>();
  o.shuffle = false;
  o.loss = c["loss"].as<std::string>();
  o.task = o.loss == "mse" ? data::Task::regression : data::Task::categorical;
  o.optimizer = c["optimizer"]["name"].as<std::string>();
  for (const auto& entry : c["optimizer"]) {
    const std::string key = entry.first.as<std::string>();
    if (key != "name")
      o.optimizer_params.emplace_back(key, support::number(entry.second.as<double>()));
  }
  const auto step = c["step_schedule"].as<std::vector<double>>();
  if (!step.empty()) {
    o.schedule.kind = Schedule::Kind::step;
    o.schedule.step_size = static_cast<std::size_t>(step[0]);
    o.schedule.gamma = step[1];
  }
  o.clip_grad_norm = c["clip_grad_norm"].as<double>();
  o.weight_decay = c["weight_decay"].as<double>();
  return o;
}

// Float32 trajectories drift apart in their last bits as rounding differs: PyTorch's products,
// and the engine's with or without FMA (a native AVX2/AVX-512 build uses it, the portable
// build does not). 2e-5 relative after up to 20 epochs covers both builds; the largest
// deviation seen is 1.0e-5, in the native build (a weight of 0.0108 after 19 Adam epochs).
constexpr double trajectory_tolerance = 2e-5;

void follow_trajectory(const std::string& name) {
  static const Reference reference;
  const YAML::Node c = reference.root[name];
  BOOST_REQUIRE(c);
  Network network(spec_of(c), support::registry(), 0);
  Trainer trainer(network, support::registry(), options_of(c));
  const std::vector<float> x = floats(c["x"]), y = floats(c["y"]);
  const std::size_t outputs = network.outputs();
  const TrainingResult result = trainer.fit(
      support::view(x, network.inputs()), support::view(y, outputs),
      [&](const EpochReport& report) {
        const YAML::Node expected = c["epochs_after"][report.epoch - 1];
        BOOST_TEST_CONTEXT(name << " epoch " << report.epoch) {
          const double loss = expected["loss"].as<double>();
          BOOST_TEST_INFO("loss " << report.train.loss << " vs " << loss);
          BOOST_TEST(support::close(report.train.loss, loss, trajectory_tolerance, 1e-2));
          for (std::size_t l = 0; l < network.layer_count(); ++l) {
            const std::vector<double> w = doubles(expected["layers"][l]["weight"]);
            const std::vector<double> b = doubles(expected["layers"][l]["bias"]);
            const ConstMatrixView got = static_cast<const Network&>(network).weights(l);
            for (std::size_t i = 0; i < w.size(); ++i) {
              BOOST_TEST_INFO("layer " << l + 1 << " weight " << i << ": " << got.data[i] << " vs "
                                       << w[i]);
              BOOST_TEST(support::close(got.data[i], w[i], trajectory_tolerance, 1e-2));
            }
            for (std::size_t i = 0; i < b.size(); ++i) {
              BOOST_TEST_INFO("layer " << l + 1 << " bias " << i << ": " << network.bias(l)[i]
                                       << " vs " << b[i]);
              BOOST_TEST(support::close(network.bias(l)[i], b[i], trajectory_tolerance, 1e-2));
            }
          }
        }
      });
  BOOST_TEST(result.history.size() == c["epochs"].as<std::size_t>());
}

using neuronlab::test::error_of;

}  // namespace

BOOST_AUTO_TEST_CASE(sgd_with_momentum_matches_pytorch) { follow_trajectory("sgd_mse"); }

BOOST_AUTO_TEST_CASE(adam_with_fused_softmax_cross_entropy_matches_pytorch) {
  follow_trajectory("adam_softmax_ce");
}

BOOST_AUTO_TEST_CASE(mini_batches_schedule_clipping_and_decay_match_pytorch) {
  follow_trajectory("sgd_schedule_clip_decay");
}

BOOST_AUTO_TEST_CASE(xor_is_learned_by_two_four_one) {
  const std::vector<float> x = {0, 0, 0, 1, 1, 0, 1, 1};
  const std::vector<float> y = {0, 1, 1, 0};
  Network network(support::network(2, {support::layer(4, "tanh"), support::layer(1, "sigmoid")}),
                  support::registry(), 1);
  TrainingOptions o;
  o.epochs = 500;
  o.task = data::Task::binary;
  o.loss = "binary_cross_entropy";
  o.optimizer = "adam";
  o.optimizer_params = support::params({{"learning_rate", support::number(0.05)}});
  Trainer trainer(network, support::registry(), o);
  const TrainingResult result = trainer.fit(support::view(x, 2), support::view(y, 1));
  const Metrics m = trainer.evaluate(support::view(x, 2), support::view(y, 1));
  BOOST_TEST(m.accuracy.value() == 1.0);
  BOOST_TEST(m.loss < 0.1);
  BOOST_TEST(result.history.back().train.loss < result.history.front().train.loss);
  const std::vector<float> p = trainer.predict(support::view(x, 2));
  BOOST_TEST(p[0] < 0.5f);
  BOOST_TEST(p[1] > 0.5f);
  BOOST_TEST(p[2] > 0.5f);
  BOOST_TEST(p[3] < 0.5f);
}

BOOST_AUTO_TEST_CASE(same_seed_gives_bit_identical_training) {
  const std::vector<float> x = support::uniform(40 * 3, -1.0, 1.0, 1);
  const std::vector<float> y = support::uniform(40 * 2, -1.0, 1.0, 2);
  auto train = [&](std::uint64_t seed) {
    Network network(support::network(3, {support::layer(8, "relu", "batch_norm"),
                                         support::layer(2, "identity")}),
                    support::registry(), seed);
    TrainingOptions o;
    o.epochs = 15;
    o.batch_size = 7;  // a smaller last batch
    o.seed = seed;
    o.optimizer = "adam";
    Trainer trainer(network, support::registry(), o);
    const TrainingResult result = trainer.fit(support::view(x, 3), support::view(y, 2));
    std::vector<float> out = trainer.predict(support::view(x, 3));
    out.push_back(static_cast<float>(result.history.back().train.loss));
    return out;
  };
  const std::vector<float> a = train(5), b = train(5), c = train(6);
  BOOST_TEST(a == b);
  BOOST_TEST(a != c);
}

BOOST_AUTO_TEST_CASE(a_last_batch_of_one_row_joins_the_one_before_under_batch_norm) {
  // 9 rows in batches of 4 would leave one row, which batch norm cannot normalize.
  const std::vector<float> x = support::uniform(9 * 3, -1.0, 1.0, 7);
  const std::vector<float> y = support::uniform(9 * 2, -1.0, 1.0, 8);
  Network network(
      support::network(3, {support::layer(4, "relu", "batch_norm"), support::layer(2, "identity")}),
      support::registry(), 3);
  TrainingOptions o;
  o.epochs = 3;
  o.batch_size = 4;
  o.optimizer = "sgd";
  Trainer trainer(network, support::registry(), o);
  const TrainingResult result = trainer.fit(support::view(x, 3), support::view(y, 2));
  BOOST_TEST(result.history.size() == 3u);
  BOOST_TEST(std::isfinite(result.history.back().train.loss));
  // Without a normalization nothing is merged: the same data trains in batches 4, 4, 1.
  Network plain(support::network(3, {support::layer(4, "relu"), support::layer(2, "identity")}),
                support::registry(), 3);
  Trainer plain_trainer(plain, support::registry(), o);
  plain_trainer.fit(support::view(x, 3), support::view(y, 2));
  BOOST_TEST(plain.max_batch() == 4u);
  BOOST_TEST(network.max_batch() == 5u);
}

BOOST_AUTO_TEST_CASE(schedules_follow_torch_closed_forms) {
  Schedule s;
  BOOST_TEST(s.rate(0.1, 7) == 0.1);
  s.kind = Schedule::Kind::step;
  s.step_size = 3;
  s.gamma = 0.5;
  BOOST_TEST(s.rate(0.1, 2) == 0.1);
  BOOST_TEST(s.rate(0.1, 3) == 0.05);
  BOOST_TEST(s.rate(0.1, 7) == 0.025);
  s.kind = Schedule::Kind::exponential;
  s.gamma = 0.9;
  BOOST_TEST(s.rate(0.1, 2) == 0.081, boost::test_tools::tolerance(1e-12));
  s.kind = Schedule::Kind::cosine;
  s.t_max = 10;
  s.eta_min = 0.01;
  BOOST_TEST(s.rate(0.1, 0) == 0.1, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(s.rate(0.1, 5) == 0.055, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(s.rate(0.1, 10) == 0.01, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(the_schedule_sets_each_epochs_rate) {
  const std::vector<float> x = support::uniform(8 * 2, -1.0, 1.0, 3);
  const std::vector<float> y = support::uniform(8, -1.0, 1.0, 4);
  Network network(support::network(2, {support::layer(1, "identity")}), support::registry(), 1);
  TrainingOptions o;
  o.epochs = 4;
  o.optimizer_params = support::params({{"learning_rate", support::number(0.2)}});
  o.schedule.kind = Schedule::Kind::exponential;
  o.schedule.gamma = 0.5;
  Trainer trainer(network, support::registry(), o);
  std::vector<double> rates;
  trainer.fit(support::view(x, 2), support::view(y, 1),
              [&](const EpochReport& r) { rates.push_back(r.learning_rate); });
  BOOST_TEST(rates == std::vector<double>({0.2, 0.1, 0.05, 0.025}));
}

BOOST_AUTO_TEST_CASE(early_stopping_waits_patience_epochs) {
  const std::vector<float> x = support::uniform(20 * 2, -1.0, 1.0, 5);
  const std::vector<float> y = support::uniform(20, -1.0, 1.0, 6);
  Network network(support::network(2, {support::layer(1, "identity")}), support::registry(), 1);
  TrainingOptions o;
  o.epochs = 50;
  o.optimizer_params = support::params({{"learning_rate", support::number(0.0)}});  // no progress
  o.early_stopping.metric = "mse";
  o.early_stopping.patience = 3;
  o.validation_rows = 5;
  Trainer trainer(network, support::registry(), o);
  const TrainingResult result = trainer.fit(support::view(x, 2), support::view(y, 1));
  BOOST_TEST(result.stopped_early);
  BOOST_TEST(result.history.size() == 4u);
  BOOST_TEST(result.best_epoch == 1u);
  BOOST_TEST(result.history[0].train.rows == 15u);
  BOOST_TEST(result.history[0].validation->rows == 5u);
}

BOOST_AUTO_TEST_CASE(early_stopping_restores_the_best_epoch_unless_told_not_to) {
  // A rate so high that the validation loss gets worse after a first improvement.
  const std::vector<float> x = support::uniform(40 * 2, -1.0, 1.0, 5);
  const std::vector<float> y = support::uniform(40, -1.0, 1.0, 6);
  for (const bool restore : {true, false}) {
    Network network(support::network(2, {support::layer(4, "tanh"), support::layer(1, "identity")}),
                    support::registry(), 3);
    TrainingOptions o;
    o.epochs = 200;
    o.optimizer_params = support::params({{"learning_rate", support::number(0.3)}});
    o.early_stopping.metric = "loss";
    o.early_stopping.patience = 5;
    o.early_stopping.restore_best = restore;
    o.validation_rows = 10;
    o.shuffle = false;
    Trainer trainer(network, support::registry(), o);
    const TrainingResult result = trainer.fit(support::view(x, 2), support::view(y, 1));
    BOOST_TEST_REQUIRE(result.stopped_early);
    BOOST_TEST_REQUIRE(result.best_epoch < result.history.size());
    const std::vector<float> vx(x.end() - 20, x.end()), vy(y.end() - 10, y.end());
    const Metrics now = trainer.evaluate(support::view(vx, 2), support::view(vy, 1));
    const EpochReport& best = result.history[result.best_epoch - 1];
    const EpochReport& last = result.history.back();
    BOOST_TEST(result.weights_epoch == (restore ? result.best_epoch : last.epoch));
    BOOST_TEST(now.loss == (restore ? best : last).validation->loss);
  }
}

BOOST_AUTO_TEST_CASE(a_stop_request_ends_training_between_batches) {
  const std::vector<float> x = support::uniform(8 * 2, -1.0, 1.0, 5);
  const std::vector<float> y = support::uniform(8, -1.0, 1.0, 6);
  Network network(support::network(2, {support::layer(1, "identity")}), support::registry(), 1);
  TrainingOptions o;
  o.epochs = 10;
  o.batch_size = 2;
  Trainer trainer(network, support::registry(), o);
  volatile std::sig_atomic_t stop = 0;
  trainer.set_stop_request(&stop);
  std::vector<double> elapsed;
  const TrainingResult result =
      trainer.fit(support::view(x, 2), support::view(y, 1), [&](const EpochReport& r) {
        elapsed.push_back(r.elapsed_seconds);
        if (r.epoch == 3) stop = 1;
      });
  BOOST_TEST(result.interrupted);
  BOOST_TEST(!result.stopped_early);
  BOOST_TEST(result.history.size() == 3u);
  BOOST_TEST(result.weights_epoch == 3u);
  BOOST_TEST(elapsed.size() == 3u);
  BOOST_TEST((elapsed[0] >= 0.0 && elapsed[0] <= elapsed[1] && elapsed[1] <= elapsed[2]));
}

BOOST_AUTO_TEST_CASE(option_errors_name_the_problem) {
  Network network(support::network(1, {support::layer(1, "identity")}), support::registry(), 1);
  TrainingOptions o;
  o.early_stopping.metric = "accuracy";
  BOOST_TEST(error_of([&] { Trainer(network, support::registry(), o); }) ==
             "early_stopping cannot watch 'accuracy'; for regression use loss, "
             "mse, mae or r2");
  o.early_stopping.metric = "loss";
  Trainer trainer(network, support::registry(), o);
  const std::vector<float> x = {1.0f, 2.0f}, y = {1.0f, 2.0f};
  BOOST_TEST(error_of([&] { trainer.fit(support::view(x, 1), support::view(y, 1)); }) ==
             "early_stopping watches the validation loss but there is no "
             "validation data; set validation_rows (or a validation split)");
}
