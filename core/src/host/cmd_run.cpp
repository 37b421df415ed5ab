// neuronlab run: trains the network an experiment file describes, reports progress and the
// final metrics, and checks the file's expect: conditions.
#include <neuronlab/engine/model_file.hpp>
#include <neuronlab/engine/network.hpp>
#include <neuronlab/engine/trainer.hpp>
#include <neuronlab/spec/experiment.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include <unistd.h>

#include "cli.hpp"

namespace po = boost::program_options;

namespace neuronlab::host {
namespace {

std::string number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", v);
  return buffer;
}

// "loss 0.0512  accuracy 0.983333"
std::string metrics_text(const engine::Metrics& m) {
  std::string out;
  for (const char* name : {"loss", "accuracy", "mse", "mae", "r2"})
    if (auto v = m.get(name))
      out += (out.empty() ? "" : "  ") + std::string(name) + " " + number(*v);
  return out;
}

std::string network_text(const spec::Experiment& e) {
  std::string out = std::to_string(e.network.inputs) + " inputs";
  for (const auto& layer : e.network.layers)
    out += " -> " + std::to_string(layer.neurons) + " " + layer.activation +
           (layer.normalization.empty() ? "" : "+" + layer.normalization);
  return out;
}

// One line per expect: condition; returns how many failed.
std::size_t check_expectations(const spec::Experiment& e, const engine::Metrics& train,
                               const std::optional<engine::Metrics>& validation,
                               const std::optional<engine::Metrics>& test) {
  std::size_t failed = 0;
  for (const spec::Expectation& x : e.expect) {
    const std::size_t cut = x.metric.find('_');
    const std::string part = x.metric.substr(0, cut), name = x.metric.substr(cut + 1);
    const engine::Metrics& m = part == "train" ? train : part == "test" ? *test : *validation;
    const double value = m.get(name).value();
    std::string bounds;
    bool ok = true;
    if (x.at_least) {
      bounds += " >= " + number(*x.at_least);
      ok = ok && value >= *x.at_least;
    }
    if (x.at_most) {
      bounds += std::string(x.at_least ? " and" : "") + " <= " + number(*x.at_most);
      ok = ok && value <= *x.at_most;
    }
    std::cout << (ok ? "passed  " : "FAILED  ") << x.metric << " = " << number(value)
              << ", expected" << bounds << (ok ? "" : "  (" + x.where + ")") << "\n";
    failed += ok ? 0 : 1;
  }
  return failed;
}

}  // namespace

int run_command(const GlobalOptions& global_in, const std::vector<std::string>& args) {
  GlobalOptions global = global_in;
  CommandLine line;
  line.usage = "neuronlab run FILE.yaml [--save-model PATH] [--quiet]";
  line.description =
      "Trains the network an experiment file describes (data, normalize, network, loss,\n"
      "optimizer, training), prints its progress and the final train/validation/test\n"
      "metrics, then checks every condition under expect: (one line each).\n\n"
      "Exit status: 0 when training finished and every expect: condition holds;\n"
      "1 when a condition fails or training diverges (the loss became NaN or infinite);\n"
      "2 for a mistake on the command line or in the file (the message names file:line:column).";
  line.options.add_options()                                                                //
      ("file", po::value<std::string>()->value_name("FILE"), "the experiment file (YAML)")  //
      ("save-model", po::value<std::string>()->value_name("PATH"),
       "save the trained model, with its input normalization, for 'neuronlab predict'")  //
      ("quiet,q", po::bool_switch(), "no progress lines: only the final metrics and checks");
  line.positional.add("file", 1);
  po::variables_map vm;
  if (!parse_command(line, args, global, vm)) return 0;
  if (!vm.count("file")) throw UsageError("give the experiment file: neuronlab run FILE.yaml");
  const bool quiet = vm["quiet"].as<bool>();

  // Say now, not after training, that the model could not be saved.
  if (vm.count("save-model")) {
    const std::filesystem::path target = vm["save-model"].as<std::string>();
    const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : ".";
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec) || access(dir.c_str(), W_OK) != 0)
      throw Error(target.string() + ": cannot save the model there: the directory '" +
                  dir.string() + "' does not exist or is not writable");
  }

  spec::Experiment e = spec::read_experiment(vm["file"].as<std::string>());
  Registry registry = load_registry(global);
  spec::PreparedData prepared = spec::prepare_data(e, registry);
  const data::Split& s = prepared.split;

  engine::Network network(e.network, registry, e.seed);
  engine::Trainer trainer(network, registry, e.training);
  if (!quiet) {
    std::cout << e.name << ": " << s.train.rows << " training, " << s.validation.rows
              << " validation, " << s.test.rows << " test rows; " << data::task_name(s.train.task)
              << "\nnetwork: " << network_text(e) << "; loss " << e.training.loss << "; optimizer "
              << e.training.optimizer << "\n";
  }

  const std::size_t every =
      e.progress_every ? e.progress_every : std::max<std::size_t>(1, e.training.epochs / 10);
  auto progress = [&](const engine::EpochReport& r) {
    if (quiet || (r.epoch % every != 0 && r.epoch != r.epochs)) return;
    std::cout << "epoch " << r.epoch << "/" << r.epochs << "  " << metrics_text(r.train);
    if (r.validation) std::cout << "  | validation " << metrics_text(*r.validation);
    std::cout << "\n";
  };
  engine::TrainingResult result;
  try {
    result = s.validation.rows ? trainer.fit(s.train.x_view(), s.train.y_view(),
                                             s.validation.x_view(), s.validation.y_view(), progress)
                               : trainer.fit(s.train.x_view(), s.train.y_view(), progress);
  } catch (const Error& diverged) {
    std::cerr << "neuronlab: error: " << diverged.what() << "\n";
    return 1;
  }
  if (result.stopped_early && !quiet)
    std::cout << "stopped early after epoch " << result.history.size() << " (best epoch "
              << result.best_epoch << ")\n";

  const engine::Metrics train = trainer.evaluate(s.train.x_view(), s.train.y_view());
  std::optional<engine::Metrics> validation, test;
  std::cout << "train       " << metrics_text(train) << "\n";
  if (s.validation.rows) {
    validation = trainer.evaluate(s.validation.x_view(), s.validation.y_view());
    std::cout << "validation  " << metrics_text(*validation) << "\n";
  }
  if (s.test.rows) {
    test = trainer.evaluate(s.test.x_view(), s.test.y_view());
    std::cout << "test        " << metrics_text(*test) << "\n";
  }

  if (vm.count("save-model")) {
    engine::ModelInfo info;
    info.task = s.train.task;
    info.feature_names = s.train.feature_names;
    info.target_name = s.train.target_name;
    info.class_names = s.train.class_names;
    if (prepared.normalizer)
      info.input_normalization = {prepared.normalizer->name(), prepared.normalizer->params(),
                                  prepared.normalizer->object()};
    const std::string path = vm["save-model"].as<std::string>();
    engine::save_model(path, network, info);
    std::cout << "saved the model to " << path << "\n";
  }

  const std::size_t failed = check_expectations(e, train, validation, test);
  if (failed) std::cout << failed << " of " << e.expect.size() << " expectations failed\n";
  return failed ? 1 : 0;
}

}  // namespace neuronlab::host
