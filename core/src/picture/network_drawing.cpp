// The network drawn: one column per layer (the inputs first), neurons as circles — or, for a
// network with two inputs and a plane to draw on, as small maps of their own output over the
// input plane — and every synapse as a line, blue for a positive weight and vermillion for a
// negative one, as wide as the weight is large against the largest in the network. Each
// neuron is labelled with its activation and bias. Layers wider than 16 show their first 16.
#include <neuronlab/picture/pictures.hpp>

#include <algorithm>
#include <cmath>

#include "palette.hpp"
#include "plane.hpp"
#include "plot.hpp"

namespace neuronlab::picture {
namespace {

constexpr std::size_t most_shown = 16;
constexpr double column_gap = 190, top = 50, left = 110;

struct Layout {
  bool maps = false;
  double node = 28;                 // a circle's diameter, or a map's side
  double row = 56;                  // vertical distance between neurons
  std::vector<std::size_t> counts;  // neurons per column (inputs first)
  double height = 0;
  double x(std::size_t column) const { return left + static_cast<double>(column) * column_gap; }
  double y(std::size_t column, std::size_t i) const {
    const std::size_t shown = std::min(counts[column], most_shown);
    const double used = static_cast<double>(shown) * row;
    return top + (height - used) / 2 + (static_cast<double>(i) + 0.5) * row;
  }
};

std::string input_name(const ModelView& model, std::size_t i) {
  return i < model.features.size() && !model.features[i].empty() ? model.features[i]
                                                                 : "x" + std::to_string(i + 1);
}

// A map of one grid column of values (cells row-major, nx × ny), each cell coloured by where
// the value falls between the map's lowest (orange) and highest (blue) value.
void draw_map(Svg& svg, double x, double y, double side, const std::vector<float>& values,
              std::size_t n, const std::string& neuron) {
  float lo = INFINITY, hi = -INFINITY;
  for (float v : values)
    if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  const double span = hi > lo ? hi - lo : 1;
  auto shade = [&](float v) {
    if (!std::isfinite(v) || !(hi > lo)) return 0L;
    return std::lround(((v - lo) / span * 2 - 1) * 8);  // -8 … 8
  };
  const double cell = side / static_cast<double>(n);
  svg.open("g", {{"class", "neuron-map"},
                 {"data-neuron", neuron},
                 {"data-low", num_exact(lo > hi ? 0 : lo)},
                 {"data-high", num_exact(lo > hi ? 0 : hi)},
                 {"shape-rendering", "crispEdges"}});
  for (std::size_t j = 0; j < n; ++j) {
    std::size_t i = 0;
    while (i < n) {
      const long s = shade(values[j * n + i]);
      std::size_t end = i + 1;
      while (end < n && shade(values[j * n + end]) == s) ++end;
      svg.element("rect", {{"x", x + static_cast<double>(i) * cell},
                           {"y", y + static_cast<double>(j) * cell},
                           {"width", static_cast<double>(end - i) * cell + 0.01},
                           {"height", cell + 0.01},
                           {"fill", hex(diverging(static_cast<double>(s) / 8))}});
      i = end;
    }
  }
  svg.close();
  svg.element("rect", {{"x", x},
                       {"y", y},
                       {"width", side},
                       {"height", side},
                       {"fill", "none"},
                       {"stroke", "#555555"}});
}

}  // namespace

std::string network_svg(const ModelView& model, const Points& points, const PlaneOptions& o) {
  engine::Network& net = *model.network;
  Layout layout;
  layout.counts.push_back(net.inputs());
  for (std::size_t l = 0; l < net.layer_count(); ++l) layout.counts.push_back(net.neurons(l));
  const bool plane = points.train || points.test || (o.x && o.y);
  layout.maps = net.inputs() == 2 && plane;
  if (layout.maps) layout.node = 48, layout.row = 84;
  std::size_t tallest = 0;
  for (std::size_t c : layout.counts) tallest = std::max(tallest, std::min(c, most_shown));
  layout.height = static_cast<double>(tallest) * layout.row;

  // Every neuron's output over the plane, from one forward pass of the grid.
  const std::size_t n = std::clamp<std::size_t>(o.grid, 4, 40);
  std::vector<std::vector<std::vector<float>>> maps;  // [column][neuron] (n × n)
  if (layout.maps) {
    const Range x = o.x ? *o.x : plane_range(points, 0);
    const Range y = o.y ? *o.y : plane_range(points, 1);
    forward_grid(model, x, y, n, n);
    maps.emplace_back(2, std::vector<float>(n * n));
    for (std::size_t j = 0; j < n; ++j)
      for (std::size_t i = 0; i < n; ++i) {
        maps[0][0][j * n + i] = static_cast<float>(i);      // x grows to the right
        maps[0][1][j * n + i] = static_cast<float>(n - j);  // y grows upwards
      }
    for (std::size_t l = 0; l < net.layer_count(); ++l) {
      const ConstMatrixView a = net.layer_output(l);
      const std::size_t shown = std::min(net.neurons(l), most_shown);
      maps.emplace_back(shown, std::vector<float>(n * n));
      for (std::size_t k = 0; k < shown; ++k)
        for (std::size_t c = 0; c < n * n; ++c) maps[l + 1][k][c] = a(c, k);
    }
  }

  float largest = 0;
  for (std::size_t l = 0; l < net.layer_count(); ++l) {
    const ConstMatrixView w = net.weights(l);
    for (std::size_t r = 0; r < w.rows; ++r)
      for (std::size_t c = 0; c < w.cols; ++c)
        if (std::isfinite(w(r, c))) largest = std::max(largest, std::fabs(w(r, c)));
  }
  if (!(largest > 0)) largest = 1;

  const std::string title = o.title.empty() ? "the network" : o.title;
  const double width = layout.x(layout.counts.size() - 1) + 150;
  Svg svg(width, top + layout.height + 80, title);
  draw_title(svg, title);
  const double radius = layout.node / 2;

  svg.open("g", {{"class", "synapses"}, {"stroke-linecap", "round"}});
  for (std::size_t l = 0; l < net.layer_count(); ++l) {
    const ConstMatrixView w = net.weights(l);
    for (std::size_t r = 0; r < std::min(w.rows, most_shown); ++r)
      for (std::size_t c = 0; c < std::min(w.cols, most_shown); ++c) {
        const float v = w(r, c);
        const double magnitude = std::isfinite(v) ? std::fabs(v) / largest : 0;
        svg.element("line", {{"class", "synapse"},
                             {"data-layer", l + 1},
                             {"data-from", c + 1},
                             {"data-to", r + 1},
                             {"data-weight", num_exact(v)},
                             {"x1", layout.x(l) + radius},
                             {"y1", layout.y(l, c)},
                             {"x2", layout.x(l + 1) - radius},
                             {"y2", layout.y(l + 1, r)},
                             {"stroke", hex(v < 0 ? negative_colour() : positive_colour())},
                             {"stroke-opacity", 0.75},
                             {"stroke-width", 0.5 + 5.5 * magnitude}});
      }
  }
  svg.close();

  for (std::size_t column = 0; column < layout.counts.size(); ++column) {
    const std::size_t count = layout.counts[column];
    const bool input = column == 0;
    const std::size_t l = column - 1;
    svg.open("g", {{"class", input ? "inputs" : "layer"}, {"data-layer", column}});
    const std::string heading =
        input ? "inputs"
              : (column + 1 == layout.counts.size() ? "output layer"
                                                    : "hidden layer " + std::to_string(column));
    svg.text(layout.x(column), top - 8, heading,
             {{"text-anchor", "middle"}, {"font-weight", "bold"}});
    for (std::size_t i = 0; i < std::min(count, most_shown); ++i) {
      const double cx = layout.x(column), cy = layout.y(column, i);
      const std::string id =
          input ? "input " + std::to_string(i + 1)
                : "layer " + std::to_string(column) + " neuron " + std::to_string(i + 1);
      if (layout.maps)
        draw_map(svg, cx - radius, cy - radius, layout.node, maps[column][i], n, id);
      else
        svg.element("circle", {{"cx", cx},
                               {"cy", cy},
                               {"r", radius},
                               {"fill", input ? "#f2f2f2" : "#ffffff"},
                               {"stroke", "#555555"},
                               {"stroke-width", 1.5}});
      if (input) {
        svg.text(cx - radius - 6, cy + 4, input_name(model, i), {{"text-anchor", "end"}});
      } else {
        const float bias = net.bias(l)[i];
        svg.text(cx, cy + radius + 13, net.spec().layers[l].activation,
                 {{"text-anchor", "middle"}, {"font-size", "11"}});
        svg.text(cx, cy + radius + 25, "b = " + num(bias),
                 {{"class", "bias"},
                  {"data-bias", num_exact(bias)},
                  {"text-anchor", "middle"},
                  {"font-size", "10"},
                  {"fill", hex(bias < 0 ? negative_colour() : positive_colour())}});
      }
      if (!input && column + 1 == layout.counts.size() && i < model.classes.size() &&
          model.task == data::Task::categorical)
        svg.text(cx + radius + 6, cy + 4, model.classes[i]);
    }
    if (count > most_shown)
      svg.text(layout.x(column), layout.y(column, most_shown - 1) + radius + 40,
               "+ " + std::to_string(count - most_shown) + " more",
               {{"text-anchor", "middle"}, {"fill", "#555555"}});
    svg.close();
  }

  std::vector<LegendEntry> legend{{"positive weight", hex(positive_colour())},
                                  {"negative weight", hex(negative_colour())},
                                  {"width: |weight|", "#999999"}};
  if (layout.maps)
    legend.push_back({"map: the neuron's output, low orange to high blue", "#bbbbbb"});
  draw_legend(svg, left - 60, top + layout.height + 50, width - left, legend);
  return svg.str();
}

}  // namespace neuronlab::picture
