// The confusion matrix of a classifier: one row per true class, one column per predicted
// class, each cell its count, shaded by the share of its row (how often that true class is
// predicted so), the diagonal (right answers) outlined. Each cell carries data-true,
// data-predicted and data-count.
#include <neuronlab/error.hpp>
#include <neuronlab/picture/pictures.hpp>

#include <algorithm>

#include "palette.hpp"
#include "plot.hpp"

namespace neuronlab::picture {

std::string confusion_svg(const std::vector<std::string>& classes,
                          const std::vector<std::vector<std::size_t>>& counts,
                          const std::string& title_in) {
  const std::size_t k = classes.size();
  if (k < 2 || counts.size() != k)
    throw Error("a confusion matrix needs two classes or more, and one row of counts per class");
  for (const auto& row : counts)
    if (row.size() != k) throw Error("a confusion matrix needs one count per class in each row");
  const double cell = std::clamp(360.0 / static_cast<double>(k), 18.0, 80.0);
  std::size_t longest = 1;
  for (const std::string& c : classes) longest = std::max(longest, c.size());
  const double font = std::min(13.0, cell * 0.4);
  const double name = std::min(160.0, 0.62 * font * static_cast<double>(longest));
  const double left = name + 48, top = 50 + 0.65 * name;  // room for the slanted column names
  const double side = cell * static_cast<double>(k);
  const std::string title = title_in.empty() ? "confusion matrix" : title_in;
  Svg svg(std::max(left + side + 40, 460.0), top + side + 70, title);
  draw_title(svg, title);
  svg.text(left + side / 2, top + side + 22, "predicted class", {{"text-anchor", "middle"}});
  svg.text(
      18, top + side / 2, "true class",
      {{"text-anchor", "middle"}, {"transform", "rotate(-90 18 " + num(top + side / 2) + ")"}});
  svg.open("g", {{"class", "confusion"}, {"data-classes", k}});
  for (std::size_t t = 0; t < k; ++t) {
    std::size_t total = 0;
    for (std::size_t n : counts[t]) total += n;
    const double y = top + cell * static_cast<double>(t);
    svg.text(left - 8, y + cell / 2 + 4, classes[t], {{"text-anchor", "end"}, {"font-size", font}});
    for (std::size_t p = 0; p < k; ++p) {
      const double x = left + cell * static_cast<double>(p);
      const double share = total ? static_cast<double>(counts[t][p]) / total : 0.0;
      const Rgb fill = mix({0xff, 0xff, 0xff}, category(0), share);
      svg.element("rect", {{"data-true", t},
                           {"data-predicted", p},
                           {"data-count", counts[t][p]},
                           {"x", x},
                           {"y", y},
                           {"width", cell},
                           {"height", cell},
                           {"fill", hex(fill)},
                           {"stroke", t == p ? "#222222" : "#dddddd"},
                           {"stroke-width", t == p ? 1.5 : 1}});
      svg.text(x + cell / 2, y + cell / 2 + font / 3, std::to_string(counts[t][p]),
               {{"text-anchor", "middle"},
                {"font-size", font},
                {"fill", share > 0.55 ? "#ffffff" : "#222222"}});
    }
  }
  for (std::size_t p = 0; p < k; ++p) {
    const double x = left + cell * (static_cast<double>(p) + 0.5);
    svg.text(x, top - 8, classes[p],
             {{"text-anchor", "start"},
              {"font-size", font},
              {"transform", "rotate(-40 " + num(x) + " " + num(top - 8) + ")"}});
  }
  svg.close();
  svg.text(12, top + side + 50,
           "shade: the share of the true class's rows; outlined: right answers",
           {{"font-size", 11}, {"fill", "#555555"}});
  return svg.str();
}

}  // namespace neuronlab::picture
