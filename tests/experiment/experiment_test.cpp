// Reading experiment files: the values land in the right places, and every mistake is
// reported at its line and column with what is wrong and a hint.
#define BOOST_TEST_MODULE experiment_file
#include <neuronlab/experiment/experiment.hpp>

#include <boost/test/unit_test.hpp>

#include "support/errors.hpp"

using namespace neuronlab;
using namespace neuronlab::experiment;

namespace {

std::string error_of(const std::string& yaml) {
  return neuronlab::test::error_of([&] { parse_experiment(yaml, "t.yaml", "/data"); });
}

// The message up to the hint line.
std::string first_line(const std::string& message) { return message.substr(0, message.find('\n')); }

const Registry& registry() {
  static Registry r = [] {
    Registry loaded;
    loaded.load_directories({NEURONLAB_TEST_PLUGIN_DIR});
    return loaded;
  }();
  return r;
}

const std::string header = "format_version: 1\n";
const std::string small_network = "network:\n  layers:\n    - {neurons: 1, activation: sigmoid}\n";

}  // namespace

BOOST_AUTO_TEST_CASE(reads_a_complete_experiment) {
  Experiment e = parse_experiment(header + R"(kind: experiment
name: iris-mlp
seed: 42
data:
  csv: data/iris.csv
  target: species
  test_split: 0.2
  validation_split: 0.1
normalize: {name: min_max, feature_range_min: -1}
network:
  layers:
    - {neurons: 8, activation: {name: leaky_relu, negative_slope: 0.2}, init: xavier_uniform}
    - {neurons: 3, activation: softmax}
loss: categorical_cross_entropy
optimizer: {name: adam, learning_rate: 0.01, amsgrad: true}
training:
  epochs: 200
  batch_size: 16
  schedule: {name: step, step_size: 50, gamma: 0.5}
  early_stopping: {metric: loss, patience: 20}
  progress_every: 25
expect:
  test_accuracy: {at_least: 0.9}
  train_loss: {at_most: 0.5}
)",
                                  "exp/t.yaml", "exp");
  BOOST_TEST(e.name == "iris-mlp");
  BOOST_TEST(e.seed == 42u);
  BOOST_TEST(e.training.seed == 42u);
  BOOST_TEST((e.data.source == DataSpec::Source::csv));
  BOOST_TEST(e.data.csv.string() == "exp/data/iris.csv");
  BOOST_TEST(e.data.columns.target == "species");
  BOOST_TEST(e.data.columns.target_where == "exp/t.yaml:7:11");
  BOOST_TEST(e.data.test_split == 0.2);
  BOOST_TEST(e.data.validation_split == 0.1);
  BOOST_REQUIRE(e.normalize.has_value());
  BOOST_TEST(e.normalize->name == "min_max");
  BOOST_TEST(e.normalize->where == "exp/t.yaml:10:19");
  BOOST_REQUIRE(e.normalize->params.size() == 1u);
  BOOST_TEST(std::get<double>(e.normalize->params[0].second.value) == -1.0);
  BOOST_REQUIRE(e.network.layers.size() == 2u);
  BOOST_TEST(e.network.layers[0].neurons == 8u);
  BOOST_TEST(e.network.layers[0].activation == "leaky_relu");
  BOOST_TEST(e.network.layers[0].init == "xavier_uniform");
  BOOST_TEST(e.layer_places[0].layer == "exp/t.yaml:13:7");
  BOOST_TEST(e.layer_places[0].activation == "exp/t.yaml:13:39");
  BOOST_TEST(e.network.layers[1].activation == "softmax");
  BOOST_TEST(e.training.loss == "categorical_cross_entropy");
  BOOST_TEST(e.training.optimizer == "adam");
  BOOST_REQUIRE(e.training.optimizer_params.size() == 2u);
  BOOST_TEST(std::get<double>(e.training.optimizer_params[0].second.value) == 0.01);
  BOOST_TEST(std::get<bool>(e.training.optimizer_params[1].second.value) == true);
  BOOST_TEST(e.training.epochs == 200u);
  BOOST_TEST(e.training.batch_size == 16u);
  BOOST_TEST((e.training.schedule.kind == engine::Schedule::Kind::step));
  BOOST_TEST(e.training.schedule.step_size == 50u);
  BOOST_TEST(e.training.schedule.gamma == 0.5);
  BOOST_TEST(e.training.early_stopping.metric == "loss");
  BOOST_TEST(e.training.early_stopping.patience == 20u);
  BOOST_TEST(e.progress_every == 25u);
  BOOST_REQUIRE(e.expect.size() == 2u);
  BOOST_TEST(e.expect[0].metric == "test_accuracy");
  BOOST_TEST(*e.expect[0].at_least == 0.9);
  BOOST_TEST(!e.expect[0].at_most.has_value());
  BOOST_TEST(e.expect[1].metric == "train_loss");
  BOOST_TEST(*e.expect[1].at_most == 0.5);
}

BOOST_AUTO_TEST_CASE(defaults) {
  Experiment e =
      parse_experiment(header + "data: {generate: xor}\n" + small_network, "xor.yaml", ".");
  BOOST_TEST(e.name == "xor");
  BOOST_TEST(e.seed == 0u);
  BOOST_TEST((e.data.source == DataSpec::Source::generate));
  BOOST_TEST(e.data.generator == "xor");
  BOOST_TEST(e.data.test_split == 0.0);
  BOOST_TEST(e.data.shuffle);
  BOOST_TEST(!e.normalize.has_value());
  BOOST_TEST(e.training.loss.empty());  // chosen from the task by bind
  BOOST_TEST(e.training.optimizer == "adam");
  BOOST_TEST(e.training.epochs == 100u);
  BOOST_TEST(e.training.batch_size == 32u);
  BOOST_TEST((e.training.schedule.kind == engine::Schedule::Kind::constant));
  BOOST_TEST(e.network.layers[0].init == "default");
}

BOOST_AUTO_TEST_CASE(inline_tables_keep_cell_positions) {
  Experiment e = parse_experiment(header + R"(data:
  inline:
    columns: [x1, x2, y]
    rows:
      - [0, 0, no]
      - [1, 1, yes]
)" + small_network,
                                  "t.yaml", ".");
  const data::RawTable& t = e.data.table;
  BOOST_TEST(t.source == "t.yaml");
  BOOST_TEST(t.header.size() == 3u);
  BOOST_TEST(t.rows.size() == 2u);
  BOOST_TEST(t.rows[1][2].text == "yes");
  BOOST_TEST(t.rows[1][2].line == 7u);
  BOOST_TEST(t.rows[1][2].column == 16u);
  data::Dataset d = load_data(e.data, 0);
  BOOST_TEST(d.class_names == (std::vector<std::string>{"no", "yes"}));

  BOOST_TEST(error_of(header + R"(data:
  inline:
    columns: [x1, x2, y]
    rows:
      - [0, 0, no]
      - [1, yes]
)" + small_network) == "t.yaml:7:9: row 2 has 2 values but columns names 3 (one value per column)");

  e = parse_experiment(
      header + "data:\n  inline: {columns: [a, y], rows: [[1, 0], [x, 1]]}\n" + small_network,
      "t.yaml", ".");
  try {
    load_data(e.data, 0);
    BOOST_FAIL("a text feature was accepted");
  } catch (const Error& err) {
    BOOST_TEST(std::string(err.what()) ==
               "t.yaml:3:45: row 2, column 'a': 'x' is not a number (feature columns must be "
               "numeric; leave this column out with features: [...])");
  }
}

BOOST_AUTO_TEST_CASE(unknown_keys_are_named_with_a_suggestion) {
  BOOST_TEST(error_of(header + "data: {generate: xor}\nnetwork:\n  layers:\n    - {neuron: 8}\n") ==
             "t.yaml:5:8: unknown key 'neuron' in layer (did you mean 'neurons'?); allowed keys: "
             "neurons, activation, normalization, init, weights, bias");
  BOOST_TEST(error_of(header + "data: {generate: xor}\n" + small_network + "trainig: {}\n") ==
             "t.yaml:6:1: unknown key 'trainig' in an experiment file (did you mean 'training'?); "
             "allowed keys: format_version, kind, name, description, seed, data, normalize, "
             "network, loss, optimizer, training, expect, sweep, repeats, sweep_metric");
  BOOST_TEST(error_of(header + "data: {generate: xor, tets_split: 0.2}\n" + small_network) ==
             "t.yaml:2:23: unknown key 'tets_split' in data (did you mean 'test_split'?); allowed "
             "keys: csv, inline, generate, target, features, task, test_split, validation_split, "
             "shuffle");
  BOOST_TEST(error_of(header + "data: {generate: xor}\n" + small_network +
                      "expect:\n  test_acuracy: {at_least: 1}\n")
                 .find("t.yaml:7:3: unknown key 'test_acuracy' in expect (did you mean "
                       "'test_accuracy'?); allowed keys: train_loss, train_accuracy,") == 0);
  BOOST_TEST(error_of(header + "data: {generate: xor}\n" + small_network + "seed: 1\nseed: 2\n") ==
             "t.yaml:7:1: key 'seed' appears twice in an experiment file (keep one)");
}

BOOST_AUTO_TEST_CASE(batch_size_all_is_the_whole_training_set) {
  const std::string base = header + "data: {generate: xor}\n" + small_network;
  BOOST_TEST(
      parse_experiment(base + "training: {batch_size: all}\n", "t.yaml", ".").training.batch_size ==
      0u);
  BOOST_TEST(
      parse_experiment(base + "training: {batch_size: 1}\n", "t.yaml", ".").training.batch_size ==
      1u);
  BOOST_TEST(error_of(base + "training: {batch_size: most}\n") ==
             "t.yaml:6:24: batch_size must be a whole number in [0, 100000000], not 'most'\n"
             "  hint: or 'all' for the whole training set");
}

BOOST_AUTO_TEST_CASE(wrong_types_and_ranges_name_the_allowed_values) {
  const std::string base = header + "data: {generate: xor}\n" + small_network;
  BOOST_TEST(error_of(base + "training: {epochs: many}\n") ==
             "t.yaml:6:20: epochs must be a whole number in [1, 1000000], not 'many'");
  BOOST_TEST(error_of(base + "training: {epochs: 2.5}\n") ==
             "t.yaml:6:20: epochs must be a whole number in [1, 1000000], not '2.5'");
  BOOST_TEST(error_of(base + "training: {epochs: 0}\n") ==
             "t.yaml:6:20: epochs is 0, outside its range [1, 1000000]");
  BOOST_TEST(error_of(header + "data: {generate: xor, test_split: 1.5}\n" + small_network) ==
             "t.yaml:2:35: test_split is 1.5, outside its range [0, 1)");
  BOOST_TEST(error_of(header + "data: {generate: xor, test_split: 1}\n" + small_network) ==
             "t.yaml:2:35: test_split is 1, outside its range [0, 1)");
  BOOST_TEST(error_of(base + "training: {shuffle: maybe}\n") ==
             "t.yaml:6:21: training.shuffle must be true or false, not 'maybe'");
  BOOST_TEST(error_of(header + "data: {generate: xor}\nnetwork:\n  layers: []\n") ==
             "t.yaml:4:11: network.layers must be a list with at least one layer");
  BOOST_TEST(
      error_of(header + "data: {generate: xor}\nnetwork:\n  layers:\n    - {activation: relu}\n") ==
      "t.yaml:5:7: a layer needs 'neurons' (how many neurons, for example neurons: 8)");
  BOOST_TEST(error_of(header + "data: {generate: xor}\n") ==
             "t.yaml:1:1: an experiment file needs 'network' (the layers, for example network: "
             "{layers: [{neurons: 1}]})");
  BOOST_TEST(error_of(base + "expect:\n  train_accuracy: {at_least: 0.9, at_most: 0.5}\n") ==
             "t.yaml:7:19: expect.train_accuracy can never hold: at_least is above at_most");
  BOOST_TEST(error_of(base + "expect:\n  test_accuracy: {at_least: 0.9}\n") ==
             "t.yaml:7:3: test_accuracy needs test rows, but there are none (add test_split: 0.2 "
             "to data)");
  BOOST_TEST(error_of(base + "training: {early_stopping: {metric: loss}}\n") ==
             "t.yaml:6:28: early_stopping watches the validation rows, but there are none (add "
             "validation_split: 0.1 to data)");
  BOOST_TEST(error_of(base + "training: {schedule: {name: step, gama: 0.5}}\n") ==
             "t.yaml:6:41: unknown parameter 'gama' for schedule 'step' (did you mean 'gamma'?)\n"
             "  hint: its parameters are: step_size, gamma; see 'neuronlab plugins schedule/step'");
}

BOOST_AUTO_TEST_CASE(format_version_kind_and_syntax) {
  BOOST_TEST(
      error_of("format_version: 2\n") ==
      "t.yaml:1:17: format_version 2 is not supported; this neuronlab reads format_version 1");
  BOOST_TEST(error_of("name: x\n") ==
             "t.yaml:1:1: an experiment file needs 'format_version' (write format_version: 1 on "
             "the first line)");
  BOOST_TEST(error_of("") ==
             "t.yaml: the file is empty (an experiment starts with format_version: 1)");
  BOOST_TEST(error_of(header + "kind: lesson\n") ==
             "t.yaml:2:7: this file is a lesson; open it with 'neuronlab learn'");
  BOOST_TEST(error_of(header + "data: {generate: xor\n") ==
             "t.yaml:3:1: this is not valid YAML: end of map flow not found (check the "
             "indentation and the brackets around this place)");
}

BOOST_AUTO_TEST_CASE(generators_are_checked_while_reading) {
  BOOST_TEST(error_of(header + "data: {generate: spirals}\n" + small_network) ==
             "t.yaml:2:18: unknown generator 'spirals' (did you mean 'spiral'?); the generators "
             "are: and, or, xor, circles, moons, spiral, blobs, line, plane, sine");
  BOOST_TEST(error_of(header + "data: {generate: {name: spiral, classes: 20}}\n" + small_network) ==
             "t.yaml:2:42: parameter 'classes' of generator 'spiral' is 20, outside its range [2, "
             "10]\n  hint: number of arms");
  BOOST_TEST(error_of(header + "data: {generate: {name: spiral, arms: 2}}\n" + small_network) ==
             "t.yaml:2:39: unknown parameter 'arms' for generator 'spiral'\n  hint: its parameters "
             "are: samples, noise, classes; see 'neuronlab plugins generator/spiral'");
  BOOST_TEST(error_of(header + "data: {generate: xor, target: y}\n" + small_network) ==
             "t.yaml:2:31: target applies to csv: and inline: data; a generator decides its own "
             "columns and task");
}

BOOST_AUTO_TEST_CASE(unknown_plugins_are_found_before_any_work) {
  auto plugin_error = [](const std::string& yaml) {
    try {
      check_plugins(parse_experiment(yaml, "t.yaml", "."), registry());
    } catch (const Error& e) {
      return first_line(e.what());
    }
    return std::string("no error");
  };
  const std::string data = header + "data: {generate: xor}\n";
  const std::string relu_network = "network:\n  layers:\n    - {neurons: 1, activation: relu}\n";
  BOOST_TEST(plugin_error(data + "network:\n  layers:\n    - {neurons: 1, activation: rellu}\n") ==
             "t.yaml:5:32: unknown activation 'rellu' (did you mean 'relu'?)");
  BOOST_TEST(plugin_error(data + relu_network + "optimizer: {name: adom}\n") ==
             "t.yaml:6:19: unknown optimizer 'adom' (did you mean 'adam'?)");
  BOOST_TEST(
      plugin_error(data + relu_network + "optimizer: {name: sgd, dampening: 2}\n") ==
      "t.yaml:6:35: parameter 'dampening' of optimizer 'sgd' is 2, outside its range [0, 1]");
  BOOST_TEST(plugin_error(data + "network:\n  layers:\n    - {neurons: 1, activation: relu, "
                                 "normalization: standardize}\n") ==
             "t.yaml:5:53: normalization 'standardize' works on input data, not inside a network "
             "(use it as normalize: standardize at the top level; in a layer use batch_norm or "
             "layer_norm)");
  BOOST_TEST(plugin_error(data + relu_network) == "no error");
}

BOOST_AUTO_TEST_CASE(binding_checks_the_output_layer_and_metrics) {
  auto bind_error = [](const std::string& yaml) {
    const Experiment e = parse_experiment(yaml, "t.yaml", ".");
    try {
      bind(e, registry());
    } catch (const Error& err) {
      return std::string(err.what());
    }
    return std::string("no error");
  };
  const std::string spiral = header + "data: {generate: spiral, test_split: 0.2}\n";
  BOOST_TEST(bind_error(spiral + small_network) ==
             "t.yaml:5:7: the output layer has 1 neurons but the data has 3 classes (0, 1, 2), one "
             "output neuron each; use neurons: 3");
  BOOST_TEST(
      bind_error(header + "data: {generate: xor}\nnetwork:\n  layers:\n    - {neurons: 2}\n") ==
      "t.yaml:5:7: the output layer has 2 neurons but a binary task has one output neuron "
      "(the probability of '1'); use neurons: 1");
  BOOST_TEST(
      bind_error(spiral +
                 "network:\n  layers:\n    - {neurons: 3}\nexpect:\n  test_r2: {at_least: 0}\n") ==
      "t.yaml:7:3: test_r2 is measured for regression, but this task is categorical (use "
      "_accuracy or _loss)");

  const Experiment parsed =
      parse_experiment(spiral + "network:\n  layers:\n    - {neurons: 3}\n", "t.yaml", ".");
  const Experiment& e = bind(parsed, registry()).experiment;
  BOOST_TEST(e.network.inputs == 2u);
  BOOST_TEST(e.training.loss == "categorical_cross_entropy");
  BOOST_TEST(parsed.network.inputs == 0u);  // binding makes a new experiment
  BOOST_TEST(parsed.training.loss.empty());
}

// Text read from a file may not hold terminal control codes: a name printed with ESC in it
// could clear the screen or retitle the window.
BOOST_AUTO_TEST_CASE(text_with_terminal_control_codes_is_refused) {
  BOOST_TEST(
      error_of(header + "name: \"moons\\e]0;owned\\a\"\ndata: {generate: xor}\n" + small_network) ==
      "t.yaml:2:7: name holds the control character U+001B (at byte 6); text may not hold "
      "terminal control codes, which would act on the screen when it is printed (remove "
      "it)");
}
