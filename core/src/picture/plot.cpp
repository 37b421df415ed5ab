#include "plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace neuronlab::picture {
namespace {

// The 1, 2 or 5 × 10^k step nearest above span / count.
double nice_step(double span, int count) {
  const double raw = span / std::max(count, 1);
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0})
    if (raw <= m * power * (1 + 1e-9)) return m * power;
  return 10 * power;
}

std::string format_tick(double value, double step) {
  char buffer[32];
  if (value == 0) return "0";
  const double magnitude = std::fabs(value);
  if (magnitude >= 1e5 || magnitude < 1e-4) {
    std::snprintf(buffer, sizeof buffer, "%.3g", value);
  } else {
    const int decimals = std::max(0, static_cast<int>(-std::floor(std::log10(step) + 1e-9)));
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  }
  return buffer;
}

}  // namespace

double Scale::map(double v, double from, double to) const {
  double t;
  if (log) {
    const double safe = v > 0 ? v : lo;
    t = (std::log10(safe) - std::log10(lo)) / (std::log10(hi) - std::log10(lo));
  } else {
    t = (v - lo) / (hi - lo);
  }
  return from + (to - from) * t;
}

Scale nice_scale(double lo, double hi, int count) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return {0, 1, false};
  if (lo > hi) std::swap(lo, hi);
  if (hi - lo < 1e-12 * std::max(1.0, std::fabs(hi))) {
    const double pad = lo == 0 ? 1 : std::fabs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const double step = nice_step(hi - lo, count);
  return {std::floor(lo / step + 1e-9) * step, std::ceil(hi / step - 1e-9) * step, false};
}

Scale log_scale(double lo, double hi) {
  lo = std::max(lo, 1e-300);
  hi = std::max(hi, lo);
  double a = std::pow(10.0, std::floor(std::log10(lo) + 1e-9));
  double b = std::pow(10.0, std::ceil(std::log10(hi) - 1e-9));
  if (b <= a) b = a * 10;
  return {a, b, true};
}

bool wants_log(double lo, double hi) { return lo > 0 && hi / lo > 30; }

std::vector<Tick> ticks(const Scale& scale, int count) {
  std::vector<Tick> out;
  if (scale.log) {
    const int first = static_cast<int>(std::lround(std::log10(scale.lo)));
    const int last = static_cast<int>(std::lround(std::log10(scale.hi)));
    const int every = std::max(1, (last - first + count - 1) / std::max(count, 1));
    for (int k = first; k <= last; k += every) {
      const double v = std::pow(10.0, k);
      out.push_back({v, format_tick(v, v)});
    }
    return out;
  }
  const double step = nice_step(scale.hi - scale.lo, count);
  const double start = std::ceil(scale.lo / step - 1e-9);
  for (double k = start;; ++k) {
    const double v = k * step;
    if (v > scale.hi + step * 1e-9) break;
    out.push_back({std::fabs(v) < step * 1e-9 ? 0.0 : v, format_tick(v, step)});
  }
  return out;
}

void open_frame(Svg& svg, const Frame& f, const std::string& x_title, const std::string& y_title,
                int x_ticks, int y_ticks) {
  svg.open("g",
           {{"class", "plot"},
            {"data-frame", num(f.x) + " " + num(f.y) + " " + num(f.width) + " " + num(f.height)},
            {"data-x-domain", num_exact(f.xs.lo) + " " + num_exact(f.xs.hi)},
            {"data-y-domain", num_exact(f.ys.lo) + " " + num_exact(f.ys.hi)},
            {"data-y-scale", f.ys.log ? "log" : "linear"}});
  svg.element("rect", {{"x", f.x},
                       {"y", f.y},
                       {"width", f.width},
                       {"height", f.height},
                       {"fill", "#ffffff"},
                       {"stroke", "#888888"}});
  svg.open("g", {{"class", "grid"}, {"stroke", "#e6e6e6"}});
  const std::vector<Tick> xt = ticks(f.xs, x_ticks), yt = ticks(f.ys, y_ticks);
  for (const Tick& t : xt)
    svg.element(
        "line",
        {{"x1", f.px(t.value)}, {"y1", f.y}, {"x2", f.px(t.value)}, {"y2", f.y + f.height}});
  for (const Tick& t : yt)
    svg.element("line",
                {{"x1", f.x}, {"y1", f.py(t.value)}, {"x2", f.x + f.width}, {"y2", f.py(t.value)}});
  svg.close();
  svg.open("g", {{"class", "axes"}, {"fill", "#333333"}, {"font-size", "11"}});
  for (const Tick& t : xt)
    svg.text(f.px(t.value), f.y + f.height + 14, t.label, {{"text-anchor", "middle"}});
  for (const Tick& t : yt) svg.text(f.x - 5, f.py(t.value) + 4, t.label, {{"text-anchor", "end"}});
  if (!x_title.empty())
    svg.text(f.x + f.width / 2, f.y + f.height + 32, x_title,
             {{"text-anchor", "middle"}, {"font-size", "12"}});
  if (!y_title.empty()) {
    const double x = f.x - 46, y = f.y + f.height / 2;
    svg.text(x, y, y_title,
             {{"text-anchor", "middle"},
              {"font-size", "12"},
              {"transform", "rotate(-90 " + num(x) + " " + num(y) + ")"}});
  }
  svg.close();
}

double draw_legend(Svg& svg, double x, double y, double width,
                   const std::vector<LegendEntry>& entries) {
  if (entries.empty()) return 0;
  svg.open("g", {{"class", "legend"}, {"font-size", "11"}});
  double cx = x, cy = y;
  for (const LegendEntry& e : entries) {
    const double w = 34 + 7.2 * static_cast<double>(e.label.size());  // 11 px glyphs
    if (cx > x && cx + w > x + width) {
      cx = x;
      cy += 16;
    }
    if (e.marker) {
      svg.element("circle", {{"cx", cx + 9},
                             {"cy", cy - 4},
                             {"r", 4},
                             {"fill", e.hollow ? "#ffffff" : e.colour.c_str()},
                             {"stroke", e.colour},
                             {"stroke-width", 1.5}});
    } else {
      if (e.dash.empty())
        svg.element("line", {{"x1", cx},
                             {"y1", cy - 4},
                             {"x2", cx + 18},
                             {"y2", cy - 4},
                             {"stroke", e.colour},
                             {"stroke-width", 2}});
      else
        svg.element("line", {{"x1", cx},
                             {"y1", cy - 4},
                             {"x2", cx + 18},
                             {"y2", cy - 4},
                             {"stroke", e.colour},
                             {"stroke-width", 2},
                             {"stroke-dasharray", e.dash}});
    }
    svg.text(cx + 23, cy, e.label);
    cx += w;
  }
  svg.close();
  return cy - y + 16;
}

void draw_title(Svg& svg, const std::string& title) {
  svg.text(svg.width() / 2, 20, title,
           {{"text-anchor", "middle"}, {"font-size", "15"}, {"font-weight", "bold"}});
}

}  // namespace neuronlab::picture
