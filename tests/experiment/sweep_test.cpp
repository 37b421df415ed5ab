// Sweeps as an experimenter runs them: a 2×2 grid with 3 repeats on two jobs, every run in
// its own folder and the table made from their metrics (means and sample standard deviations
// recomputed here from the runs' own metrics.json); two shards merged give the same table as
// one run; a diverging configuration is a row of the table, not a failure; and every mistake
// — a swept key that does not exist, an empty list, a bad shard, folders of two sweeps — is
// an error with exit status 2 and nothing written.
#define BOOST_TEST_MODULE experiment_sweep
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <set>
#include <sstream>

#include "support/csv_rows.hpp"
#include "support/process.hpp"
#include "support/scratch.hpp"

namespace fs = std::filesystem;
using neuronlab::test::ProcessResult;
using neuronlab::test::slurp;
using Json = nlohmann::json;
namespace tt = boost::test_tools;

namespace {

ProcessResult host(std::vector<std::string> args) {
  args.insert(args.begin(), NEURONLAB_TEST_HOST);
  return neuronlab::test::run_process(args);
}

fs::path scratch(const std::string& name) { return neuronlab::test::scratch_dir("sweep", name); }

const std::string base = R"(format_version: 1
kind: experiment
name: moons
seed: 5
data: {generate: {name: moons, samples: 160, noise: 0.2}, test_split: 0.25, validation_split: 0.2}
network:
  layers:
    - {neurons: 8, activation: tanh}
    - {neurons: 1, activation: sigmoid}
optimizer: {name: adam, learning_rate: 0.01}
training: {epochs: 15, batch_size: 32}
)";

fs::path sweep_file(const fs::path& dir, const std::string& grid) {
  return neuronlab::test::write_file(dir / "sweep.yaml", base + grid);
}

const std::string grid_2x2 = R"(sweep:
  optimizer.learning_rate: [0.003, 0.03]
  network.layers.0.neurons: [4, 16]
repeats: 3
sweep_metric: validation_accuracy
)";

// The table without its last column (seconds, which differ between two runs of anything).
std::string without_time(const std::string& text) {
  std::string out;
  for (const auto& row : neuronlab::test::csv_rows(text)) {
    for (std::size_t c = 0; c + 1 < row.size(); ++c) out += (c ? "," : "") + row[c];
    out += "\n";
  }
  return out;
}

std::size_t column(const std::vector<std::string>& header, const std::string& name) {
  for (std::size_t c = 0; c < header.size(); ++c)
    if (header[c] == name) return c;
  BOOST_FAIL("no column " + name);
  return 0;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_grid_with_repeats_runs_on_two_jobs_and_its_table_holds_their_means) {
  const fs::path dir = scratch("grid");
  const fs::path out = dir / "out";
  const ProcessResult r =
      host({"run", sweep_file(dir, grid_2x2).string(), "--out", out.string(), "--jobs", "2"});
  BOOST_TEST_REQUIRE(r.status == 0, r.out + r.err);
  BOOST_TEST(
      r.out.rfind("moons: 12 runs (4 configurations \u00d7 3 repeats), 2 at a time\n", 0) == 0u,
      r.out);
  BOOST_TEST(r.out.find("12 of 12 runs finished in ") != std::string::npos, r.out);
  const auto table = neuronlab::test::csv_rows(slurp((out / "sweep.csv").string()));
  BOOST_TEST_REQUIRE(table.size() == 5u);
  const std::size_t mean = column(table[0], "validation_accuracy_mean");
  const std::size_t sd = column(table[0], "validation_accuracy_std");
  double best = -1;
  std::size_t best_row = 0;
  for (std::size_t c = 1; c <= 4; ++c) {
    BOOST_TEST(table[c][0] == std::to_string(c));
    BOOST_TEST(table[c][3] == "3");  // runs
    BOOST_TEST(table[c][4] == "3");  // completed
    std::vector<double> values;
    std::set<int> seeds;
    for (int rep = 1; rep <= 3; ++rep) {
      char folder[32];
      std::snprintf(folder, sizeof folder, "c%03zu-r%d", c, rep);
      const fs::path run = out / "runs" / folder;
      values.push_back(
          Json::parse(slurp((run / "metrics.json").string()))["validation"]["accuracy"]);
      const std::string config = slurp((run / "config.yaml").string());
      seeds.insert(std::stoi(config.substr(config.find("\nseed: ") + 7)));
    }
    BOOST_TEST(seeds == (std::set<int>{5, 6, 7}));  // the file's seed, then counting up
    const double m = (values[0] + values[1] + values[2]) / 3;
    double ss = 0;
    for (double v : values) ss += (v - m) * (v - m);
    BOOST_TEST(std::stod(table[c][mean]) == m, tt::tolerance(1e-12));
    BOOST_TEST(std::stod(table[c][sd]) == std::sqrt(ss / 2), tt::tolerance(1e-9));
    if (m > best) best = m, best_row = c;
  }
  BOOST_TEST(r.out.find("by the highest mean validation_accuracy: configuration " +
                        std::to_string(best_row)) != std::string::npos,
             r.out);
  // Nothing is left half-written: every file in the folder is one the sweep names.
  for (const auto& entry : fs::recursive_directory_iterator(out)) {
    const std::string name = entry.path().filename().string();
    BOOST_TEST(name.find(".tmp") == std::string::npos, entry.path().string());
    BOOST_TEST(name.front() != '.', entry.path().string());
  }
  BOOST_TEST(fs::file_size(out / "index.html") > 1000u);
  BOOST_TEST(fs::file_size(out / "curves.svg") > 1000u);
}

BOOST_AUTO_TEST_CASE(two_shards_merged_give_the_table_of_one_run) {
  const fs::path dir = scratch("shards");
  const fs::path file = sweep_file(dir, grid_2x2);
  BOOST_TEST_REQUIRE(host({"run", file.string(), "--out", (dir / "whole").string(), "-q"}).status ==
                     0);
  BOOST_TEST_REQUIRE(
      host({"run", file.string(), "--out", (dir / "s1").string(), "--shard", "1/2", "-q"}).status ==
      0);
  BOOST_TEST_REQUIRE(
      host({"run", file.string(), "--out", (dir / "s2").string(), "--shard", "2/2", "-q"}).status ==
      0);
  // Shard 1 of 2 has configurations 1 and 3.
  const auto s1 = neuronlab::test::csv_rows(slurp((dir / "s1" / "sweep.csv").string()));
  BOOST_TEST_REQUIRE(s1.size() == 3u);
  BOOST_TEST(s1[1][0] == "1");
  BOOST_TEST(s1[2][0] == "3");
  const ProcessResult merged = host({"sweep-merge", (dir / "s1").string(), (dir / "s2").string(),
                                     "--out", (dir / "merged").string()});
  BOOST_TEST_REQUIRE(merged.status == 0, merged.out + merged.err);
  BOOST_TEST(without_time(slurp((dir / "merged" / "sweep.csv").string())) ==
             without_time(slurp((dir / "whole" / "sweep.csv").string())));

  // Half a sweep merges with a warning and exit status 1.
  const ProcessResult half =
      host({"sweep-merge", (dir / "s1").string(), "--out", (dir / "half").string()});
  BOOST_TEST(half.status == 1);
  BOOST_TEST(half.err ==
             "neuronlab: warning: 6 of 12 runs of the sweep are in none of the "
             "folders; the table has the others\n");

  // Shards of another sweep (another seed) are refused.
  const fs::path other = scratch("other");
  const std::string text = slurp(file.string());
  neuronlab::test::write_file(
      other / "sweep.yaml",
      text.substr(0, text.find("seed: 5")) + "seed: 9" + text.substr(text.find("seed: 5") + 7));
  BOOST_TEST_REQUIRE(host({"run", (other / "sweep.yaml").string(), "--out", (other / "s2").string(),
                           "--shard", "2/2", "-q"})
                         .status == 0);
  const ProcessResult mixed = host({"sweep-merge", (dir / "s1").string(), (other / "s2").string(),
                                    "--out", (dir / "mixed").string()});
  BOOST_TEST(mixed.status == 2);
  BOOST_TEST(mixed.err == "neuronlab: error: " + (other / "s2").string() +
                              " holds another sweep than " + (dir / "s1").string() +
                              " (the file's text, seed differ); merge only the shards of one "
                              "sweep\n");
  BOOST_TEST(!fs::exists(dir / "mixed"));
}

BOOST_AUTO_TEST_CASE(a_diverging_configuration_is_a_row_of_the_table) {
  const fs::path dir = scratch("diverge");
  const fs::path out = dir / "out";
  const fs::path file = neuronlab::test::write_file(dir / "line.yaml", R"(format_version: 1
kind: experiment
name: line
data: {generate: {name: line, samples: 40}}
network:
  layers: [{neurons: 1, activation: identity}]
optimizer: {name: sgd, learning_rate: 0.1}
training: {epochs: 10, batch_size: all}
sweep:
  optimizer.learning_rate: [0.1, 1.0e+30]
)");
  const ProcessResult r = host({"run", file.string(), "--out", out.string(), "-q", "--jobs", "2"});
  BOOST_TEST(r.status == 0, r.out + r.err);
  const auto table = neuronlab::test::csv_rows(slurp((out / "sweep.csv").string()));
  BOOST_TEST_REQUIRE(table.size() == 3u);
  BOOST_TEST(table[1][2] == "1");  // runs (one axis: configuration, its value, runs, completed)
  BOOST_TEST(table[1][3] == "1");
  BOOST_TEST(table[2][2] == "1");
  BOOST_TEST(table[2][3] == "0");  // diverged: not completed, and no means
  BOOST_TEST(table[2][4] == "");
  BOOST_TEST(Json::parse(slurp((out / "runs" / "c002-r1" / "metrics.json").string()))["outcome"] ==
             "diverged");
}

BOOST_AUTO_TEST_CASE(sweep_mistakes_exit_2_with_nothing_written) {
  const fs::path dir = scratch("mistakes");
  const fs::path out = dir / "out";
  auto fails = [&](const std::string& grid, std::vector<std::string> extra = {}) {
    const fs::path file = sweep_file(dir, grid);
    std::vector<std::string> args{"run", file.string(), "--out", out.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    const ProcessResult r = host(args);
    BOOST_TEST(r.status == 2, r.out + r.err);
    BOOST_TEST(!fs::exists(out));
    return r.err;
  };
  const std::string file = (dir / "sweep.yaml").string();
  BOOST_TEST(fails("sweep:\n  network.layer.0.neurons: [4, 8]\n") ==
             "neuronlab: error: " + file +
                 ":13:3: sweep network.layer.0.neurons = 4: network has "
                 "no 'layer' (did you mean 'layers'?) in " +
                 file +
                 "; it has layers (--set changes a key the file has, or adds the last part of the "
                 "path)\n");
  BOOST_TEST(fails("sweep:\n  training.epochs: []\n") ==
             "neuronlab: error: " + file +
                 ":13:20: sweep.training.epochs must be a non-empty "
                 "list of values: [0.001, 0.01]\n");
  BOOST_TEST(fails("sweep:\n  training.epochs: [2, many]\n") ==
             "neuronlab: error: " + file +
                 ":13:3: sweep training.epochs = many: epochs must be a "
                 "whole number in [1, 1000000], not 'many'\n");
  BOOST_TEST(fails("repeats: 3\n") == "neuronlab: error: " + file +
                                          ":12:1: repeats is for a sweep, and this file has no "
                                          "sweep: (add sweep: {key: [values]})\n");
  BOOST_TEST(fails(grid_2x2, {"--shard", "3/2"}) ==
             "neuronlab run: error: --shard 3/2: the shard is I/N with 1 <= I <= N, such as "
             "--shard 1/4\nTry 'neuronlab run --help'.\n");
  BOOST_TEST(fails(grid_2x2, {"--json"})
                 .find("--json, --save-model and --report are for one "
                       "run") != std::string::npos);
  // An occupied folder is refused unless --force.
  fs::create_directories(out);
  neuronlab::test::write_file(out / "notes.txt", "mine\n");
  const ProcessResult r = host({"run", sweep_file(dir, grid_2x2).string(), "--out", out.string()});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err == "neuronlab: error: " + out.string() +
                          ": the output folder already holds files; give a new folder with --out, "
                          "or --force to replace its sweep\n");
  BOOST_TEST(slurp((out / "notes.txt").string()) == "mine\n");
}

// A hundred configurations on two jobs: every row is there, every run's folder is whole, and
// no run is left behind (no process of this sweep still running, no temporary file).
BOOST_AUTO_TEST_CASE(a_hundred_configurations_complete_with_nothing_left_behind) {
  const fs::path dir = scratch("hundred");
  const fs::path out = dir / "out";
  const fs::path file = neuronlab::test::write_file(dir / "line.yaml", R"(format_version: 1
kind: experiment
name: line
data: {generate: {name: line, samples: 20}}
network:
  layers: [{neurons: 1, activation: identity}]
optimizer: {name: sgd, learning_rate: 0.1}
training: {epochs: 2, batch_size: all}
sweep:
  optimizer.learning_rate: [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.1]
  training.epochs: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
)");
  const ProcessResult r = host({"run", file.string(), "--out", out.string(), "-q", "--jobs", "2"});
  BOOST_TEST_REQUIRE(r.status == 0, r.out + r.err);
  const auto table = neuronlab::test::csv_rows(slurp((out / "sweep.csv").string()));
  BOOST_TEST_REQUIRE(table.size() == 101u);
  for (std::size_t c = 1; c <= 100; ++c) {
    BOOST_TEST(table[c][0] == std::to_string(c));
    BOOST_TEST(table[c][4] == "1");  // completed
  }
  std::size_t runs = 0;
  for (const auto& entry : fs::directory_iterator(out / "runs")) {
    ++runs;
    BOOST_TEST(fs::exists(entry.path() / "metrics.json"), entry.path().string());
  }
  BOOST_TEST(runs == 100u);
  for (const auto& entry : fs::recursive_directory_iterator(out))
    BOOST_TEST(entry.path().filename().string().front() != '.', entry.path().string());
  // No process still runs a member of this sweep.
  for (const auto& p : fs::directory_iterator("/proc")) {
    const std::string cmdline = slurp((p.path() / "cmdline").string());
    BOOST_TEST(cmdline.find(out.string()) == std::string::npos, p.path().string());
  }
}

// check reads every configuration of a sweep, as the sweep would, without running any.
BOOST_AUTO_TEST_CASE(check_reads_every_configuration_of_a_sweep) {
  const fs::path dir = scratch("check");
  ProcessResult r = host({"check", sweep_file(dir, grid_2x2).string()});
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(r.out == (dir / "sweep.yaml").string() +
                          ": a valid experiment, \"moons\": 2 inputs -> 8 tanh -> 1 sigmoid; 88 "
                          "training, 32 validation, 40 test rows; a sweep of 4 configurations "
                          "\u00d7 3 repeats\n",
             r.out);
  r = host({"check", sweep_file(dir, "sweep:\n  training.epochs: [2, many]\n").string()});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err.find("sweep training.epochs = many: epochs must be a whole number") !=
                 std::string::npos,
             r.err);
}
