// The plot step: a picture of what the lesson has so far (docs/pictures.md). The curves of
// every run so far and the current network's decision boundary are drawn in the terminal;
// every kind is written as an SVG file into the learner's work folder when save: names one
// (kinds without a terminal form — network, activations, neuron — always are, by default as
// <lesson>-step<N>-<kind>.svg).
//   - plot: curves                        curves | boundary | network | activations | neuron
//   - plot: {kind: activations, names: [sigmoid, tanh], from: -5, to: 5}
//   - plot: {kind: neuron, layer: 1, neuron: 2, input: [1, 0]}
//     save: xor-boundary.svg              optional: a file name in the work folder
#include <neuronlab/io/atomic_file.hpp>
#include <neuronlab/lesson/runner.hpp>

#include <algorithm>
#include <filesystem>

#include "../../data/text.hpp"
#include "../step_kind.hpp"

namespace neuronlab::lesson {
namespace {

struct PlotStep : StepBody {
  std::string kind;
  std::vector<std::string> names;  // activations
  double from = -4, to = 4;
  std::size_t layer = 1, neuron = 1;  // neuron, 1-based
  std::vector<double> input;          // neuron
  std::string save;                   // a file name; empty: none (or the default)
  std::string where;

  void check_plugins(const Registry& registry) const override {
    for (const std::string& n : names) registry.require(Kind::activation, n, where);
  }

  std::string svg(StepContext& context) const {
    if (kind == "curves") {
      std::vector<picture::CurveRun> runs;
      for (const experiment::RunRecord& r : context.records) runs.push_back(picture::curve_run(r));
      return picture::curves_svg(runs);
    }
    if (kind == "activations") return picture::activations_svg(context.registry, names, from, to);
    const picture::ModelView model = context.model_view();
    if (kind == "boundary") return picture::boundary_svg(model, context.points());
    if (kind == "network") {
      picture::PlaneOptions maps;
      maps.grid = 24;
      return picture::network_svg(model, context.points(), maps);
    }
    engine::Network& net = *context.network;
    if (layer > net.layer_count() || neuron > net.neurons(layer - 1))
      throw Error(where + ": plot: the network has no neuron " + std::to_string(neuron) +
                  " in layer " + std::to_string(layer));
    if (input.size() != net.inputs())
      throw Error(where + ": plot.input has " + std::to_string(input.size()) +
                  " values, and the network takes " + std::to_string(net.inputs()));
    std::vector<float> x(input.begin(), input.end());
    if (context.normalizer) context.normalizer->transform(x, 1, x.size());
    picture::NeuronPicture p;
    p.trace = net.trace_neuron(layer - 1, neuron - 1, x.data());
    if (layer == 1) p.input_names = model.features;
    p.activation = net.spec().layers[layer - 1].activation;
    p.title = "layer " + std::to_string(layer) + ", neuron " + std::to_string(neuron);
    return picture::neuron_svg(p);
  }

  bool run(StepContext& context) const override {
    try {
      return draw(context);
    } catch (const Error& e) {
      const std::string m = e.what();
      if (m.rfind(where, 0) == 0) throw;
      throw Error(where + ": " + m);
    }
  }

  bool draw(StepContext& context) const {
    std::ostream& out = context.console.out;
    const picture::TerminalStyle& style = context.console.style;
    bool drawn = false;
    if (kind == "curves") {
      std::vector<picture::CurveRun> runs;
      for (const experiment::RunRecord& r : context.records) runs.push_back(picture::curve_run(r));
      out << picture::terminal_curves(runs, style, "loss", 10);
      drawn = true;
    } else if (kind == "boundary" && context.network->inputs() == 2 &&
               context.model_view().task != data::Task::regression) {
      out << picture::terminal_boundary(context.model_view(), context.points(), style);
      drawn = true;
    }
    std::string file = save;
    if (file.empty() && !drawn)
      file =
          context.lesson.id + "-step" + std::to_string(step_number(context)) + "-" + kind + ".svg";
    if (file.empty()) return true;
    const std::filesystem::path path = context.require_work_dir() / file;
    io::write_file_atomically(path, svg(context), "the picture");
    out << "picture saved: " << path.string() << "\n";
    return true;
  }

  std::size_t step_number(const StepContext& context) const {
    for (std::size_t i = 0; i < context.lesson.steps.size(); ++i)
      if (context.lesson.steps[i].body.get() == this) return i + 1;
    return 0;
  }
};

}  // namespace

namespace detail {
namespace {

const std::vector<std::string> kinds = {"curves", "boundary", "network", "activations", "neuron"};

std::shared_ptr<const StepBody> read(const StepReader& reader, const YAML::Node& step) {
  const yaml::YamlReader& in = reader.in;
  const YAML::Node node = step["plot"];
  auto made = std::make_shared<PlotStep>();
  PlotStep& p = *made;
  p.where = in.where(node);
  YAML::Node kind = node;
  if (node.IsMap()) {
    in.check_keys(node, "plot", {"kind", "names", "from", "to", "layer", "neuron", "input"});
    kind.reset(
        in.require(node, "kind", "plot", "which picture: " + neuronlab::detail::join(kinds)));
  }
  p.kind = in.text(kind, "plot");
  if (std::find(kinds.begin(), kinds.end(), p.kind) == kinds.end())
    in.fail(kind, "plot: unknown picture '" + p.kind + "'" + did_you_mean(p.kind, kinds) +
                      "; the pictures are " + neuronlab::detail::join(kinds));
  auto only = [&](const char* key, const char* for_kind) {
    if (node.IsMap() && node[key] && p.kind != for_kind)
      throw Error(in.key_where(node, key) + ": plot." + key + " is for the " + for_kind +
                  " picture");
  };
  for (const char* key : {"names", "from", "to"}) only(key, "activations");
  for (const char* key : {"layer", "neuron", "input"}) only(key, "neuron");
  if (p.kind == "activations") {
    if (!node.IsMap() || !node["names"])
      in.fail(node, "plot: activations needs names: [sigmoid, tanh, ...]");
    p.names = in.text_list(node["names"], "plot.names");
    if (node["from"]) p.from = in.real(node["from"], "plot.from", -1e6, 1e6);
    if (node["to"]) p.to = in.real(node["to"], "plot.to", -1e6, 1e6);
    if (!(p.from < p.to)) in.fail(node, "plot: from: must be below to:");
  }
  if (p.kind == "neuron") {
    if (!node.IsMap() || !node["input"])
      in.fail(node, "plot: neuron needs input: [...] (and layer:, neuron:, which default to 1)");
    if (node["layer"]) p.layer = std::size_t(in.integer(node["layer"], "plot.layer", 1, 1000));
    if (node["neuron"])
      p.neuron = std::size_t(in.integer(node["neuron"], "plot.neuron", 1, 100000));
    if (!node["input"].IsSequence()) in.fail(node["input"], "plot.input must be a list of numbers");
    for (const YAML::Node& v : node["input"])
      p.input.push_back(in.real(v, "plot.input", -1e6, 1e6));
  }
  const LessonScope& scope = reader.scope;
  if (p.kind == "curves" && !scope.has_record)
    needs_earlier(reader, step, "plot", "a training run to draw",
                  "put a train or experiment step before it");
  if ((p.kind == "boundary" || p.kind == "network" || p.kind == "neuron") && !scope.has_network)
    needs_earlier(reader, step, "plot", "a network",
                  "put a network, train or experiment step before it");
  if (p.kind == "boundary" && !scope.has_data)
    needs_earlier(reader, step, "plot", "data to draw", "put a data or experiment step before it");
  if (const YAML::Node save = step["save"]) {
    p.save = in.text(save, "save");
    const std::filesystem::path name(p.save);
    if (name.has_parent_path() || name.is_absolute() || name.extension() != ".svg")
      in.fail(save,
              "save: a file name ending in .svg, without a folder: pictures go into the "
              "learner's work folder");
  }
  return made;
}

}  // namespace

const StepKind& plot_step_kind() {
  static const StepKind kind{"plot",
                             {"save"},
                             "name the picture: curves, boundary, network, activations or neuron",
                             &read};
  return kind;
}

}  // namespace detail
}  // namespace neuronlab::lesson
