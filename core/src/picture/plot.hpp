// What every chart shares: a scale from data to pixels (linear or log), nice tick values, a
// frame with its axes, tick labels and axis titles, and a legend. Each picture kind draws
// its own marks inside a frame (curves.cpp, activations.cpp, boundary.cpp).
//
// A frame's group carries its scales as data attributes —
//   <g class="plot" data-frame="x y width height" data-x-domain="lo hi" data-y-domain="lo hi"
//      data-y-scale="log">
// — so that a reader (a test, a script) can turn any mark's pixels back into numbers.
#ifndef NEURONLAB_PICTURE_PLOT_HPP
#define NEURONLAB_PICTURE_PLOT_HPP

#include <string>
#include <vector>

#include "svg.hpp"

namespace neuronlab::picture {

struct Scale {
  double lo = 0, hi = 1;  // the domain; lo < hi (log: 0 < lo)
  bool log = false;
  // Where v falls between from (at lo) and to (at hi); values outside extrapolate.
  double map(double v, double from, double to) const;
};

// A domain that covers [lo, hi] and ends on nice values (0.5 → 0, 0.97 → 1), for about
// `ticks` intervals; a point domain (lo == hi) is widened around it. Not for log scales.
Scale nice_scale(double lo, double hi, int ticks = 5);
// A log domain from the decade at or below lo to the one at or above hi.
Scale log_scale(double lo, double hi);
// Whether values in [lo, hi] (all positive) span enough decades that a log scale reads
// better: more than a factor 30.
bool wants_log(double lo, double hi);

struct Tick {
  double value;
  std::string label;  // "0.25", "1e-03"
};
// 1, 2 or 5 × 10^k steps inside the domain; decades on a log scale.
std::vector<Tick> ticks(const Scale& scale, int count = 5);

struct Frame {
  double x = 0, y = 0, width = 0, height = 0;  // the plotting area, pixels
  Scale xs, ys;
  double px(double v) const { return xs.map(v, x, x + width); }
  double py(double v) const { return ys.map(v, y + height, y); }  // up is larger
};

// Opens the frame's group (see above) with a white plotting area, grid lines, both axes with
// their ticks and labels and the axis titles; the caller draws its marks and closes it.
void open_frame(Svg& svg, const Frame& frame, const std::string& x_title,
                const std::string& y_title, int x_ticks = 5, int y_ticks = 5);

struct LegendEntry {
  LegendEntry(std::string l, std::string c, std::string d = {}, bool m = false, bool h = false)
      : label(std::move(l)), colour(std::move(c)), dash(std::move(d)), marker(m), hollow(h) {}
  std::string label;
  std::string colour;
  std::string dash;     // stroke-dasharray; empty: solid
  bool marker = false;  // a dot instead of a line
  bool hollow = false;  // the dot not filled
};
// One row of entries at (x, y), each a swatch then its label. Returns the height used.
double draw_legend(Svg& svg, double x, double y, double width,
                   const std::vector<LegendEntry>& entries);

// The title of a picture, centred at the top.
void draw_title(Svg& svg, const std::string& title);

}  // namespace neuronlab::picture

#endif  // NEURONLAB_PICTURE_PLOT_HPP
