#include "plane.hpp"

#include <neuronlab/error.hpp>

#include <algorithm>
#include <cmath>

#include "plot.hpp"

namespace neuronlab::picture {

Range plane_range(const Points& points, std::size_t feature) {
  double lo = INFINITY, hi = -INFINITY;
  for (const data::Dataset* d : {points.train, points.test}) {
    if (!d || feature >= d->features()) continue;
    for (std::size_t r = 0; r < d->rows; ++r) {
      const double v = d->x[r * d->features() + feature];
      if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    }
  }
  if (lo > hi) return {-1, 1};
  const double pad = (hi - lo) * 0.05;
  const Scale s = nice_scale(lo - pad, hi + pad);
  return {s.lo, s.hi};
}

void forward_grid(const ModelView& model, Range x, Range y, std::size_t nx, std::size_t ny) {
  std::vector<float> inputs(nx * ny * 2);
  for (std::size_t j = 0; j < ny; ++j)
    for (std::size_t i = 0; i < nx; ++i) {
      float* cell = &inputs[(j * nx + i) * 2];
      cell[0] = static_cast<float>(x.lo + (x.hi - x.lo) * (static_cast<double>(i) + 0.5) /
                                              static_cast<double>(nx));
      cell[1] = static_cast<float>(y.hi - (y.hi - y.lo) * (static_cast<double>(j) + 0.5) /
                                              static_cast<double>(ny));
    }
  if (model.normalizer) model.normalizer->transform(inputs, nx * ny, 2);
  model.network->forward(ConstMatrixView{inputs.data(), nx * ny, 2, 2});
}

std::size_t true_class(const data::Dataset& data, std::size_t r) {
  if (data.task != data::Task::categorical) return data.y[r] > 0.5f ? 1 : 0;
  const float* row = &data.y[r * data.outputs()];
  return static_cast<std::size_t>(std::max_element(row, row + data.outputs()) - row);
}

std::string describe(const ModelView& model) {
  const std::size_t n = model.network->inputs();
  const std::string inputs = std::to_string(n) + (n == 1 ? " input" : " inputs");
  switch (model.task) {
    case data::Task::regression:
      return "a regression with " + inputs;
    case data::Task::binary:
      return "a binary classifier with " + inputs;
    case data::Task::categorical:
      return "a classifier of " + std::to_string(model.classes.size()) + " classes with " + inputs;
  }
  return inputs;
}

double confidence(float probability, std::size_t classes) {
  if (!(probability >= 0)) return 0;  // not a number: drawn as chance
  const double chance = 1.0 / static_cast<double>(std::max<std::size_t>(classes, 2));
  return std::clamp((probability - chance) / (1 - chance), 0.0, 1.0);
}

ClassMap class_map(const ModelView& model, Range x, Range y, std::size_t nx, std::size_t ny) {
  if (model.task == data::Task::regression || model.network->inputs() != 2)
    throw Error("a class map needs a classifier with 2 inputs; this model is " + describe(model));
  forward_grid(model, x, y, nx, ny);
  const ConstMatrixView out = model.network->output();
  ClassMap map{x, y, nx, ny, std::vector<std::uint8_t>(nx * ny), std::vector<float>(nx * ny)};
  for (std::size_t c = 0; c < nx * ny; ++c) {
    const float* row = out.row(c);
    if (model.task == data::Task::binary) {
      const float p = std::clamp(row[0], 0.0f, 1.0f);
      map.label[c] = p >= 0.5f ? 1 : 0;
      map.probability[c] = std::max(p, 1 - p);
    } else {
      const std::size_t best =
          static_cast<std::size_t>(std::max_element(row, row + out.cols) - row);
      map.label[c] = static_cast<std::uint8_t>(std::min<std::size_t>(best, 255));
      map.probability[c] = std::clamp(row[best], 0.0f, 1.0f);
    }
  }
  return map;
}

}  // namespace neuronlab::picture
