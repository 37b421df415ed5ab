// neuronlab predict: runs a saved model on new rows. The model's input normalization (fitted
// on its training rows) is applied first; classes are printed by name.
#include <neuronlab/data/csv.hpp>
#include <neuronlab/data/input_normalizer.hpp>
#include <neuronlab/engine/model_file.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli.hpp"

namespace po = boost::program_options;

namespace neuronlab::host {
namespace {

std::string number(float v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", static_cast<double>(v));
  return buffer;
}

// A CSV field, quoted when it holds a comma, a quote or spaces at its ends.
std::string field(const std::string& text) {
  const bool plain = text.find_first_of(",\"\n") == std::string::npos &&
                     (text.empty() || (text.front() != ' ' && text.back() != ' '));
  if (plain) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// The header and one line per row: the prediction (class name or value), then for classes
// the raw outputs ("score" for binary, "score_<class>" for each class).
void write_predictions(std::ostream& out, const engine::ModelInfo& info, ConstMatrixView y) {
  const std::string target = info.target_name.empty() ? "prediction" : info.target_name;
  out << field(target);
  if (info.task == data::Task::binary) out << ",score";
  if (info.task == data::Task::categorical)
    for (const auto& c : info.class_names) out << "," << field("score_" + c);
  out << "\n";
  for (std::size_t r = 0; r < y.rows; ++r) {
    const float* row = y.row(r);
    if (info.task == data::Task::regression) {
      out << number(row[0]);
    } else if (info.task == data::Task::binary) {
      out << field(info.class_names[row[0] > 0.5f ? 1 : 0]) << "," << number(row[0]);
    } else {
      std::size_t best = 0;
      for (std::size_t c = 1; c < y.cols; ++c)
        if (row[c] > row[best]) best = c;
      out << field(info.class_names[best]);
      for (std::size_t c = 0; c < y.cols; ++c) out << "," << number(row[c]);
    }
    out << "\n";
  }
}

}  // namespace

CommandLine predict_command_line() {
  CommandLine line;
  line.usage = "neuronlab predict MODEL INPUT.csv [--output FILE]";
  line.description =
      "Runs a model saved by 'neuronlab run --save-model' on the rows of a CSV file. The file\n"
      "needs a header with the model's feature columns (other columns, such as the target,\n"
      "are ignored). Prints CSV: the prediction (a class name, or a value for regression),\n"
      "then for classes the network's outputs.";
  line.options.add_options()                                                                 //
      ("model", po::value<std::string>()->value_name("MODEL"), "the saved model file")       //
      ("input", po::value<std::string>()->value_name("INPUT"), "the rows to predict (CSV)")  //
      ("output,o", po::value<std::string>()->value_name("FILE"),
       "write the predictions to FILE instead of standard output");
  line.positional.add("model", 1).add("input", 1);
  line.values["model"] = {ValueKind::files, {"yaml", "yml"}};
  line.values["input"] = {ValueKind::files, {"csv"}};
  line.values["output"] = {ValueKind::files, {"csv"}};
  line.examples = {{"neuronlab predict model.yaml new-rows.csv", "one prediction per row, as CSV"},
                   {"neuronlab predict model.yaml rows.csv -o predictions.csv", "into a file"}};
  line.exit_statuses = {{0, "every row was predicted"}, {2, "a bad model or input file"}};
  return line;
}

int predict_command(const GlobalOptions& global_in, const std::vector<std::string>& args) {
  GlobalOptions global = global_in;
  CommandLine line = predict_command_line();
  po::variables_map vm;
  if (!parse_command(line, args, global, vm)) return 0;
  if (!vm.count("model") || !vm.count("input"))
    throw UsageError("give a model and the rows: neuronlab predict MODEL INPUT.csv");
  const std::string model_path = vm["model"].as<std::string>();

  Registry registry = load_registry(global);
  engine::Model model = engine::load_model(model_path, registry);
  const engine::ModelInfo& info = model.info;

  const data::RawTable table = data::read_csv(vm["input"].as<std::string>());
  std::vector<float> x =
      data::feature_matrix(table, info.feature_names, model_path + " (the model's features)");
  const std::size_t rows = table.rows.size(), features = info.feature_names.size();
  const engine::InputNormalization& norm = info.input_normalization;
  if (norm.object)
    data::InputNormalizer(norm.name, norm.params, norm.object).transform(x, rows, features);

  ConstMatrixView y = model.network.forward(ConstMatrixView{x.data(), rows, features, features});
  // A prediction that is not a number is no prediction: say which row, before writing any.
  for (std::size_t r = 0; r < y.rows; ++r)
    for (std::size_t c = 0; c < y.cols; ++c)
      if (!std::isfinite(y(r, c)))
        throw Error(vm["input"].as<std::string>() + ":" + std::to_string(table.rows[r][0].line) +
                    ": the model's output for this row is " +
                    (std::isnan(y(r, c)) ? "nan" : "infinite") +
                    "; its values may be far outside what the model was trained on, or the "
                    "model file holds weights or an input normalization that are not finite "
                    "(a scale of 0, say)\n  hint: check the row, or train and save the model "
                    "again");
  if (vm.count("output")) {
    const std::string path = vm["output"].as<std::string>();
    std::ofstream file(path);
    if (!file) throw Error(path + ": cannot write the predictions here (check the folder)");
    write_predictions(file, info, y);
    if (!file.flush()) throw Error(path + ": writing the predictions failed (is the disk full?)");
    std::cout << "wrote " << rows << " predictions to " << path << "\n";
  } else {
    write_predictions(std::cout, info, y);
  }
  return 0;
}

}  // namespace neuronlab::host
