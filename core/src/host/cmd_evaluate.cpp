// neuronlab evaluate: a saved model's metrics on labelled rows — the rows of a CSV file with
// the model's feature columns and its target column. The model's input normalization is
// applied first, and the true classes are matched to the model's by name.
#include <neuronlab/data/csv.hpp>
#include <neuronlab/data/input_normalizer.hpp>
#include <neuronlab/engine/model_file.hpp>
#include <neuronlab/experiment/evaluation.hpp>
#include <neuronlab/io/atomic_file.hpp>
#include <neuronlab/picture/pictures.hpp>

#include <cmath>
#include <iostream>

#include "cli.hpp"

namespace po = boost::program_options;

namespace neuronlab::host {
namespace {

// "iris.csv:12:17: row 11, column 'species': "
std::string at(const data::RawTable& table, std::size_t row, std::size_t column) {
  const data::Cell& cell = table.rows[row][column];
  return table.source + ":" + std::to_string(cell.line) + ":" + std::to_string(cell.column) +
         ": row " + std::to_string(row + 1) + ", column '" + table.header[column].text + "': ";
}

std::size_t target_column(const data::RawTable& table, const engine::ModelInfo& info,
                          const std::string& model) {
  std::vector<std::string> names;
  for (std::size_t c = 0; c < table.header.size(); ++c) {
    if (table.header[c].text == info.target_name) return c;
    names.push_back(table.header[c].text);
  }
  throw Error(table.source + " has no column '" + info.target_name + "', the target of " + model +
              did_you_mean(info.target_name, names) + "; its columns are: " +
              [&] {
                std::string all;
                for (const std::string& n : names) all += (all.empty() ? "" : ", ") + n;
                return all;
              }() +
              "\n  hint: evaluate needs the true answers; 'neuronlab predict' runs a model on "
              "rows without them");
}

// The model's class index of each row's target: by name, or as the same number ("1.0" is 1).
std::vector<std::size_t> labels(const data::RawTable& table, std::size_t column,
                                const std::vector<std::string>& classes) {
  std::vector<std::size_t> out;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const std::string& text = table.rows[r][column].text;
    if (text.empty())
      throw Error(at(table, r, column) + "missing value (the true class is needed)");
    std::size_t k = 0;
    while (k < classes.size() && classes[k] != text) ++k;
    if (k == classes.size())
      if (const auto v = data::parse_number(text))
        for (k = 0; k < classes.size(); ++k)
          if (const auto c = data::parse_number(classes[k]); c && *c == *v) break;
    if (k == classes.size()) {
      std::string all;
      for (const std::string& c : classes) all += (all.empty() ? "" : ", ") + c;
      throw Error(at(table, r, column) + "'" + text + "' is not one of the model's classes (" +
                  all + ")");
    }
    out.push_back(k);
  }
  return out;
}

}  // namespace

CommandLine evaluate_command_line() {
  CommandLine line;
  line.usage = "neuronlab evaluate MODEL DATA.csv [--json] [--out confusion.svg]";
  line.description =
      "Measures a model saved by 'neuronlab run' (--save-model, or model.yaml in a run\n"
      "folder) on labelled rows: a CSV file with the model's feature columns and its target\n"
      "column. A classifier gets its accuracy, each class's precision, recall, F1 and\n"
      "support with their macro averages, and the confusion matrix (--out draws it as SVG);\n"
      "a regression its MSE, MAE and R². --json prints the same numbers as one document.";
  line.options.add_options()                                                             //
      ("model", po::value<std::string>()->value_name("MODEL"), "the saved model file")   //
      ("data", po::value<std::string>()->value_name("DATA"), "the labelled rows (CSV)")  //
      ("json", po::bool_switch(), "print the evaluation as JSON")                        //
      ("out", po::value<std::string>()->value_name("FILE.svg"),
       "draw a classifier's confusion matrix into FILE.svg");
  line.positional.add("model", 1).add("data", 1);
  line.values["model"] = {ValueKind::files, {"yaml", "yml"}};
  line.values["data"] = {ValueKind::files, {"csv"}};
  line.values["out"] = {ValueKind::files, {"svg"}};
  line.examples = {
      {"neuronlab evaluate runs/iris/model.yaml examples/data/iris.csv",
       "accuracy, precision, recall, F1, confusion"},
      {"neuronlab evaluate model.yaml test.csv --out confusion.svg", "the confusion matrix drawn"}};
  line.exit_statuses = {{0, "the model was evaluated"}, {2, "a bad model, data file or option"}};
  return line;
}

int evaluate_command(const GlobalOptions& global_in, const std::vector<std::string>& args) {
  GlobalOptions global = global_in;
  CommandLine line = evaluate_command_line();
  po::variables_map vm;
  if (!parse_command(line, args, global, vm)) return 0;
  if (!vm.count("model") || !vm.count("data"))
    throw UsageError("give a model and labelled rows: neuronlab evaluate MODEL DATA.csv");
  const std::string model_path = vm["model"].as<std::string>();

  Registry registry = load_registry(global);
  engine::Model model = engine::load_model(model_path, registry);
  const engine::ModelInfo& info = model.info;
  if (vm.count("out") && info.task == data::Task::regression)
    throw UsageError("--out draws a classifier's confusion matrix, and " + model_path +
                     " is a regression model");

  const data::RawTable table = data::read_csv(vm["data"].as<std::string>());
  std::vector<float> x =
      data::feature_matrix(table, info.feature_names, model_path + " (the model's features)");
  const std::size_t rows = table.rows.size(), features = info.feature_names.size();
  const std::size_t column = target_column(table, info, model_path);
  const engine::InputNormalization& norm = info.input_normalization;
  if (norm.object)
    data::InputNormalizer(norm.name, norm.params, norm.object).transform(x, rows, features);
  const ConstMatrixView y =
      model.network.forward(ConstMatrixView{x.data(), rows, features, features});

  experiment::Evaluation e;
  if (info.task == data::Task::regression) {
    std::vector<float> truth;
    for (std::size_t r = 0; r < rows; ++r) {
      const std::string& text = table.rows[r][column].text;
      const auto v = data::parse_number(text);
      if (!v)
        throw Error(at(table, r, column) + "'" + text +
                    "' is not a number (a regression's "
                    "target is a value)");
      truth.push_back(static_cast<float>(*v));
    }
    e = experiment::evaluate_regression(y, ConstMatrixView{truth.data(), rows, 1, 1});
  } else {
    e = experiment::evaluate_classifier(info.task, info.class_names, y,
                                        labels(table, column, info.class_names));
  }
  if (vm.count("out")) {
    const std::string out = vm["out"].as<std::string>();
    std::vector<std::string> names;
    for (const auto& s : e.classes) names.push_back(s.name);
    io::write_file_atomically(out, picture::confusion_svg(names, e.confusion), "the picture");
  }
  if (vm["json"].as<bool>())
    std::cout << experiment::evaluation_json(e);
  else
    std::cout << experiment::evaluation_text(e);
  if (vm.count("out") && !vm["json"].as<bool>())
    std::cout << "wrote the confusion matrix to " << vm["out"].as<std::string>() << "\n";
  return 0;
}

}  // namespace neuronlab::host
