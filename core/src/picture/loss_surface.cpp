// The loss surface of one neuron: the loss on the training rows over a grid of the neuron's
// two parameters — w1 and w2 with the bias held, or w and b for a neuron of one input — as a
// viridis map (dark: low), with a colour bar, and the path its parameters took while it
// trained: a dot per epoch, the start hollow, the end filled. Cells carry their loss as
// data-loss, the path its points as data-path, so a reader can check the numbers.
#include <neuronlab/error.hpp>
#include <neuronlab/picture/pictures.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "palette.hpp"
#include "plot.hpp"

namespace neuronlab::picture {
namespace {

constexpr double left = 70, top = 40, side = 420, bar = 16;

// The neuron's two parameters as the axes take them.
struct Axes {
  float* first;
  float* second;
  std::string first_name, second_name;
};

Axes axes_of(engine::Network& network) {
  if (network.layer_count() != 1 || network.neurons(0) != 1 ||
      (network.inputs() != 1 && network.inputs() != 2) || network.normalization(0))
    throw Error(
        "a loss surface is drawn for one neuron with 1 or 2 inputs and no normalization (its "
        "two parameters are the axes); this network has " +
        std::to_string(network.layer_count()) + " layer(s), " + std::to_string(network.outputs()) +
        " output(s) and " + std::to_string(network.inputs()) + " input(s)");
  float* w = network.weights(0).data;
  if (network.inputs() == 1) return {w, network.bias(0), "w (weight)", "b (bias)"};
  return {w, w + 1, "w1 (weight of input 1)", "w2 (weight of input 2)"};
}

// A parameter as float32 holds it: 7 significant digits ("1.4", not "1.3999999761581421").
std::string parameter(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.7g", v);
  return text;
}

// The range a path and the current point span, widened to show the valley around them.
Range around(const std::vector<std::array<double, 2>>& path, double current, std::size_t axis) {
  double lo = current, hi = current;
  for (const auto& p : path)
    if (std::isfinite(p[axis]) && std::fabs(p[axis]) < 1e6)
      lo = std::min(lo, p[axis]), hi = std::max(hi, p[axis]);
  const double margin = std::max(0.5 * (hi - lo), 1.0);
  const Scale s = nice_scale(lo - margin, hi + margin);
  return {s.lo, s.hi};
}

}  // namespace

std::string loss_surface_svg(engine::Network& network, const Loss& loss, const data::Dataset& rows,
                             const SurfaceOptions& o) {
  const Axes a = axes_of(network);
  if (rows.rows == 0) throw Error("a loss surface needs training rows to measure the loss on");
  const Range x = o.x ? *o.x : around(o.path, *a.first, 0);
  const Range y = o.y ? *o.y : around(o.path, *a.second, 1);
  if (!(x.lo < x.hi) || !(y.lo < y.hi))
    throw Error("a loss surface's ranges must run from a lower to a higher value");
  const std::size_t grid = std::clamp<std::size_t>(o.grid, 2, 400);

  // The loss at each cell's centre; row 0 is the top (the highest second parameter).
  std::vector<float> saved;
  network.save_values(saved);
  const ConstMatrixView input = rows.x_view(), target = rows.y_view();
  std::vector<double> value(grid * grid);
  double lo = INFINITY, hi = -INFINITY;
  for (std::size_t j = 0; j < grid; ++j)
    for (std::size_t i = 0; i < grid; ++i) {
      *a.first = static_cast<float>(x.lo + (x.hi - x.lo) * (i + 0.5) / grid);
      *a.second = static_cast<float>(y.hi - (y.hi - y.lo) * (j + 0.5) / grid);
      network.forward(input);
      const double v = network.loss(loss, target);
      value[j * grid + i] = v;
      if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    }
  network.restore_values(saved);
  if (!std::isfinite(lo)) throw Error("the loss is not finite anywhere on the loss surface");
  const bool log = lo > 0 && wants_log(lo, hi);
  const Scale colour = log ? Scale{lo, hi, true} : Scale{lo, hi > lo ? hi : lo + 1};

  const std::string title = o.title.empty() ? "loss surface (" + o.loss_name + ")" : o.title;
  Svg svg(left + side + 110, top + side + 90, title);
  draw_title(svg, title);
  Frame frame{left, top, side, side, {x.lo, x.hi}, {y.lo, y.hi}};
  open_frame(svg, frame, a.first_name, a.second_name);
  const double cw = side / static_cast<double>(grid), ch = side / static_cast<double>(grid);
  svg.open("g", {{"class", "cells"}, {"shape-rendering", "crispEdges"}});
  for (std::size_t j = 0; j < grid; ++j)
    for (std::size_t i = 0; i < grid; ++i) {
      const double v = value[j * grid + i];
      svg.element("rect", {{"data-loss", std::isfinite(v) ? num_exact(v) : "inf"},
                           {"x", left + static_cast<double>(i) * cw},
                           {"y", top + static_cast<double>(j) * ch},
                           {"width", cw + 0.01},
                           {"height", ch + 0.01},
                           {"fill", std::isfinite(v) ? hex(viridis(colour.map(v, 0, 1)))
                                                     : std::string("#fde725")}});
    }
  svg.close();

  // The path, clipped to the frame (a diverging run leaves it).
  if (!o.path.empty()) {
    svg.open("clipPath", {{"id", "surface-frame"}});
    svg.element("rect", {{"x", left}, {"y", top}, {"width", side}, {"height", side}});
    svg.close();
    std::string points;
    PathData line;
    for (std::size_t k = 0; k < o.path.size(); ++k) {
      const double px = frame.px(o.path[k][0]), py = frame.py(o.path[k][1]);
      if (!std::isfinite(px) || !std::isfinite(py)) break;
      points += (k ? " " : "") + parameter(o.path[k][0]) + "," + parameter(o.path[k][1]);
      k ? line.line(px, py) : line.move(px, py);
    }
    svg.open("g", {{"class", "path"}, {"clip-path", "url(#surface-frame)"}});
    svg.element("path", {{"data-path", points},
                         {"d", line.str()},
                         {"fill", "none"},
                         {"stroke", "#ffffff"},
                         {"stroke-width", 1.5}});
    const std::size_t every = std::max<std::size_t>(1, o.path.size() / 60);
    for (std::size_t k = 0; k < o.path.size(); k += every)
      svg.element("circle", {{"cx", frame.px(o.path[k][0])},
                             {"cy", frame.py(o.path[k][1])},
                             {"r", 1.8},
                             {"fill", "#ffffff"}});
    const auto& start = o.path.front();
    svg.element("circle", {{"class", "start"},
                           {"cx", frame.px(start[0])},
                           {"cy", frame.py(start[1])},
                           {"r", 5},
                           {"fill", "none"},
                           {"stroke", "#ffffff"},
                           {"stroke-width", 2}});
    svg.close();
  }
  svg.element("circle", {{"class", "current"},
                         {"cx", frame.px(*a.first)},
                         {"cy", frame.py(*a.second)},
                         {"r", 5},
                         {"fill", hex(category(1))},
                         {"stroke", "#ffffff"},
                         {"stroke-width", 1.5}});
  svg.close();

  // The colour bar: low at the bottom, as on the map's dark valleys.
  const double bx = left + side + 20;
  svg.open("g", {{"class", "colour-bar"},
                 {"data-domain", num_exact(lo) + " " + num_exact(hi)},
                 {"data-scale", log ? "log" : "linear"}});
  constexpr int steps = 40;
  for (int s = 0; s < steps; ++s)
    svg.element("rect", {{"x", bx},
                         {"y", top + side * s / steps},
                         {"width", bar},
                         {"height", side / steps + 0.5},
                         {"fill", hex(viridis(1.0 - (s + 0.5) / steps))}});
  const Scale labels = log ? log_scale(lo, hi) : colour;
  svg.text(bx, top - 8, "loss", {{"font-size", 11}});
  for (const Tick& t : ticks(labels, 8)) {
    if (t.value < lo || t.value > hi) continue;
    const double ty = top + side - colour.map(t.value, 0, side);
    svg.element(
        "line",
        {{"x1", bx + bar}, {"y1", ty}, {"x2", bx + bar + 4}, {"y2", ty}, {"stroke", "#333333"}});
    svg.text(bx + bar + 6, ty + 4, t.label, {{"font-size", 11}});
  }
  svg.close();
  std::vector<LegendEntry> entries{{"now", hex(category(1)), "", true, false}};
  if (!o.path.empty()) {
    entries.insert(entries.begin(), {"start of training", "#777777", "", true, true});
    entries.push_back({"one dot per epoch", "#777777"});
  }
  draw_legend(svg, left, top + side + 52, side, entries);
  return svg.str();
}

}  // namespace neuronlab::picture
