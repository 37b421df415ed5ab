// One neuron's computation for one observation, as a diagram read left to right: each input
// with its value, the synapse to a product node (line coloured by the weight's sign, as wide
// as the weight is large), the products summed with the bias into z, the activation giving
// a — and the same computation written out with the numbers underneath.
#include <neuronlab/picture/pictures.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "palette.hpp"
#include "plot.hpp"

namespace neuronlab::picture {
namespace {

constexpr std::size_t most_shown = 12;
constexpr double top = 50, row = 48, input_x = 20, input_w = 150, product_x = 300, sum_x = 450,
                 activation_x = 580;

// "0.5", "-1.25", "0.000123": four significant digits, as a learner reads them.
std::string value(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", v == 0 ? 0.0 : v);  // never "-0"
  return buffer;
}

std::string signed_term(double v) { return v < 0 ? "(" + value(v) + ")" : value(v); }

}  // namespace

std::string neuron_svg(const NeuronPicture& p) {
  const engine::NeuronTrace& t = p.trace;
  const std::size_t n = t.inputs.size(), shown = std::min(n, most_shown);
  const double rows_h = std::max<double>(static_cast<double>(shown), 2) * row;
  const double mid = top + rows_h / 2;
  const std::string title = p.title.empty() ? "one neuron's computation" : p.title;
  Svg svg(760, top + rows_h + 120, title);
  draw_title(svg, title);
  float largest = std::fabs(t.bias);
  for (float w : t.weights) largest = std::max(largest, std::fabs(w));
  if (!(largest > 0)) largest = 1;
  auto width_of = [&](double w) { return 0.75 + 4.5 * std::fabs(w) / largest; };
  auto colour_of = [](double w) { return hex(w < 0 ? negative_colour() : positive_colour()); };

  for (std::size_t i = 0; i < shown; ++i) {
    const double y = top + (static_cast<double>(i) + 0.5) * row;
    const std::string name =
        i < p.input_names.size() ? p.input_names[i] : "x" + std::to_string(i + 1);
    const double product = static_cast<double>(t.inputs[i]) * t.weights[i];
    svg.open("g", {{"class", "input"},
                   {"data-input", i + 1},
                   {"data-value", num_exact(t.inputs[i])},
                   {"data-weight", num_exact(t.weights[i])},
                   {"data-product", num_exact(product)}});
    svg.element("rect", {{"x", input_x},
                         {"y", y - 14},
                         {"width", input_w},
                         {"height", 28},
                         {"rx", 5},
                         {"fill", "#f2f2f2"},
                         {"stroke", "#555555"}});
    svg.text(input_x + input_w / 2, y + 4, name + " = " + value(t.inputs[i]),
             {{"text-anchor", "middle"}});
    svg.element("line", {{"x1", input_x + input_w},
                         {"y1", y},
                         {"x2", product_x - 22},
                         {"y2", y},
                         {"stroke", colour_of(t.weights[i])},
                         {"stroke-width", width_of(t.weights[i])}});
    svg.text((input_x + input_w + product_x) / 2, y - 6, "× " + value(t.weights[i]),
             {{"text-anchor", "middle"}, {"font-size", "11"}, {"fill", colour_of(t.weights[i])}});
    svg.element(
        "circle",
        {{"cx", product_x}, {"cy", y}, {"r", 22}, {"fill", "#ffffff"}, {"stroke", "#555555"}});
    svg.text(product_x, y + 3, value(product), {{"text-anchor", "middle"}, {"font-size", "9"}});
    svg.element("line", {{"x1", product_x + 22},
                         {"y1", y},
                         {"x2", sum_x - 26},
                         {"y2", mid},
                         {"stroke", "#999999"}});
    svg.close();
  }
  if (n > shown)
    svg.text(input_x + input_w / 2, top + rows_h + 14,
             "+ " + std::to_string(n - shown) + " more inputs", {{"text-anchor", "middle"}});

  // The bias comes in from below, then the sum, then the activation.
  svg.element("line", {{"x1", sum_x},
                       {"y1", top + rows_h + 20},
                       {"x2", sum_x},
                       {"y2", mid + 26},
                       {"stroke", colour_of(t.bias)},
                       {"stroke-width", width_of(t.bias)}});
  svg.text(sum_x, top + rows_h + 36, "bias b = " + value(t.bias), {{"text-anchor", "middle"}});
  svg.element("circle", {{"class", "sum"},
                         {"data-value", num_exact(t.weighted_sum)},
                         {"cx", sum_x},
                         {"cy", mid},
                         {"r", 26},
                         {"fill", "#ffffff"},
                         {"stroke", "#333333"},
                         {"stroke-width", 1.5}});
  svg.text(sum_x, mid + 6, "Σ", {{"text-anchor", "middle"}, {"font-size", "18"}});
  svg.text(sum_x + 30, mid - 10, "z = " + value(t.weighted_sum), {{"font-size", "11"}});
  const bool normalized = t.normalized != t.weighted_sum;
  svg.element("line", {{"x1", sum_x + 26},
                       {"y1", mid},
                       {"x2", activation_x},
                       {"y2", mid},
                       {"stroke", "#333333"},
                       {"stroke-width", 1.5}});
  if (normalized)
    svg.text((sum_x + activation_x) / 2 + 13, mid + 16, "norm: " + value(t.normalized),
             {{"text-anchor", "middle"}, {"font-size", "10"}});
  svg.element("rect", {{"class", "activation"},
                       {"data-value", num_exact(t.activation)},
                       {"x", activation_x},
                       {"y", mid - 22},
                       {"width", 120},
                       {"height", 44},
                       {"rx", 8},
                       {"fill", "#ffffff"},
                       {"stroke", "#333333"},
                       {"stroke-width", 1.5}});
  svg.text(activation_x + 60, mid - 4, p.activation.empty() ? "f" : p.activation,
           {{"text-anchor", "middle"}});
  svg.text(activation_x + 60, mid + 13, "a = " + value(t.activation),
           {{"text-anchor", "middle"}, {"font-weight", "bold"}});

  // The same, written out.
  std::string sum = "z = ";
  for (std::size_t i = 0; i < shown; ++i)
    sum += (i ? " + " : "") + signed_term(t.inputs[i]) + "·" + signed_term(t.weights[i]);
  if (n > shown) sum += " + …";
  sum += " + " + signed_term(t.bias) + " = " + value(t.weighted_sum);
  const std::string z = normalized ? "norm(z)" : "z";
  const std::string activation =
      (p.activation.empty() ? "f" : p.activation) + "(" + z + ") = " + value(t.activation);
  svg.text(20, top + rows_h + 66, sum, {{"class", "formula"}, {"font-family", "monospace"}});
  svg.text(20, top + rows_h + 86, "a = " + activation,
           {{"class", "formula"}, {"font-family", "monospace"}});
  return svg.str();
}

}  // namespace neuronlab::picture
