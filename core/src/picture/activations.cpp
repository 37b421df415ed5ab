// Activation functions side by side: f(x) in one panel, f′(x) in the other, for any list of
// activation plugins taken from the registry at their default parameters — so a plugin just
// written is plotted exactly as the network will call it. f′ is what the plugin's backward
// returns for an upstream gradient of 1, one value per row. A row-wise activation (softmax)
// sees one value per row here, so its curve is that of a single output.
#include <neuronlab/error.hpp>
#include <neuronlab/picture/pictures.hpp>

#include <algorithm>
#include <cmath>

#include "palette.hpp"
#include "plot.hpp"

namespace neuronlab::picture {
namespace {

constexpr std::size_t samples = 401;  // x = 0 is sample 200

struct Curve {
  std::string name;
  std::vector<float> f, df;
};

Curve evaluate(const Registry& registry, const std::string& name, const std::vector<float>& x) {
  registry.require(Kind::activation, name, "plot activations");
  const std::shared_ptr<Activation> activation = registry.create<Activation>(name);
  Curve c{name, std::vector<float>(x.size()), std::vector<float>(x.size())};
  const std::vector<float> ones(x.size(), 1.0f);
  const ConstMatrixView in{x.data(), x.size(), 1, 1};
  try {
    activation->forward(in, MatrixView{c.f.data(), x.size(), 1, 1});
    activation->backward(in, ConstMatrixView{c.f.data(), x.size(), 1, 1},
                         ConstMatrixView{ones.data(), x.size(), 1, 1},
                         MatrixView{c.df.data(), x.size(), 1, 1});
  } catch (const std::exception& e) {
    const ComponentInfo& info = *registry.find(Kind::activation, name);
    throw Error("activation '" + name + "' (" + info.library.string() + ") failed on a batch of " +
                std::to_string(x.size()) + " values: " + e.what());
  }
  return c;
}

void panel(Svg& svg, Frame frame, const std::vector<float>& x, const std::vector<Curve>& curves,
           bool derivative) {
  double lo = INFINITY, hi = -INFINITY;
  for (const Curve& c : curves)
    for (float v : derivative ? c.df : c.f)
      if (std::isfinite(v)) lo = std::min<double>(lo, v), hi = std::max<double>(hi, v);
  if (lo > hi) lo = -1, hi = 1;
  frame.ys = nice_scale(lo, hi);
  open_frame(svg, frame, "x", derivative ? "f′(x)" : "f(x)");
  if (frame.ys.lo < 0 && frame.ys.hi > 0)
    svg.element("line", {{"x1", frame.x},
                         {"y1", frame.py(0)},
                         {"x2", frame.x + frame.width},
                         {"y2", frame.py(0)},
                         {"stroke", "#aaaaaa"}});
  if (frame.xs.lo < 0 && frame.xs.hi > 0)
    svg.element("line", {{"x1", frame.px(0)},
                         {"y1", frame.y},
                         {"x2", frame.px(0)},
                         {"y2", frame.y + frame.height},
                         {"stroke", "#aaaaaa"}});
  for (std::size_t k = 0; k < curves.size(); ++k) {
    const std::vector<float>& y = derivative ? curves[k].df : curves[k].f;
    PathData path;
    bool pen = false;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (!std::isfinite(y[i])) {
        pen = false;
        continue;
      }
      if (pen)
        path.line(frame.px(x[i]), frame.py(y[i]));
      else
        path.move(frame.px(x[i]), frame.py(y[i]));
      pen = true;
    }
    svg.element("path", {{"class", "series"},
                         {"data-activation", curves[k].name},
                         {"data-part", derivative ? "derivative" : "function"},
                         {"data-points", x.size()},
                         {"d", path.str()},
                         {"fill", "none"},
                         {"stroke", hex(category(k))},
                         {"stroke-width", 2}});
  }
  svg.close();
}

}  // namespace

std::string activations_svg(const Registry& registry, const std::vector<std::string>& names,
                            double lo, double hi) {
  if (names.empty()) throw Error("plot activations: name at least one activation");
  if (!(lo < hi) || !std::isfinite(lo) || !std::isfinite(hi))
    throw Error("plot activations: the interval needs from < to (got " + num(lo) + " to " +
                num(hi) + ")");
  std::vector<float> x(samples);
  for (std::size_t i = 0; i < samples; ++i)
    x[i] = static_cast<float>(lo + (hi - lo) * static_cast<double>(i) / (samples - 1));
  std::vector<Curve> curves;
  for (const std::string& name : names) curves.push_back(evaluate(registry, name, x));

  constexpr double left = 70, top = 40, w = 340, h = 240, gap = 90;
  std::string title = "activation functions: ";
  for (std::size_t k = 0; k < names.size(); ++k) title += (k ? ", " : "") + names[k];
  Svg svg(left + 2 * w + gap + 30, top + h + 90, title);
  draw_title(svg, title);
  const Scale xs{lo, hi};
  panel(svg, {left, top, w, h, xs, {}}, x, curves, false);
  panel(svg, {left + w + gap, top, w, h, xs, {}}, x, curves, true);
  std::vector<LegendEntry> legend;
  for (std::size_t k = 0; k < curves.size(); ++k)
    legend.push_back({curves[k].name, hex(category(k))});
  draw_legend(svg, left, top + h + 52, 2 * w + gap, legend);
  return svg.str();
}

}  // namespace neuronlab::picture
