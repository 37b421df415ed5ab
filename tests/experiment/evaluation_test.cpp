// A saved model measured on labelled rows: the metrics by hand on small cases (values that
// scikit-learn's classification_report and r2_score give for the same rows), and
// `neuronlab evaluate` on a trained iris model against what `predict` says row by row, with
// its mistakes (a missing target column, an unknown class) told at their place.
#define BOOST_TEST_MODULE experiment_evaluation
#include <neuronlab/experiment/evaluation.hpp>

#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <sstream>

#include "support/process.hpp"
#include "support/scratch.hpp"

using namespace neuronlab;
namespace fs = std::filesystem;
using Json = nlohmann::json;
namespace tt = boost::test_tools;

namespace {

const std::string source = NEURONLAB_TEST_SOURCE_DIR;

test::ProcessResult host(std::vector<std::string> args) {
  args.insert(args.begin(), NEURONLAB_TEST_HOST);
  return test::run_process(args);
}

}  // namespace

// True 0 0 1 1 2 2, predicted 0 1 1 1 2 0: class 0 precision 1/2 recall 1/2, class 1
// precision 2/3 recall 1, class 2 precision 1 recall 1/2; accuracy 4/6.
BOOST_AUTO_TEST_CASE(a_classifier_gets_precision_recall_f1_and_its_confusion) {
  const std::vector<float> p = {0.8f, 0.1f, 0.1f, 0.2f, 0.7f, 0.1f, 0.1f, 0.8f, 0.1f,
                                0.3f, 0.6f, 0.1f, 0.1f, 0.1f, 0.8f, 0.5f, 0.2f, 0.3f};
  const auto e =
      experiment::evaluate_classifier(data::Task::categorical, {"a", "b", "c"},
                                      ConstMatrixView(p.data(), 6, 3, 3), {0, 0, 1, 1, 2, 2});
  BOOST_TEST(e.accuracy == 4.0 / 6, tt::tolerance(1e-12));
  BOOST_TEST(e.confusion ==
             (std::vector<std::vector<std::size_t>>{{1, 1, 0}, {0, 2, 0}, {1, 0, 1}}));
  BOOST_TEST(e.classes[0].precision == 0.5, tt::tolerance(1e-12));
  BOOST_TEST(e.classes[0].recall == 0.5, tt::tolerance(1e-12));
  BOOST_TEST(e.classes[1].precision == 2.0 / 3, tt::tolerance(1e-12));
  BOOST_TEST(e.classes[1].f1 == 0.8, tt::tolerance(1e-12));  // 2·(2/3)·1 / (2/3 + 1)
  BOOST_TEST(e.classes[2].f1 == 2.0 / 3, tt::tolerance(1e-12));
  BOOST_TEST(e.macro_f1 == (0.5 + 0.8 + 2.0 / 3) / 3, tt::tolerance(1e-12));
  BOOST_TEST(experiment::evaluation_text(e) ==
             "6 rows; accuracy 0.666667\n\n"
             "class      precision  recall      f1  support\n"
             "a             0.5000  0.5000  0.5000        2\n"
             "b             0.6667  1.0000  0.8000        2\n"
             "c             1.0000  0.5000  0.6667        2\n"
             "macro avg     0.7222  0.6667  0.6556        6\n\n"
             "confusion (rows: true class, columns: predicted)\n"
             "              a     b     c\n"
             "a             1     1     0\n"
             "b             0     2     0\n"
             "c             1     0     1\n");
}

// A class nobody predicts has precision 0, not a division by zero.
BOOST_AUTO_TEST_CASE(a_class_never_predicted_has_precision_zero) {
  const std::vector<float> p = {0.9f, 0.8f, 0.7f};  // binary: all class 1
  const auto e = experiment::evaluate_classifier(data::Task::binary, {"no", "yes"},
                                                 ConstMatrixView(p.data(), 3, 1, 1), {0, 1, 1});
  BOOST_TEST(e.classes[0].predicted == 0u);
  BOOST_TEST(e.classes[0].precision == 0.0);
  BOOST_TEST(e.classes[0].f1 == 0.0);
  BOOST_TEST(e.classes[1].precision == 2.0 / 3, tt::tolerance(1e-12));
}

// Predictions 2.5 0 2 8 for 3 −0.5 2 7: MSE 0.375, MAE 0.5, R² 0.948608137 (r2_score).
BOOST_AUTO_TEST_CASE(a_regression_gets_mse_mae_and_r2) {
  const std::vector<float> p = {2.5f, 0.0f, 2.0f, 8.0f}, t = {3.0f, -0.5f, 2.0f, 7.0f};
  const auto e = experiment::evaluate_regression(ConstMatrixView(p.data(), 4, 1, 1),
                                                 ConstMatrixView(t.data(), 4, 1, 1));
  BOOST_TEST(e.mse == 0.375, tt::tolerance(1e-9));
  BOOST_TEST(e.mae == 0.5, tt::tolerance(1e-9));
  BOOST_TEST(e.r2 == 0.948608137, tt::tolerance(1e-8));
}

BOOST_AUTO_TEST_CASE(evaluate_agrees_with_predict_row_by_row) {
  const fs::path dir = test::scratch_dir("evaluate", "iris");
  const fs::path out = dir / "run";
  test::ProcessResult r = host({"run", source + "/examples/iris.yaml", "--out", out.string(),
                                "--set", "training.epochs=20", "-q"});
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  const std::string model = (out / "model.yaml").string();
  const std::string data = source + "/lessons/data/iris.csv";
  const test::ProcessResult predicted = host({"predict", model, data});
  BOOST_TEST_REQUIRE(predicted.status == 0, predicted.err);
  // The true species, from the file, and the predicted one, from predict's first column.
  std::istringstream truth(test::slurp(data)), guess(predicted.out);
  std::string t, g;
  std::getline(truth, t), std::getline(guess, g);  // headers
  std::size_t rows = 0, right = 0, setosa_as_setosa = 0;
  while (std::getline(truth, t) && std::getline(guess, g)) {
    if (!t.empty() && t.back() == '\r') t.pop_back();  // the file has CRLF line ends
    const std::string species = t.substr(t.rfind(',') + 1), said = g.substr(0, g.find(','));
    ++rows, right += species == said, setosa_as_setosa += species == "setosa" && said == "setosa";
  }
  r = host({"evaluate", model, data, "--json", "--out", (dir / "confusion.svg").string()});
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  const Json e = Json::parse(r.out);
  BOOST_TEST(e["rows"] == rows);
  BOOST_TEST(e["accuracy"].get<double>() == double(right) / double(rows), tt::tolerance(1e-12));
  BOOST_TEST(e["classes"][0]["class"] == "setosa");
  BOOST_TEST(e["confusion"][0][0] == setosa_as_setosa);
  const std::string svg = test::slurp((dir / "confusion.svg").string());
  BOOST_TEST(svg.find("data-true=\"0\" data-predicted=\"0\" data-count=\"" +
                      std::to_string(setosa_as_setosa) + "\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(evaluate_says_what_is_missing_or_unknown_in_the_data) {
  const fs::path dir = test::scratch_dir("evaluate", "mistakes");
  const fs::path out = dir / "run";
  // Two epochs fall short of the file's expect: (exit 1), and the model is saved all the same.
  BOOST_TEST_REQUIRE(host({"run", source + "/examples/iris.yaml", "--out", out.string(), "--set",
                           "training.epochs=2", "-q"})
                         .status == 1);
  const std::string model = (out / "model.yaml").string();
  const fs::path unlabelled = test::write_file(
      dir / "u.csv",
      "sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm\n5.1,3.5,1.4,0.2\n");
  test::ProcessResult r = host({"evaluate", model, unlabelled.string()});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(
      r.err.find("u.csv has no column 'species', the target of " + model) != std::string::npos,
      r.err);
  BOOST_TEST(r.err.find("hint: evaluate needs the true answers") != std::string::npos, r.err);
  const fs::path odd =
      test::write_file(dir / "odd.csv",
                       "sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,species\n"
                       "5.1,3.5,1.4,0.2,setosa\n5.1,3.5,1.4,0.2,rose\n");
  r = host({"evaluate", model, odd.string()});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err == "neuronlab: error: " + odd.string() +
                          ":3:17: row 2, column 'species': 'rose' is not one of the model's "
                          "classes (setosa, versicolor, virginica)\n",
             r.err);
}
