// neuronlab_bench_pictures: how long a decision boundary takes to draw, in the build the
// README gives. A 2-input classifier (2-16-16-3, tanh, softmax) is drawn on a 200 × 200 grid
// with 300 data points; the class map (one batched forward pass of 40 000 rows) and the whole
// SVG are timed separately, 30 times each after a warm-up, and the medians printed. The
// target is a boundary in under 50 ms; exit status 1 when the median misses it.
#include <neuronlab/picture/pictures.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

template <class F>
double median_ms(F&& f, int runs) {
  f();  // warm-up: the network grows its buffers once
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    f();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

}  // namespace

int main() {
  using namespace neuronlab;
  Registry registry;
  registry.load_directories(plugin_search_path({}));
  if (!registry.find(Kind::activation, "tanh")) {
    std::fprintf(stderr, "neuronlab_bench_pictures: no plugins found (build them first)\n");
    return 2;
  }
  engine::NetworkSpec spec;
  spec.inputs = 2;
  for (std::size_t n : {16, 16}) {
    engine::LayerSpec layer;
    layer.neurons = n;
    layer.activation = "tanh";
    spec.layers.push_back(layer);
  }
  engine::LayerSpec out;
  out.neurons = 3;
  out.activation = "softmax";
  spec.layers.push_back(out);
  engine::Network network(spec, registry, 7);

  data::Dataset points;
  points.task = data::Task::categorical;
  points.feature_names = {"x1", "x2"};
  points.class_names = {"a", "b", "c"};
  points.rows = 300;
  std::mt19937 random(1);
  std::uniform_real_distribution<float> coordinate(-3, 3);
  for (std::size_t r = 0; r < points.rows; ++r) {
    points.x.push_back(coordinate(random));
    points.x.push_back(coordinate(random));
    for (std::size_t k = 0; k < 3; ++k) points.y.push_back(r % 3 == k ? 1.0f : 0.0f);
  }
  const picture::ModelView model{
      &network,           nullptr, data::Task::categorical, points.feature_names,
      points.class_names, "class"};
  const picture::Points drawn{&points, nullptr};
  picture::PlaneOptions options;
  options.grid = 200;
  std::size_t bytes = 0;
  const double map_ms = median_ms(
      [&] {
        picture::class_map(model, {-3, 3}, {-3, 3}, options.grid, options.grid);
      },
      30);
  const double svg_ms =
      median_ms([&] { bytes = picture::boundary_svg(model, drawn, options).size(); }, 30);
  std::printf("decision boundary, 2-16-16-3 network, 200 x 200 grid, 300 points\n");
  std::printf("  class map (one forward pass of 40000 rows)  median %.2f ms\n", map_ms);
  std::printf("  whole SVG (map, cells, points, axes)        median %.2f ms, %zu bytes\n", svg_ms,
              bytes);
  std::printf("  target: under 50 ms: %s\n", svg_ms < 50 ? "met" : "NOT met");
  return svg_ms < 50 ? 0 : 1;
}
