// `neuronlab run` and `neuronlab predict` driven as a user drives them: the examples reach
// their scores, a failed expect: exits 1 naming its line, bad input exits 2 naming its
// place, and a saved model predicts what the trained network predicted.
#define BOOST_TEST_MODULE experiment_host
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/process.hpp"
#include "support/scratch.hpp"

namespace fs = std::filesystem;
using neuronlab::test::ProcessResult;

namespace {

const std::string source = NEURONLAB_TEST_SOURCE_DIR;

ProcessResult host(std::vector<std::string> args) {
  args.insert(args.begin(), NEURONLAB_TEST_HOST);
  return neuronlab::test::run_process(args);
}

// The value of `metric` on the final "part" line ("test        loss 0.05  accuracy 0.96").
// (Plain string search: GCC 12 warns falsely inside <regex> in sanitizer builds.)
double final_metric(const std::string& out, const std::string& part, const std::string& metric) {
  std::size_t line_start = std::string::npos;
  for (std::size_t at = out.find(part + " "); at != std::string::npos;
       at = out.find(part + " ", at + 1))
    if (at == 0 || out[at - 1] == '\n') line_start = at;
  BOOST_REQUIRE_MESSAGE(line_start != std::string::npos, "no " + part + " line in:\n" + out);
  const std::string line = out.substr(line_start, out.find('\n', line_start) - line_start);
  const std::size_t at = line.find("  " + metric + " ");
  BOOST_REQUIRE_MESSAGE(at != std::string::npos, "no " + part + " " + metric + " in:\n" + out);
  return std::stod(line.substr(at + metric.size() + 3));
}

fs::path scratch(const std::string& name) {
  return neuronlab::test::scratch_dir("experiment", name);
}
fs::path write(const fs::path& file, const std::string& text) {
  return neuronlab::test::write_file(file, text);
}

}  // namespace

BOOST_AUTO_TEST_CASE(xor_reaches_every_row) {
  ProcessResult r = host({"run", source + "/examples/xor.yaml"});
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(final_metric(r.out, "train", "accuracy") == 1.0);
  BOOST_TEST(r.out.find("passed  train_accuracy = 1, expected >= 1\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(iris_digits_and_diabetes_reach_their_scores) {
  ProcessResult iris = host({"run", "--quiet", source + "/examples/iris.yaml"});
  BOOST_TEST(iris.status == 0, iris.err);
  BOOST_TEST(final_metric(iris.out, "test", "accuracy") >= 0.93);
  BOOST_TEST(iris.out.find("epoch ") == std::string::npos);  // --quiet

  ProcessResult digits = host({"run", "-q", source + "/examples/digits.yaml"});
  BOOST_TEST(digits.status == 0, digits.err);
  BOOST_TEST(final_metric(digits.out, "test", "accuracy") >= 0.95);

  // R² above 0 is better than always predicting the mean.
  ProcessResult diabetes = host({"run", "-q", source + "/examples/diabetes.yaml"});
  BOOST_TEST(diabetes.status == 0, diabetes.err);
  BOOST_TEST(final_metric(diabetes.out, "test", "r2") > 0.0);
}

BOOST_AUTO_TEST_CASE(progress_lines_follow_progress_every) {
  fs::path dir = scratch("progress");
  fs::path file = write(dir / "p.yaml", R"(format_version: 1
data: {generate: {name: line, samples: 20}}
network:
  layers: [{neurons: 1, activation: identity}]
optimizer: {name: sgd, learning_rate: 0.1}
training: {epochs: 7, batch_size: 0, progress_every: 3}
)");
  ProcessResult r = host({"run", file.string()});
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(r.out.find("p: 20 training, 0 validation, 0 test rows; regression\n"
                        "network: 1 input -> 1 identity; loss mse; optimizer sgd\n"
                        "epoch 3/7  loss ") == 0);
  std::size_t lines = 0;
  for (std::size_t at = r.out.find("\nepoch "); at != std::string::npos;
       at = r.out.find("\nepoch ", at + 1))
    ++lines;
  BOOST_TEST(lines == 3u);  // epochs 3, 6 and the last, 7
  BOOST_TEST(r.out.find("\nepoch 7/7  loss ") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_failed_expectation_exits_1_and_names_its_line) {
  fs::path dir = scratch("expect");
  fs::path file = write(dir / "hard.yaml", R"(format_version: 1
data: {generate: spiral}
network:
  layers:
    - {neurons: 3, activation: softmax}
training: {epochs: 2}
expect:
  train_loss: {at_most: 100}
  train_accuracy: {at_least: 0.99}
)");
  ProcessResult r = host({"run", "-q", file.string()});
  BOOST_TEST(r.status == 1, r.err);
  BOOST_TEST(r.out.find("passed  train_loss = ") != std::string::npos);
  const std::string tail =
      ", expected >= 0.99  (" + file.string() + ":9:3)\n1 of 2 expectations failed\n";
  const std::size_t failed = r.out.rfind("\nFAILED  train_accuracy = ");
  BOOST_TEST_REQUIRE(failed != std::string::npos, r.out);
  BOOST_TEST(r.out.size() > tail.size());
  BOOST_TEST(r.out.compare(r.out.size() - tail.size(), tail.size(), tail) == 0, r.out);
  // Between the two: the measured accuracy, a number.
  const std::size_t value_at = failed + std::string("\nFAILED  train_accuracy = ").size();
  const std::string value = r.out.substr(value_at, r.out.size() - tail.size() - value_at);
  BOOST_TEST(!value.empty());
  BOOST_TEST(value.find_first_not_of("0123456789.e-") == std::string::npos, value);
}

BOOST_AUTO_TEST_CASE(bad_input_exits_2_with_its_place) {
  fs::path dir = scratch("bad");
  fs::path file = write(dir / "bad.yaml", R"(format_version: 1
data: {generate: xor}
network:
  layers:
    - {neuron: 4, activation: tanh}
)");
  ProcessResult r = host({"run", file.string()});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err == "neuronlab: error: " + file.string() +
                          ":5:8: unknown key 'neuron' in layer (did you mean 'neurons'?); allowed "
                          "keys: neurons, activation, normalization, init, weights, bias\n");

  fs::path csv = write(dir / "bad.csv", "a,b,y\n1,2,0\n3,,1\n");
  fs::path uses_csv = write(dir / "csv.yaml", R"(format_version: 1
data: {csv: bad.csv, task: binary}
network:
  layers: [{neurons: 1, activation: sigmoid}]
)");
  r = host({"run", uses_csv.string()});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err == "neuronlab: error: " + csv.string() +
                          ":3:3: row 2, column 'b': missing value (fill it in or remove the row; "
                          "neuronlab does not guess values)\n");

  r = host({"run"});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err.find("neuronlab run: error: give the experiment file: neuronlab run "
                        "FILE.yaml\n") == 0);

  r = host({"run", source + "/examples/xor.yaml", "--save-model", "/nonexistent/dir/m.yaml"});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.out == "");  // refused before any training
  BOOST_TEST(r.err ==
             "neuronlab: error: /nonexistent/dir/m.yaml: cannot save the model there: the "
             "directory '/nonexistent/dir' does not exist or is not writable\n");

  r = host({"run", "--help"});
  BOOST_TEST(r.status == 0);
  BOOST_TEST(r.out.find("  1    a condition failed or training diverged") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(divergence_exits_1) {
  fs::path dir = scratch("diverge");
  fs::path file = write(dir / "d.yaml", R"(format_version: 1
data: {csv: )" + neuronlab::test::copy_data_set(dir, "diabetes.csv") +
                                            R"(}
network:
  layers: [{neurons: 1, activation: identity}]
optimizer: {name: sgd, learning_rate: 10}
training: {epochs: 50, batch_size: 0}
)");
  ProcessResult r = host({"run", "-q", file.string()});
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.err.find("neuronlab: error: ") == 0, r.err);
  BOOST_TEST(r.err.find("epoch") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(saved_model_predicts_what_training_measured) {
  fs::path dir = scratch("predict");
  const std::string model = (dir / "iris.model.yaml").string();
  ProcessResult run = host({"run", "-q", source + "/examples/iris.yaml", "--save-model", model});
  BOOST_TEST_REQUIRE(run.status == 0, run.err);
  const double train = final_metric(run.out, "train", "accuracy");
  const double test = final_metric(run.out, "test", "accuracy");
  const long expected_correct = std::lround(train * 120 + test * 30);

  // Every row of the file, with its species column ignored by the model and used here.
  const std::string csv = source + "/lessons/data/iris.csv";
  ProcessResult predict = host({"predict", model, csv});
  BOOST_TEST_REQUIRE(predict.status == 0, predict.err);
  std::istringstream predicted(predict.out), truth(neuronlab::test::slurp(csv));
  std::string p, t;
  std::getline(predicted, p);
  std::getline(truth, t);
  BOOST_TEST(p == "species,score_setosa,score_versicolor,score_virginica");
  long rows = 0, correct = 0;
  while (std::getline(predicted, p) && std::getline(truth, t)) {
    ++rows;
    if (!t.empty() && t.back() == '\r') t.pop_back();  // the shipped files end lines with CRLF
    correct += p.substr(0, p.find(',')) == t.substr(t.rfind(',') + 1) ? 1 : 0;
  }
  BOOST_TEST(rows == 150);
  BOOST_TEST(correct == expected_correct);

  const std::string out = (dir / "predictions.csv").string();
  predict = host({"predict", model, csv, "--output", out});
  BOOST_TEST(predict.status == 0, predict.err);
  BOOST_TEST(predict.out == "wrote 150 predictions to " + out + "\n");
  BOOST_TEST(neuronlab::test::slurp(out).find("species,score_setosa") == 0u);

  fs::path missing = write(dir / "missing.csv", "sepal_length_cm,petal_width_cm\n1,2\n");
  predict = host({"predict", model, missing.string()});
  BOOST_TEST(predict.status == 2);
  BOOST_TEST(predict.err == "neuronlab: error: " + model +
                                " (the model's features): " + missing.string() +
                                " has no feature column 'sepal_width_cm' (did you mean "
                                "'petal_width_cm'?); its columns are: sepal_length_cm, "
                                "petal_width_cm\n");
}
