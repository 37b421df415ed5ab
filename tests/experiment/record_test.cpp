// The run record through the host: `run --json` prints the record that the terminal text was
// written from (the same numbers, epoch by epoch), a diverged, stopped-early or interrupted
// run says so in its outcome, and mistakes that only the data reveal are reported at their
// key with exit status 2.
#define BOOST_TEST_MODULE experiment_record
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/process.hpp"
#include "support/scratch.hpp"

namespace fs = std::filesystem;
using neuronlab::test::ProcessResult;
using Json = nlohmann::json;

namespace {

const std::string source = NEURONLAB_TEST_SOURCE_DIR;

ProcessResult host(std::vector<std::string> args, const std::string& interrupt_when = {}) {
  args.insert(args.begin(), NEURONLAB_TEST_HOST);
  return neuronlab::test::run_process(args, interrupt_when);
}

fs::path scratch(const std::string& name) { return neuronlab::test::scratch_dir("record", name); }
fs::path write(const fs::path& file, const std::string& text) {
  return neuronlab::test::write_file(file, text);
}

// How the terminal text prints a number.
std::string g6(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", v);
  return buffer;
}

std::string metrics_line(const Json& m) {
  std::string out;
  for (const char* name : {"loss", "accuracy", "mse", "mae", "r2"})
    if (m.contains(name)) out += (out.empty() ? "" : "  ") + std::string(name) + " " + g6(m[name]);
  return out;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(json_and_text_show_the_same_numbers) {
  // iris with a validation split: every progress line and every final line of the text is
  // rebuilt from the JSON, and the history has one entry per epoch.
  ProcessResult r = host({"run", "--json", source + "/examples/iris.yaml"});
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  const Json record = Json::parse(r.out);
  BOOST_TEST(record["format_version"] == 1);
  BOOST_TEST(record["outcome"] == "completed");
  BOOST_TEST(record["name"] == "iris-mlp");
  const Json& history = record["history"];
  const std::size_t epochs = record["experiment"]["training"]["epochs"];
  BOOST_TEST_REQUIRE(history.size() == epochs);
  const std::size_t every = record["experiment"]["training"]["progress_every"];

  std::vector<std::string> expected;
  for (std::size_t i = 0; i < history.size(); ++i) {
    const Json& h = history[i];
    BOOST_TEST(h["epoch"] == i + 1);
    if ((i + 1) % every != 0 && i + 1 != epochs) continue;
    std::string line = "epoch " + std::to_string(i + 1) + "/" + std::to_string(epochs) + "  " +
                       metrics_line(h["train"]);
    if (!h["validation"].is_null()) line += "  | validation " + metrics_line(h["validation"]);
    expected.push_back(line);
  }
  expected.push_back("train       " + metrics_line(record["final"]["train"]));
  if (!record["final"]["validation"].is_null())
    expected.push_back("validation  " + metrics_line(record["final"]["validation"]));
  expected.push_back("test        " + metrics_line(record["final"]["test"]));
  for (const Json& c : record["checks"])
    expected.push_back(std::string(c["passed"] ? "passed  " : "FAILED  ") +
                       c["metric"].get<std::string>() + " = " + g6(c["value"]) +
                       ", expected >= " + g6(c["at_least"]));

  std::vector<std::string> text = lines(r.err);
  BOOST_TEST_REQUIRE(text.size() == expected.size() + 2);  // after the two header lines
  BOOST_TEST(text[0] == "iris-mlp: 120 training, 0 validation, 30 test rows; categorical");
  for (std::size_t i = 0; i < expected.size(); ++i) BOOST_TEST(text[i + 2] == expected[i]);
  BOOST_TEST(record["data"]["classes"] == Json({"setosa", "versicolor", "virginica"}));
  BOOST_TEST(record["weights_epoch"] == epochs);
  BOOST_TEST(record["divergence"].is_null());
}

BOOST_AUTO_TEST_CASE(early_stopping_keeps_the_best_epoch_and_says_so) {
  fs::path dir = scratch("early");
  fs::path file = write(dir / "e.yaml", R"(format_version: 1
seed: 3
data: {generate: {name: moons, samples: 200, noise: 0.3}, validation_split: 0.3}
network:
  layers: [{neurons: 16, activation: tanh}, {neurons: 1, activation: sigmoid}]
optimizer: {name: adam, learning_rate: 0.3}
training:
  epochs: 400
  early_stopping: {metric: loss, patience: 5}
)");
  ProcessResult r = host({"run", "--json", "-q", file.string()});
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  const Json record = Json::parse(r.out);
  BOOST_TEST_REQUIRE(record["outcome"] == "stopped_early");
  const std::size_t best = record["best_epoch"], ran = record["history"].size();
  BOOST_TEST_REQUIRE(best < ran);
  BOOST_TEST(record["weights_epoch"] == best);
  // The final validation metrics measure the best epoch's weights: its recorded loss.
  BOOST_TEST(record["final"]["validation"]["loss"].get<double>() ==
             record["history"][best - 1]["validation"]["loss"].get<double>());
  BOOST_TEST(record["experiment"]["training"]["early_stopping"]["restore_best"] == true);

  // -q hides the progress, not the outcome.
  r = host({"run", file.string()});
  BOOST_TEST(r.out.find("stopped early after epoch " + std::to_string(ran) + " (best epoch " +
                        std::to_string(best) + ", whose weights are kept)\n") != std::string::npos,
             r.out);

  // restore_best: false keeps the last epoch's weights.
  std::string text = neuronlab::test::slurp(file.string());
  text.replace(text.find("patience: 5}"), 12, "patience: 5, restore_best: false}");
  r = host({"run", "--json", "-q", write(dir / "last.yaml", text).string()});
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  const Json last = Json::parse(r.out);
  BOOST_TEST(last["weights_epoch"] == last["history"].size());
  BOOST_TEST(last["final"]["validation"]["loss"].get<double>() ==
             last["history"].back()["validation"]["loss"].get<double>());
}

BOOST_AUTO_TEST_CASE(divergence_is_an_outcome_with_its_place) {
  fs::path dir = scratch("diverge");
  fs::path file = write(dir / "d.yaml", R"(format_version: 1
data: {csv: )" + neuronlab::test::copy_data_set(dir, "diabetes.csv") +
                                            R"(}
network:
  layers: [{neurons: 1, activation: identity}]
optimizer: {name: sgd, learning_rate: 10}
training: {epochs: 50, batch_size: all}
)");
  ProcessResult r = host({"run", "-q", "--json", file.string()});
  BOOST_TEST(r.status == 1);
  const Json record = Json::parse(r.out);
  BOOST_TEST(record["outcome"] == "diverged");
  const Json& d = record["divergence"];
  const std::size_t epoch = d["epoch"];
  BOOST_TEST(record["history"].size() == epoch - 1);  // the epochs that finished
  BOOST_TEST(d["batch"] == 1);
  BOOST_TEST(d["learning_rate"] == 10.0);
  BOOST_TEST(d["stage"] == "weighted_sum");
  BOOST_TEST(d["layer"] == 1);
  BOOST_TEST(d["component"].is_null());
  BOOST_TEST(record["final"]["train"].is_null());
  BOOST_TEST(r.err == "neuronlab: error: " + file.string() + ":6:11: training diverged in epoch " +
                          std::to_string(epoch) + " of 50: the loss is " +
                          d["loss"].get<std::string>() +
                          " (learning_rate 10); the inputs are far from unit scale (input 's1' "
                          "reaches 301): normalize them (normalize: standardize); a learning "
                          "rate low enough to be stable on such inputs trains very slowly\n"
                          "  the first value that was not finite: layer 1's "
                          "weighted sums (batch 1 of epoch " +
                          std::to_string(epoch) + ")\n");
}

BOOST_AUTO_TEST_CASE(a_divergence_an_update_caused_names_the_optimizer_and_its_library) {
  // w = b = 0, x = 1, y = 10: the first update adds 1e38 · 20 to both, beyond float.
  fs::path dir = scratch("update");
  fs::path file = write(dir / "u.yaml", R"(format_version: 1
data: {inline: {columns: [x, y], rows: [[1, 10]]}}
network:
  layers: [{neurons: 1, weights: [[0]], bias: [0]}]
optimizer: {name: sgd, learning_rate: 1e38}
training: {epochs: 5, batch_size: all}
)");
  ProcessResult r = host({"run", "-q", "--json", file.string()});
  BOOST_TEST(r.status == 1);
  const Json d = Json::parse(r.out)["divergence"];
  BOOST_TEST(d["epoch"] == 2);
  BOOST_TEST(d["stage"] == "parameters");
  BOOST_TEST(d["kind"] == "optimizer");
  BOOST_TEST(d["component"] == "sgd");
  const std::string library = d["library"];
  BOOST_TEST(fs::path(library).filename() == "nl_optimizers.so");
  BOOST_TEST(r.err.find("\n  the first value that was not finite: layer 1's weights and biases, "
                        "after an update by the optimizer 'sgd' (" +
                        library + ") (batch 1 of epoch 2)\n") != std::string::npos,
             r.err);
}

BOOST_AUTO_TEST_CASE(ctrl_c_stops_after_the_batch_and_reports_what_was_reached) {
  fs::path dir = scratch("interrupt");
  fs::path file = write(dir / "long.yaml", R"(format_version: 1
data: {generate: {name: spiral, samples: 300}}
network:
  layers: [{neurons: 32, activation: relu}, {neurons: 3, activation: softmax}]
training: {epochs: 1000000, batch_size: 8, progress_every: 1}
)");
  ProcessResult r = host({"run", "--json", file.string()}, "epoch 2/");
  BOOST_TEST(r.status == 130, r.err);
  const Json record = Json::parse(r.out);
  BOOST_TEST(record["outcome"] == "interrupted");
  const std::size_t ran = record["history"].size();
  BOOST_TEST(ran >= 2u);
  BOOST_TEST(record["final"]["train"]["rows"] == 300);
  const std::size_t partial = record["partial_batches"];
  BOOST_TEST(partial < 38u);  // 300 rows in batches of 8
  BOOST_TEST(r.err.find("interrupted in epoch " + std::to_string(ran + 1) + " of 1000000 after " +
                        std::to_string(partial) + (partial == 1 ? " batch" : " batches") +
                        "; the metrics below measure the weights as they were then\ntrain ") !=
                 std::string::npos,
             r.err);
}

BOOST_AUTO_TEST_CASE(mistakes_the_data_reveal_point_at_their_key) {
  fs::path dir = scratch("bind");
  const std::string iris = "data: {csv: " + neuronlab::test::copy_data_set(dir, "iris.csv") + "}\n";
  const std::string diabetes =
      "data: {csv: " + neuronlab::test::copy_data_set(dir, "diabetes.csv") + "}\n";
  auto error_of = [&](const std::string& name, const std::string& body) {
    const fs::path file = write(dir / name, "format_version: 1\n" + body);
    ProcessResult r = host({"run", "-q", file.string()});
    BOOST_TEST(r.status == 2, r.err);
    BOOST_TEST(r.out == "");
    return r.err.substr(r.err.find(name) + name.size());
  };
  BOOST_TEST(error_of("bn.yaml", iris + R"(network:
  layers:
    - {neurons: 4, activation: relu, normalization: batch_norm}
    - {neurons: 3, activation: softmax}
training: {epochs: 2, batch_size: 1}
)") == ":7:35: batch_size 1 gives layer 1's normalization 'batch_norm' one row per batch, and it "
       "cannot train on one: batch_norm: training needs at least 2 rows per batch, got 1; the "
       "variance of a single value is undefined (use a batch size of 2 or more)\n");
  BOOST_TEST(error_of("cce.yaml", diabetes + R"(network:
  layers: [{neurons: 1}]
loss: categorical_cross_entropy
)") == ":5:7: loss 'categorical_cross_entropy' measures class probabilities, but this task is "
       "regression (the target 'progression' is a number); use a loss for numbers such as mse, "
       "mae or huber, or give data.task: binary or categorical if the target names classes\n");
  const std::string big = error_of("big.yaml", diabetes + R"(network:
  layers:
    - {neurons: 100000}
    - {neurons: 100000}
    - {neurons: 1}
)");
  BOOST_TEST(big.find(":6:7: the network would need at least 161 GB of memory to train its "
                      "10,001,300,001 parameters (weights, gradients, optimizer state), more than "
                      "this machine has (") == 0u,
             big);
  BOOST_TEST(big.find("); this layer alone has 10,000,100,000 parameters: use fewer neurons\n") !=
             std::string::npos);
  BOOST_TEST(error_of("stop.yaml", R"(data: {generate: xor, validation_split: 0.25}
network:
  layers: [{neurons: 1, activation: sigmoid}]
training: {early_stopping: {metric: r2}}
)") == ":5:37: early_stopping cannot watch 'r2' in a binary task; for classes watch loss or "
       "accuracy\n");
  ProcessResult device =
      host({"run", "-q", source + "/examples/xor.yaml", "--save-model", "/dev/null"});
  BOOST_TEST(device.status == 2);
  BOOST_TEST(device.out == "");
  BOOST_TEST(device.err ==
             "neuronlab: error: /dev/null: cannot save the model there: it is not a "
             "regular file (a directory, a device, a FIFO or a link), and neuronlab "
             "replaces only regular files\n");
  BOOST_TEST(fs::is_character_file("/dev/null"));
  // A plugin that refuses its input during training is named with its layer and library.
  const std::string refused = error_of("identity.yaml", iris + R"(network:
  layers: [{neurons: 3, activation: identity}]
loss: categorical_cross_entropy
)");
  BOOST_TEST(refused.find(":5:7: the loss 'categorical_cross_entropy' (") == 0u, refused);
  BOOST_TEST(refused.find("nl_losses.so): categorical_cross_entropy: prediction[0][0] = ") !=
             std::string::npos);
}

namespace {

// The record without what differs between two runs of the same experiment: the times, and
// the file name with the places in it.
Json comparable(Json record) {
  record.erase("elapsed_seconds");
  record.erase("file");
  for (Json& epoch : record["history"]) epoch.erase("elapsed_seconds");
  for (Json& check : record["checks"]) check.erase("where");
  return record;
}

}  // namespace

BOOST_AUTO_TEST_CASE(config_prints_a_file_that_trains_the_same_record) {
  fs::path dir = scratch("config");
  // Every kind of value config writes: inline data, a schedule, early stopping, plugin and
  // init parameters, explicit weights, a layer normalization, expect:.
  const fs::path everything = write(dir / "everything.yaml", R"(format_version: 1
name: everything
description: "a description: with a colon"
seed: 11
data:
  inline:
    columns: [a, b, label]
    rows: [[0.1, 1, yes], [0.4, 0, no], [0.35, 1, yes], [0.8, 0, no], [0.5, 1, yes],
           [0.9, 0, no], [0.2, 1, yes], [0.7, 0, no], [0.3, 1, no], [0.6, 0, yes]]
  task: binary
  validation_split: 0.2
  shuffle: false
normalize: {name: min_max, feature_range_min: -1}
network:
  layers:
    - {neurons: 3, activation: {name: leaky_relu, negative_slope: 0.2}, normalization: layer_norm,
       init: {name: uniform, limit: 0.3}}
    - neurons: 1
      activation: sigmoid
      weights: [[0.5, -0.25, 0.125]]
      bias: [0.1]
optimizer: {name: sgd, learning_rate: 0.3, momentum: 0.9}
training:
  epochs: 60
  batch_size: 4
  schedule: {name: step, step_size: 20}
  clip_grad_norm: 2.5
  early_stopping: {metric: accuracy, patience: 30}
expect:
  train_loss: {at_most: 10}
)");
  for (const std::string& file : {source + "/examples/iris.yaml", source + "/examples/xor.yaml",
                                  source + "/examples/diabetes.yaml", everything.string()}) {
    ProcessResult config = host({"config", file});
    BOOST_TEST_REQUIRE(config.status == 0, config.err);
    BOOST_TEST(config.err == "");
    const fs::path resolved =
        write(dir / ("resolved-" + fs::path(file).filename().string()), config.out);
    // The resolved file names its table by an absolute path, outside its own folder.
    ProcessResult again = host({"config", "--allow-outside-paths", resolved.string()});
    BOOST_TEST(again.out == config.out);  // resolving a resolved file changes nothing

    ProcessResult first = host({"run", "-q", "--json", file});
    ProcessResult second =
        host({"run", "-q", "--json", "--allow-outside-paths", resolved.string()});
    BOOST_TEST_REQUIRE(first.status == 0, first.err);
    BOOST_TEST_REQUIRE(second.status == 0, second.err);
    BOOST_TEST(comparable(Json::parse(first.out)) == comparable(Json::parse(second.out)), file);
  }

  const std::string text = neuronlab::test::slurp((dir / "resolved-everything.yaml").string());
  BOOST_TEST(text.find("  layers:\n    - neurons: 3\n      activation: {name: leaky_relu, "
                       "negative_slope: 0.2}\n      normalization: {name: layer_norm, ") !=
                 std::string::npos,
             text);
  BOOST_TEST(text.find("      init: {name: uniform, limit: 0.3}\n") != std::string::npos);
  BOOST_TEST(text.find("  schedule: {name: step, step_size: 20, gamma: 0.1}\n") !=
             std::string::npos);
  BOOST_TEST(text.find("  early_stopping:\n    metric: accuracy\n    patience: 30\n    min_delta: "
                       "0.0\n    restore_best: true\n  progress_every: 6\n") != std::string::npos);
  BOOST_TEST(text.find("description: \"a description: with a colon\"\n") != std::string::npos);

  ProcessResult none = host({"config"});
  BOOST_TEST(none.status == 2);
  BOOST_TEST(none.err.find("neuronlab config: error: give the experiment file: neuronlab config "
                           "FILE.yaml\n") == 0u);
}
