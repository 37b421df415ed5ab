// The decision boundary: for a classifier with two inputs, every cell of a grid over the
// input plane coloured by its predicted class and shaded by that class's probability (white
// at chance, the full class colour at certainty), the data on top — training rows as filled
// dots, test rows as hollow ones, coloured by their true class. For a regression with one
// input, the fitted curve over the data.
#include <neuronlab/error.hpp>
#include <neuronlab/picture/pictures.hpp>

#include <algorithm>
#include <cmath>

#include "palette.hpp"
#include "plane.hpp"
#include "plot.hpp"

namespace neuronlab::picture {
namespace {

constexpr double left = 70, top = 40, side = 420;
constexpr int shades = 8;  // probability steps: neighbouring cells of one step merge

// The shade step of a cell: 0 at chance … shades at certainty.
int level(float probability, std::size_t classes) {
  return static_cast<int>(std::lround(confidence(probability, classes) * shades));
}

Rgb cell_colour(std::size_t label, int level) {
  return mix({0xff, 0xff, 0xff}, category(label), 0.12 + 0.58 * level / shades);
}

std::string axis_name(const ModelView& model, std::size_t i) {
  return i < model.features.size() && !model.features[i].empty() ? model.features[i]
                                                                 : "x" + std::to_string(i + 1);
}

std::string class_name(const ModelView& model, std::size_t k) {
  return k < model.classes.size() ? model.classes[k] : "class " + std::to_string(k);
}

void draw_cells(Svg& svg, const Frame& frame, const ClassMap& map, std::size_t classes) {
  const double cw = frame.width / static_cast<double>(map.nx);
  const double ch = frame.height / static_cast<double>(map.ny);
  svg.open("g", {{"class", "cells"}, {"shape-rendering", "crispEdges"}});
  for (std::size_t j = 0; j < map.ny; ++j) {
    std::size_t i = 0;
    while (i < map.nx) {  // one rectangle per run of equal colour along the row
      const std::size_t c = j * map.nx + i;
      const int shade = level(map.probability[c], classes);
      std::size_t end = i + 1;
      while (end < map.nx && map.label[j * map.nx + end] == map.label[c] &&
             level(map.probability[j * map.nx + end], classes) == shade)
        ++end;
      const std::string colour = hex(cell_colour(map.label[c], shade));
      svg.element("rect", {{"data-class", static_cast<std::size_t>(map.label[c])},
                           {"x", frame.x + static_cast<double>(i) * cw},
                           {"y", frame.y + static_cast<double>(j) * ch},
                           {"width", static_cast<double>(end - i) * cw + 0.01},
                           {"height", ch + 0.01},
                           {"fill", colour}});
      i = end;
    }
  }
  svg.close();
}

void draw_points(Svg& svg, const Frame& frame, const Points& points, std::size_t x_feature,
                 std::size_t y_feature, bool regression) {
  for (int part = 0; part < 2; ++part) {
    const data::Dataset* d = part == 0 ? points.train : points.test;
    if (!d || d->rows == 0) continue;
    svg.open("g", {{"class", part == 0 ? "train-points" : "test-points"}});
    for (std::size_t r = 0; r < d->rows; ++r) {
      const float* x = &d->x[r * d->features()];
      const double px = frame.px(x[x_feature]);
      const double py = regression ? frame.py(d->y[r]) : frame.py(x[y_feature]);
      const std::size_t k = regression ? 0 : true_class(*d, r);
      const std::string colour = hex(regression ? Rgb{0x33, 0x33, 0x33} : category(k));
      if (part == 0)
        svg.element("circle", {{"data-class", k},
                               {"cx", px},
                               {"cy", py},
                               {"r", 3.5},
                               {"fill", colour},
                               {"stroke", "#ffffff"},
                               {"stroke-width", 1}});
      else
        svg.element("circle", {{"data-class", k},
                               {"cx", px},
                               {"cy", py},
                               {"r", 4},
                               {"fill", "#ffffff"},
                               {"stroke", colour},
                               {"stroke-width", 2}});
    }
    svg.close();
  }
}

std::vector<LegendEntry> point_legend(const Points& points, const std::string& colour) {
  std::vector<LegendEntry> entries;
  if (points.train && points.train->rows)
    entries.push_back({"training rows", colour, "", true, false});
  if (points.test && points.test->rows) entries.push_back({"test rows", colour, "", true, true});
  return entries;
}

std::string classifier(const ModelView& model, const Points& points, const PlaneOptions& o) {
  const Range x = o.x ? *o.x : plane_range(points, 0);
  const Range y = o.y ? *o.y : plane_range(points, 1);
  const std::size_t grid = std::clamp<std::size_t>(o.grid, 2, 1000);
  const ClassMap map = class_map(model, x, y, grid, grid);
  const std::string title = o.title.empty() ? "decision boundary" : o.title;
  Svg svg(left + side + 40, top + side + 90, title);
  draw_title(svg, title);
  Frame frame{left, top, side, side, {x.lo, x.hi}, {y.lo, y.hi}};
  open_frame(svg, frame, axis_name(model, 0), axis_name(model, 1));
  const std::size_t classes = std::max<std::size_t>(model.classes.size(), 2);
  draw_cells(svg, frame, map, classes);
  draw_points(svg, frame, points, 0, 1, false);
  svg.close();
  std::vector<LegendEntry> entries;
  for (std::size_t k = 0; k < classes; ++k)
    entries.push_back({class_name(model, k), hex(category(k)), "", true, false});
  for (LegendEntry& e : point_legend(points, "#555555")) entries.push_back(e);
  entries.push_back({"shade: probability of the predicted class", "#bbbbbb"});
  draw_legend(svg, left, top + side + 52, side, entries);
  return svg.str();
}

std::string regression(const ModelView& model, const Points& points, const PlaneOptions& o) {
  const Range x = o.x ? *o.x : plane_range(points, 0);
  constexpr std::size_t samples = 200;
  std::vector<float> inputs(samples);
  for (std::size_t i = 0; i < samples; ++i)
    inputs[i] = static_cast<float>(x.lo + (x.hi - x.lo) * static_cast<double>(i) / (samples - 1));
  std::vector<float> normalized = inputs;
  if (model.normalizer) model.normalizer->transform(normalized, samples, 1);
  const ConstMatrixView out =
      model.network->forward(ConstMatrixView{normalized.data(), samples, 1, 1});
  double lo = INFINITY, hi = -INFINITY;
  for (std::size_t i = 0; i < samples; ++i)
    if (std::isfinite(out(i, 0)))
      lo = std::min<double>(lo, out(i, 0)), hi = std::max<double>(hi, out(i, 0));
  for (const data::Dataset* d : {points.train, points.test})
    if (d)
      for (float v : d->y)
        if (std::isfinite(v)) lo = std::min<double>(lo, v), hi = std::max<double>(hi, v);
  const std::string title = o.title.empty() ? "fitted curve" : o.title;
  Svg svg(left + side * 1.4 + 40, top + side * 0.8 + 90, title);
  draw_title(svg, title);
  Frame frame{left,       top,          side * 1.4,
              side * 0.8, {x.lo, x.hi}, o.y ? Scale{o.y->lo, o.y->hi} : nice_scale(lo, hi)};
  open_frame(svg, frame, axis_name(model, 0), model.target.empty() ? "prediction" : model.target);
  draw_points(svg, frame, points, 0, 0, true);
  PathData path;
  bool pen = false;
  for (std::size_t i = 0; i < samples; ++i) {
    if (!std::isfinite(out(i, 0))) {
      pen = false;
      continue;
    }
    if (pen)
      path.line(frame.px(inputs[i]), frame.py(out(i, 0)));
    else
      path.move(frame.px(inputs[i]), frame.py(out(i, 0)));
    pen = true;
  }
  svg.element("path", {{"class", "fit"},
                       {"data-points", samples},
                       {"d", path.str()},
                       {"fill", "none"},
                       {"stroke", hex(category(1))},
                       {"stroke-width", 2.5}});
  svg.close();
  std::vector<LegendEntry> entries{{"the network's prediction", hex(category(1))}};
  for (LegendEntry& e : point_legend(points, "#333333")) entries.push_back(e);
  draw_legend(svg, left, top + side * 0.8 + 52, side * 1.4, entries);
  return svg.str();
}

}  // namespace

std::string boundary_svg(const ModelView& model, const Points& points, const PlaneOptions& o) {
  const std::size_t inputs = model.network->inputs();
  if (model.task != data::Task::regression && inputs == 2) return classifier(model, points, o);
  if (model.task == data::Task::regression && inputs == 1 && model.network->outputs() == 1)
    return regression(model, points, o);
  throw Error(
      "a boundary picture needs a classifier with 2 inputs or a regression with 1 input; "
      "this model is " +
      describe(model) + "\n  hint: 'neuronlab plot network MODEL' draws any network");
}

}  // namespace neuronlab::picture
