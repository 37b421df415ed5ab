// neuronlab plot: makes each picture kind from what the user has — run records, a saved
// model with data, activation names — as an SVG file (--out), or in the terminal for the
// curves and the boundary.
#include <neuronlab/data/csv.hpp>
#include <neuronlab/data/input_normalizer.hpp>
#include <neuronlab/engine/model_file.hpp>
#include <neuronlab/experiment/experiment.hpp>
#include <neuronlab/io/atomic_file.hpp>
#include <neuronlab/picture/pictures.hpp>

#include <filesystem>
#include <iostream>
#include <sstream>

#include <unistd.h>

#include "cli.hpp"

namespace po = boost::program_options;

namespace neuronlab::host {
namespace {

constexpr const char* kinds = "curves, boundary, network, activations or neuron";

// A saved model with the view pictures take of it.
struct LoadedModel {
  engine::Model model;
  std::optional<data::InputNormalizer> normalizer;
  picture::ModelView view;
};

std::unique_ptr<LoadedModel> load(const std::string& path, const Registry& registry) {
  auto out = std::unique_ptr<LoadedModel>(
      new LoadedModel{engine::load_model(path, registry), std::nullopt, {}});
  const engine::ModelInfo& info = out->model.info;
  const engine::InputNormalization& norm = info.input_normalization;
  if (norm.object) out->normalizer.emplace(norm.name, norm.params, norm.object);
  out->view = {&out->model.network, out->normalizer ? &*out->normalizer : nullptr,
               info.task,           info.feature_names,
               info.class_names,    info.target_name};
  return out;
}

// The rows to draw: a CSV file (all of it, as training rows), or an experiment file, whose
// data is read and split as a run splits it (its training and test rows). Either must have
// the model's columns.
struct DrawnRows {
  std::optional<data::Dataset> train, test;
};

bool is_experiment_file(const std::string& path) {
  const std::string ext = std::filesystem::path(path).extension().string();
  return ext == ".yaml" || ext == ".yml";
}

DrawnRows rows(const po::variables_map& vm, const char* option, const std::string& model_path,
               const engine::ModelInfo& info, const Registry& registry) {
  if (!vm.count(option)) return {};
  const std::string path = vm[option].as<std::string>();
  if (!is_experiment_file(path)) {
    const data::RawTable table = data::read_csv(path);
    return {data::labelled_rows(table, info.feature_names, info.target_name, info.task,
                                info.class_names, model_path + " (the model's columns)"),
            std::nullopt};
  }
  const experiment::BoundExperiment bound =
      experiment::bind(experiment::read_experiment(path), registry);
  const data::Split& split = bound.raw_split();
  if (split.train.feature_names != info.feature_names || split.train.task != info.task ||
      split.train.class_names != info.class_names)
    throw Error(path + ": its data has other columns or classes than the model " + model_path +
                " was trained on\n  hint: give the experiment the model was trained with");
  DrawnRows out{split.train, std::nullopt};
  if (split.test.rows) out.test = split.test;
  return out;
}

// Writes the picture to --out (atomically; "-" is standard output).
void write(const po::variables_map& vm, const std::string& svg) {
  const std::string path = vm["out"].as<std::string>();
  if (path == "-") {
    std::cout << svg;
    require_standard_output();
    return;
  }
  io::write_file_atomically(path, svg, "the picture");
  std::cout << "wrote " << path << "\n";
}

std::vector<double> numbers(const std::string& text, const char* option) {
  std::vector<double> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    const std::optional<double> v = data::parse_number(item);
    if (!v) throw UsageError(std::string("--") + option + ": '" + item + "' is not a number");
    out.push_back(*v);
  }
  return out;
}

picture::PlaneOptions plane_options(const po::variables_map& vm) {
  picture::PlaneOptions o;
  o.grid = vm["grid"].as<std::size_t>();
  if (o.grid < 2 || o.grid > 1000)
    throw UsageError("--grid " + std::to_string(o.grid) + ": give 2 to 1000 cells per axis");
  if (vm.count("title")) o.title = vm["title"].as<std::string>();
  return o;
}

}  // namespace

CommandLine plot_command_line() {
  CommandLine line;
  line.usage = "neuronlab plot KIND ARGUMENTS... [--out FILE.svg]";
  line.description =
      "Draws a picture. KIND is one of:\n"
      "  curves RUN.json...        loss and metrics per epoch of runs saved\n"
      "                            with 'neuronlab run FILE.yaml --json > RUN.json'\n"
      "  boundary MODEL --data F   a 2-input classifier's decision boundary over\n"
      "                            the rows of F, or a 1-input regression's curve;\n"
      "                            F is a CSV file or the experiment file\n"
      "  network MODEL [--data F]  the network: weights as lines; with 2 inputs and\n"
      "                            --data, each neuron's output over the plane\n"
      "  activations NAME...       f and f' of activation plugins (--from, --to)\n"
      "  neuron MODEL --layer L --neuron N --input X1,X2,...\n"
      "                            one neuron's computation for one observation\n"
      "\n"
      "Without --out, curves and boundary are drawn in the terminal; --out - writes the SVG\n"
      "to standard output.";
  line.options.add_options()                                                             //
      ("kind", po::value<std::string>()->value_name("KIND"), kinds)                      //
      ("inputs", po::value<std::vector<std::string>>()->value_name("ARG"), "arguments")  //
      ("out,o", po::value<std::string>()->value_name("FILE"), "write the SVG picture to FILE")(
          "data", po::value<std::string>()->value_name("CSV"), "rows to draw (training rows)")(
          "test", po::value<std::string>()->value_name("CSV"), "more rows, drawn as test rows")(
          "grid", po::value<std::size_t>()->default_value(100)->value_name("N"),
          "cells along each axis of a boundary (2 to 1000)")                           //
      ("from", po::value<double>()->default_value(-4, "-4"), "activations: lowest x")  //
      ("to", po::value<double>()->default_value(4, "4"), "activations: highest x")     //
      ("layer", po::value<std::size_t>()->value_name("L"), "neuron: the layer, from 1")(
          "neuron", po::value<std::size_t>()->value_name("N"), "neuron: the neuron, from 1")(
          "input", po::value<std::string>()->value_name("X1,X2,..."),
          "neuron: the observation's raw input values, in the model's feature order")  //
      ("label", po::value<std::vector<std::string>>()->value_name("NAME"),
       "curves: a legend name per run, in order (default: the experiment's name)")  //
      ("title", po::value<std::string>()->value_name("TEXT"), "the picture's title");
  line.positional.add("kind", 1).add("inputs", -1);
  line.values["kind"] = {ValueKind::words,
                         {"curves", "boundary", "network", "activations", "neuron"}};
  line.values["out"] = {ValueKind::files, {"svg"}};
  line.values["data"] = {ValueKind::files, {"csv", "yaml", "yml"}};
  line.values["test"] = {ValueKind::files, {"csv"}};
  line.examples = {
      {"neuronlab plot curves a.json b.json --out curves.svg", "two runs' curves overlaid"},
      {"neuronlab plot activations sigmoid tanh relu --out activations.svg",
       "three activations and their derivatives"},
      {"neuronlab plot boundary model.yaml --data examples/moons.yaml",
       "a classifier's boundary, in the terminal"}};
  line.exit_statuses = {{0, "the picture was drawn"}, {2, "a bad argument, model or data file"}};
  return line;
}

int plot_command(const GlobalOptions& global_in, const std::vector<std::string>& args) {
  GlobalOptions global = global_in;
  CommandLine line = plot_command_line();
  po::variables_map vm;
  if (!parse_command(line, args, global, vm)) return 0;
  if (!vm.count("kind")) throw UsageError(std::string("give a picture kind: ") + kinds);
  const std::string kind = vm["kind"].as<std::string>();
  const std::vector<std::string> inputs =
      vm.count("inputs") ? vm["inputs"].as<std::vector<std::string>>() : std::vector<std::string>{};
  const bool out = vm.count("out") > 0;
  const picture::TerminalStyle style = picture::terminal_style(STDOUT_FILENO);
  auto one_model = [&]() {
    if (inputs.size() != 1)
      throw UsageError("plot " + kind + " takes one saved model: neuronlab plot " + kind +
                       " MODEL");
    return inputs[0];
  };
  auto require_out = [&]() {
    if (!out)
      throw UsageError("plot " + kind + " makes an SVG picture: give --out FILE.svg (or --out -)");
  };

  if (kind == "curves") {
    if (inputs.empty()) throw UsageError("plot curves: give one or more run records (RUN.json)");
    const std::vector<std::string> labels =
        vm.count("label") ? vm["label"].as<std::vector<std::string>>() : std::vector<std::string>{};
    if (!labels.empty() && labels.size() != inputs.size())
      throw UsageError("plot curves: " + std::to_string(labels.size()) + " --label for " +
                       std::to_string(inputs.size()) + " runs; give one per run, or none");
    std::vector<picture::CurveRun> runs;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      runs.push_back(picture::read_curve_run(inputs[i]));
      if (!labels.empty()) runs.back().label = labels[i];
    }
    if (out)
      write(vm, picture::curves_svg(
                    runs, vm.count("title") ? vm["title"].as<std::string>() : std::string()));
    else
      std::cout << picture::terminal_curves(runs, style, "loss", 12);
    return 0;
  }
  if (kind == "activations") {
    require_out();
    if (inputs.empty()) throw UsageError("plot activations: name one or more activations");
    Registry registry = load_registry(global);
    write(vm, picture::activations_svg(registry, inputs, vm["from"].as<double>(),
                                       vm["to"].as<double>()));
    return 0;
  }
  if (kind != "boundary" && kind != "network" && kind != "neuron")
    throw UsageError(
        "unknown picture kind '" + kind + "'" +
        did_you_mean(kind, {"curves", "boundary", "network", "activations", "neuron"}) +
        "; the kinds are " + kinds);

  const std::string model_path = one_model();
  Registry registry = load_registry(global);
  const std::unique_ptr<LoadedModel> model = load(model_path, registry);
  const engine::ModelInfo& info = model->model.info;
  const DrawnRows data = rows(vm, "data", model_path, info, registry);
  DrawnRows more = rows(vm, "test", model_path, info, registry);
  const std::optional<data::Dataset>& test = more.train ? more.train : data.test;
  const picture::Points points{data.train ? &*data.train : nullptr, test ? &*test : nullptr};
  const picture::PlaneOptions options = plane_options(vm);

  if (kind == "boundary") {
    if (!points.train && !points.test)
      throw UsageError("plot boundary: give the rows to draw with --data FILE.csv");
    if (out)
      write(vm, picture::boundary_svg(model->view, points, options));
    else
      std::cout << picture::terminal_boundary(model->view, points, style, options);
    return 0;
  }
  require_out();
  if (kind == "network") {
    picture::PlaneOptions o = options;
    if (vm["grid"].defaulted()) o.grid = 24;  // a neuron's map is small
    write(vm, picture::network_svg(model->view, points, o));
    return 0;
  }
  // neuron
  if (!vm.count("layer") || !vm.count("neuron") || !vm.count("input"))
    throw UsageError("plot neuron: give --layer L --neuron N --input X1,X2,...");
  engine::Network& net = model->model.network;
  const std::size_t layer = vm["layer"].as<std::size_t>(), index = vm["neuron"].as<std::size_t>();
  if (layer < 1 || layer > net.layer_count())
    throw UsageError("--layer " + std::to_string(layer) + ": the model has layers 1 to " +
                     std::to_string(net.layer_count()));
  if (index < 1 || index > net.neurons(layer - 1))
    throw UsageError("--neuron " + std::to_string(index) + ": layer " + std::to_string(layer) +
                     " has neurons 1 to " + std::to_string(net.neurons(layer - 1)));
  const std::vector<double> values = numbers(vm["input"].as<std::string>(), "input");
  if (values.size() != net.inputs())
    throw UsageError("--input: the model takes " + std::to_string(net.inputs()) + " values (" +
                     [&] {
                       std::string names;
                       for (const std::string& f : info.feature_names)
                         names += (names.empty() ? "" : ", ") + f;
                       return names;
                     }() +
                     "), got " + std::to_string(values.size()));
  std::vector<float> x(values.begin(), values.end());
  if (model->normalizer) model->normalizer->transform(x, 1, x.size());
  picture::NeuronPicture p;
  p.trace = net.trace_neuron(layer - 1, index - 1, x.data());
  if (layer == 1)
    p.input_names = info.feature_names;
  else
    for (std::size_t i = 0; i < net.fan_in(layer - 1); ++i)
      p.input_names.push_back("layer " + std::to_string(layer - 1) + "." + std::to_string(i + 1));
  if (layer == 1 && model->normalizer)
    for (std::string& n : p.input_names) n += " (normalized)";
  p.activation = net.spec().layers[layer - 1].activation;
  p.title = vm.count("title") ? vm["title"].as<std::string>()
                              : "layer " + std::to_string(layer) + ", neuron " +
                                    std::to_string(index) + " for one observation";
  write(vm, picture::neuron_svg(p));
  return 0;
}

}  // namespace neuronlab::host
