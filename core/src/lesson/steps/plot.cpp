// The plot step: a picture of what the lesson has so far (docs/pictures.md). The curves of
// every run so far and the current network's decision boundary are drawn in the terminal;
// every kind is written as an SVG file into the learner's work folder when save: names one
// (kinds without a terminal form — network, activations, neuron — always are, by default as
// <lesson>-step<N>-<kind>.svg).
//   - plot: curves         curves | boundary | network | activations | neuron | loss_surface
//   - plot: {kind: activations, names: [sigmoid, tanh], from: -5, to: 5}
//   - plot: {kind: neuron, layer: 1, neuron: 2, input: [1, 0]}
//   - plot: {kind: loss_surface, horizontal: [-1, 3], vertical: [-2, 2]}
//     save: xor-boundary.svg              optional: a file name in the work folder
#include <neuronlab/io/atomic_file.hpp>
#include <neuronlab/lesson/runner.hpp>

#include <algorithm>
#include <filesystem>

#include "../../data/text.hpp"
#include "../../experiment/defaults.hpp"
#include "../step_kind.hpp"

namespace neuronlab::lesson {
namespace {

struct PlotStep : StepBody {
  std::string kind;
  std::vector<std::string> names;  // activations
  double from = -4, to = 4;
  std::size_t layer = 1, neuron = 1;                   // neuron, 1-based
  std::vector<double> input;                           // neuron
  std::optional<picture::Range> horizontal, vertical;  // loss_surface
  std::string save;                                    // a file name; empty: none (or the default)
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
    if (kind == "loss_surface") return loss_surface(context);
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

  // The loss of the last run (the data's task's by default) over the current neuron's two
  // parameters, with the path the last run took when it trained this neuron.
  std::string loss_surface(StepContext& context) const {
    std::string name = experiment::defaults::loss(context.data->train.task);
    ParamMap params;
    if (!context.records.empty()) {
      name = context.records.back().experiment.training.loss;
      params = context.records.back().experiment.training.loss_params;
    }
    const auto loss = context.registry.create<Loss>(name, params);
    picture::SurfaceOptions o;
    o.x = horizontal;
    o.y = vertical;
    o.path = context.path;
    o.loss_name = name;
    return picture::loss_surface_svg(*context.network, *loss, context.data->train, o);
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

const std::vector<std::string> kinds = {"curves",      "boundary", "network",
                                        "activations", "neuron",   "loss_surface"};

// [from, to] with from < to.
picture::Range range(const yaml::YamlReader& in, const YAML::Node& node, const char* key) {
  const YAML::Node v = node[key];
  const std::string what = std::string("plot.") + key;
  if (!v.IsSequence() || v.size() != 2)
    in.fail(v, what + " must be [from, to], two numbers: [-2, 2]");
  picture::Range r{in.real(v[0], what.c_str(), -1e6, 1e6), in.real(v[1], what.c_str(), -1e6, 1e6)};
  if (!(r.lo < r.hi)) in.fail(v, what + ": from must be below to");
  return r;
}

std::shared_ptr<const StepBody> read(const StepReader& reader, const YAML::Node& step) {
  const yaml::YamlReader& in = reader.in;
  const YAML::Node node = step["plot"];
  auto made = std::make_shared<PlotStep>();
  PlotStep& p = *made;
  p.where = in.where(node);
  YAML::Node kind = node;
  if (node.IsMap()) {
    in.check_keys(
        node, "plot",
        {"kind", "names", "from", "to", "layer", "neuron", "input", "horizontal", "vertical"});
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
  for (const char* key : {"horizontal", "vertical"}) only(key, "loss_surface");
  if (p.kind == "loss_surface" && node.IsMap()) {
    if (node["horizontal"]) p.horizontal = range(in, node, "horizontal");
    if (node["vertical"]) p.vertical = range(in, node, "vertical");
  }
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
  const bool needs_network =
      p.kind == "boundary" || p.kind == "network" || p.kind == "neuron" || p.kind == "loss_surface";
  if (needs_network && !scope.has_network)
    needs_earlier(reader, step, "plot", "a network",
                  "put a network, train or experiment step before it");
  if ((p.kind == "boundary" || p.kind == "loss_surface") && !scope.has_data)
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
  static const StepKind kind{
      "plot",
      {"save"},
      "name the picture: curves, boundary, network, activations, neuron or loss_surface",
      &read};
  return kind;
}

}  // namespace detail
}  // namespace neuronlab::lesson
