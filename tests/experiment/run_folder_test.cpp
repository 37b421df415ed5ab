// A run kept in a folder (`run --out DIR`), checked file by file as an experimenter reads it:
// config.yaml re-runs to identical metrics, history.csv has one row per epoch with the
// record's numbers, metrics.json holds the final metrics the terminal printed, the pictures
// and the report are there; an occupied folder is refused unless --force; and --set / --seed
// override keys of the file, checked as the file is, with their mistakes named by the option.
#define BOOST_TEST_MODULE experiment_run_folder
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <sstream>

#include "support/csv_rows.hpp"
#include "support/process.hpp"
#include "support/scratch.hpp"
#include "support/text.hpp"

namespace fs = std::filesystem;
using neuronlab::test::ProcessResult;
using neuronlab::test::slurp;
using Json = nlohmann::json;
using neuronlab::test::has;

namespace {

const std::string source = NEURONLAB_TEST_SOURCE_DIR;

ProcessResult host(std::vector<std::string> args) {
  args.insert(args.begin(), NEURONLAB_TEST_HOST);
  return neuronlab::test::run_process(args);
}

fs::path scratch(const std::string& name) { return neuronlab::test::scratch_dir("runs", name); }

// Iris with a validation split, 30 epochs.
fs::path iris(const fs::path& dir) {
  return neuronlab::test::write_file(dir / "iris.yaml", R"(format_version: 1
kind: experiment
name: iris
seed: 3
data: {csv: )" + neuronlab::test::copy_data_set(dir, "iris.csv") +
                                                            R"(, target: species, test_split: 0.2,
       validation_split: 0.2}
normalize: standardize
network:
  layers:
    - {neurons: 8, activation: relu}
    - {neurons: 3, activation: softmax}
optimizer: {name: adam, learning_rate: 0.02}
training: {epochs: 30, batch_size: 16}
)");
}

std::string g6(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", v);
  return buffer;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_file_of_a_run_folder_holds_what_the_run_did) {
  const fs::path dir = scratch("iris");
  const fs::path out = dir / "run";
  const ProcessResult r = host({"run", iris(dir).string(), "--out", out.string()});
  BOOST_TEST_REQUIRE(r.status == 0, r.out + r.err);
  BOOST_TEST(has(r.out, "run folder: " + out.string() +
                            " (config.yaml, record.json, history.csv, metrics.json, model.yaml, "
                            "curves.svg, network.svg, index.html)\n"),
             r.out);
  for (const char* file : {"config.yaml", "record.json", "history.csv", "metrics.json",
                           "model.yaml", "curves.svg", "network.svg", "index.html"})
    BOOST_TEST(fs::file_size(out / file) > 100u, file);
  BOOST_TEST(!fs::exists(out / "boundary.svg"));  // four inputs: no plane to draw

  // history.csv: a header and one row per epoch, the record's numbers to the last digit.
  const Json record = Json::parse(slurp((out / "record.json").string()));
  const auto rows = neuronlab::test::csv_rows(slurp((out / "history.csv").string()));
  BOOST_TEST_REQUIRE(rows.size() == 31u);
  BOOST_TEST(rows[0] == (std::vector<std::string>{"epoch", "learning_rate", "elapsed_seconds",
                                                  "train_loss", "train_accuracy", "validation_loss",
                                                  "validation_accuracy"}),
             boost::test_tools::per_element());
  for (std::size_t e = 1; e <= 30; ++e) {
    const Json& h = record["history"][e - 1];
    BOOST_TEST(std::stoul(rows[e][0]) == e);
    BOOST_TEST(std::stod(rows[e][3]) == h["train"]["loss"].get<double>());
    BOOST_TEST(std::stod(rows[e][6]) == h["validation"]["accuracy"].get<double>());
  }
  // metrics.json: the final metrics; without early stopping the last epoch's validation
  // numbers are the final validation metrics (measured after the epoch, with its weights).
  const Json metrics = Json::parse(slurp((out / "metrics.json").string()));
  BOOST_TEST(metrics["outcome"] == "completed");
  BOOST_TEST(metrics["epochs"] == 30);
  BOOST_TEST(std::stod(rows[30][5]) == metrics["validation"]["loss"].get<double>());
  BOOST_TEST(std::stod(rows[30][6]) == metrics["validation"]["accuracy"].get<double>());
  BOOST_TEST(metrics["test"] == record["final"]["test"]);
  // The terminal summary shows the same numbers.
  BOOST_TEST(has(r.out, "test        loss " + g6(metrics["test"]["loss"]) + "  accuracy " +
                            g6(metrics["test"]["accuracy"]) + "\n"),
             r.out);

  // config.yaml runs again to the same metrics; it names the table by its absolute path,
  // outside the run folder, so the user says they trust it.
  const fs::path again = dir / "again";
  const ProcessResult r2 = host(
      {"run", (out / "config.yaml").string(), "--allow-outside-paths", "--out", again.string()});
  BOOST_TEST_REQUIRE(r2.status == 0, r2.out + r2.err);
  const Json metrics2 = Json::parse(slurp((again / "metrics.json").string()));
  for (const char* part : {"train", "validation", "test"})
    BOOST_TEST(metrics2[part] == metrics[part], part);
  BOOST_TEST(slurp((again / "config.yaml").string()) == slurp((out / "config.yaml").string()));
}

BOOST_AUTO_TEST_CASE(an_occupied_folder_is_refused_unless_forced_and_nothing_is_written) {
  const fs::path dir = scratch("occupied");
  const fs::path out = dir / "run";
  BOOST_TEST_REQUIRE(host({"run", iris(dir).string(), "--out", out.string()}).status == 0);
  const std::string before = slurp((out / "record.json").string());
  ProcessResult r = host({"run", iris(dir).string(), "--out", out.string(), "--seed", "4"});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err == "neuronlab: error: " + out.string() +
                          ": the output folder already holds another run; give a new folder "
                          "with --out, or --force to replace its run\n");
  BOOST_TEST(slurp((out / "record.json").string()) == before);

  r = host({"run", iris(dir).string(), "--out", out.string(), "--seed", "4", "--force"});
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  BOOST_TEST(slurp((out / "record.json").string()) != before);
  BOOST_TEST(has(slurp((out / "config.yaml").string()), "seed: 4\n"));
}

BOOST_AUTO_TEST_CASE(set_overrides_a_key_and_its_mistakes_name_the_option) {
  const fs::path dir = scratch("set");
  const fs::path file = iris(dir);
  const fs::path out = dir / "run";
  ProcessResult r =
      host({"run", file.string(), "--out", out.string(), "--set", "network.layers.0.neurons=5",
            "--set", "training.epochs=3", "--set", "optimizer={name: sgd, learning_rate: 0.1}"});
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  const std::string config = slurp((out / "config.yaml").string());
  BOOST_TEST(has(r.out, "network: 4 inputs -> 5 relu -> 3 softmax"), r.out);
  BOOST_TEST(has(config, "epochs: 3\n"), config);
  BOOST_TEST(has(config, "name: sgd"), config);
  BOOST_TEST(neuronlab::test::csv_rows(slurp((out / "history.csv").string())).size() == 4u);

  auto error = [&](std::vector<std::string> sets) {
    std::vector<std::string> args{"run", file.string()};
    for (const std::string& s : sets) args.insert(args.end(), {"--set", s});
    const ProcessResult p = host(args);
    BOOST_TEST(p.status == 2);
    return p.err;
  };
  BOOST_TEST(error({"optimizer.learning_rate=fast"}) ==
             "neuronlab: error: --set optimizer.learning_rate=fast: parameter 'learning_rate' of "
             "optimizer 'adam' must be a number in [0, inf)\n");
  BOOST_TEST(error({"training.epoch=3"}) ==
             "neuronlab: error: --set training.epoch=3: unknown key 'epoch' in training (did you "
             "mean 'epochs'?); allowed keys: epochs, batch_size, shuffle, schedule, "
             "clip_grad_norm, weight_decay, early_stopping, progress_every\n");
  BOOST_TEST(error({"network.layer.0.neurons=3"}) ==
             "neuronlab: error: --set network.layer.0.neurons=3: network has no 'layer' (did you "
             "mean 'layers'?) in " +
                 file.string() +
                 "; it has layers (--set changes a key the file has, or adds the last part of the "
                 "path)\n");
  BOOST_TEST(error({"network.layers.2.neurons=3"}) ==
             "neuronlab: error: --set network.layers.2.neurons=3: network.layers is a list of 2 "
             "item(s); name one by its number, 0 to 1 (network.layers.0)\n");
  BOOST_TEST(error({"training.epochs"}) ==
             "neuronlab: error: --set training.epochs: write key=value, such as --set "
             "optimizer.learning_rate=0.01\n");
  BOOST_TEST(
      error({"training.epochs=[1"})
          .rfind("neuronlab: error: --set training.epochs=[1: the value '[1' is not valid YAML",
                 0) == 0u);
  BOOST_TEST(error({"seed=-1"}) ==
             "neuronlab: error: --set seed=-1: seed is -1, outside its range [0, 2147483647]\n");
}

BOOST_AUTO_TEST_CASE(compare_shows_the_keys_that_differ_and_the_final_metrics) {
  const fs::path dir = scratch("compare");
  const fs::path file = iris(dir);
  const fs::path a = dir / "fast", b = dir / "slow";
  BOOST_TEST_REQUIRE(host({"run", file.string(), "--out", a.string(), "-q"}).status == 0);
  BOOST_TEST_REQUIRE(host({"run", file.string(), "--out", b.string(), "-q", "--set",
                           "optimizer.learning_rate=0.001", "--set", "training.epochs=5"})
                         .status == 0);
  const ProcessResult r =
      host({"compare", a.string(), b.string(), "--out", (dir / "curves.svg").string()});
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  const Json ma = Json::parse(slurp((a / "metrics.json").string()));
  const Json mb = Json::parse(slurp((b / "metrics.json").string()));
  std::istringstream lines(r.out);
  std::vector<std::string> got;
  for (std::string l; std::getline(lines, l);) got.push_back(l);
  BOOST_TEST_REQUIRE(got.size() >= 4u, r.out);
  BOOST_TEST(got[0].rfind("key", 0) == 0u, r.out);
  BOOST_TEST(has(got[0], "fast"), r.out);
  BOOST_TEST(has(got[0], "slow"), r.out);
  // Only the two keys that differ, each with both values.
  BOOST_TEST(has(r.out, "optimizer.learning_rate"), r.out);
  BOOST_TEST(has(r.out, "training.epochs"), r.out);
  BOOST_TEST(!has(r.out, "optimizer.beta1"), r.out);  // the same in both
  BOOST_TEST(!has(r.out, "network.layers.0.neurons"), r.out);
  BOOST_TEST(has(r.out, "test_accuracy"), r.out);
  BOOST_TEST(has(r.out, g6(ma["test"]["accuracy"])), r.out);
  BOOST_TEST(has(r.out, g6(mb["test"]["loss"])), r.out);
  BOOST_TEST(has(r.out, "wrote the curves to " + (dir / "curves.svg").string()), r.out);
  const std::string svg = slurp((dir / "curves.svg").string());
  BOOST_TEST(has(svg, ">fast<"), svg.substr(0, 200));
  BOOST_TEST(has(svg, ">slow<"));

  const ProcessResult bad = host({"compare", a.string(), (dir / "iris.yaml").string()});
  BOOST_TEST(bad.status == 2);
  BOOST_TEST(has(bad.err, "iris.yaml: not a run record"), bad.err);
}

BOOST_AUTO_TEST_CASE(a_run_gives_the_same_bits_wherever_its_file_is) {
  // The engine's buffers used to start wherever the heap put them, and Eigen's vectorized
  // sums peel elements up to an aligned address: in an AVX-512 build the length of the file's
  // path changed the heap's layout and the 10th digit of the loss.
  const fs::path dir = scratch("same-bits");
  const std::string experiment = R"(format_version: 1
kind: experiment
name: moons
seed: 5
data:
  generate: {name: moons, samples: 160, noise: 0.2}
  test_split: 0.25
  validation_split: 0.2
network:
  layers:
    - {neurons: 16, activation: tanh}
    - {neurons: 1, activation: sigmoid}
loss: binary_cross_entropy
optimizer: {name: adam, learning_rate: 0.003}
training: {epochs: 15, batch_size: 32}
)";
  std::vector<std::string> records;
  for (const std::string folder : {"a", "ab", "abc", "abcd", "abcde", "abcdefghijklmnopq"}) {
    fs::create_directories(dir / folder);
    const fs::path file = neuronlab::test::write_file(dir / folder / "moons.yaml", experiment);
    const ProcessResult r = host({"run", "-q", "--json", file.string()});
    BOOST_TEST_REQUIRE(r.status == 0, r.err);
    Json record = Json::parse(r.out);
    for (Json& epoch : record["history"]) epoch.erase("elapsed_seconds");  // a clock's reading
    records.push_back(record["history"].dump() + record["final"].dump());
  }
  for (const std::string& record : records) BOOST_TEST(record == records.front());
}
