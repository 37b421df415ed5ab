// Pictures in a terminal. Curves are drawn in braille characters (each cell holds 2 × 4
// dots), the boundary in half blocks (each cell holds two pixels stacked, which makes them
// about square), both in 256-colour ANSI when colour is on. Without colour the series and
// classes are told apart by letters; without a UTF-8 locale everything is plain ASCII.
#include <neuronlab/picture/pictures.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include <sys/ioctl.h>
#include <unistd.h>

#include "palette.hpp"
#include "plane.hpp"
#include "plot.hpp"

namespace neuronlab::picture {
namespace {

// The 256-colour cube's nearest entry.
int ansi_index(Rgb c) {
  auto level = [](std::uint8_t v) { return static_cast<int>(std::lround(v / 255.0 * 5)); };
  return 16 + 36 * level(c.r) + 6 * level(c.g) + level(c.b);
}
std::string fg(Rgb c) { return "\x1b[38;5;" + std::to_string(ansi_index(c)) + "m"; }
std::string bg(Rgb c) { return "\x1b[48;5;" + std::to_string(ansi_index(c)) + "m"; }
const char* reset = "\x1b[0m";

// U+2800 + bits, as UTF-8.
std::string braille(unsigned bits) {
  const unsigned code = 0x2800 + bits;
  std::string out;
  out += static_cast<char>(0xe0 | (code >> 12));
  out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
  out += static_cast<char>(0x80 | (code & 0x3f));
  return out;
}

// Dots in a grid of cells; each cell remembers the last series drawn into it.
class DotCanvas {
 public:
  DotCanvas(std::size_t cols, std::size_t rows)
      : cols_(cols), rows_(rows), bits_(cols * rows, 0), series_(cols * rows, -1) {}
  std::size_t dots_wide() const { return cols_ * 2; }
  std::size_t dots_high() const { return rows_ * 4; }

  void dot(long x, long y, int series) {
    if (x < 0 || y < 0 || x >= static_cast<long>(dots_wide()) ||
        y >= static_cast<long>(dots_high()))
      return;
    static constexpr unsigned bit[4][2] = {{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}};
    const std::size_t cell =
        static_cast<std::size_t>(y / 4) * cols_ + static_cast<std::size_t>(x / 2);
    bits_[cell] |= bit[y % 4][x % 2];
    series_[cell] = series;
  }
  void line(long x0, long y0, long x1, long y1, int series) {  // Bresenham
    const long dx = std::labs(x1 - x0), dy = -std::labs(y1 - y0);
    const long sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
    long error = dx + dy;
    for (;;) {
      dot(x0, y0, series);
      if (x0 == x1 && y0 == y1) break;
      const long e2 = 2 * error;
      if (e2 >= dy) error += dy, x0 += sx;
      if (e2 <= dx) error += dx, y0 += sy;
    }
  }
  // One row of cells: braille, or the series' letter in plain text.
  // Braille tells series apart only by colour: without it, several series get letters.
  std::string row(std::size_t r, const TerminalStyle& style, const std::vector<Rgb>& colours,
                  const std::string& letters, bool dots) const {
    std::string out;
    for (std::size_t c = 0; c < cols_; ++c) {
      const std::size_t cell = r * cols_ + c;
      const int s = series_[cell];
      if (!bits_[cell]) {
        out += ' ';
        continue;
      }
      if (style.colour) out += fg(colours[static_cast<std::size_t>(s) % colours.size()]);
      if (dots)
        out += braille(bits_[cell]);
      else
        out += letters[static_cast<std::size_t>(s) % letters.size()];
      if (style.colour) out += reset;
    }
    return out;
  }

 private:
  std::size_t cols_, rows_;
  std::vector<unsigned> bits_;
  std::vector<int> series_;
};

std::string pad_left(const std::string& text, std::size_t width) {
  return text.size() >= width ? text : std::string(width - text.size(), ' ') + text;
}

std::string short_number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g", v);
  return buffer;
}

bool utf8_locale() {
  for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const char* value = std::getenv(name);
    if (!value || !*value) continue;
    std::string v = value;
    std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
    return v.find("utf-8") != std::string::npos || v.find("utf8") != std::string::npos;
  }
  return false;
}

}  // namespace

TerminalStyle terminal_style(int fd) {
  TerminalStyle style;
  const bool tty = isatty(fd) == 1;
  const char* no_colour = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  style.colour = tty && !(no_colour && *no_colour) && !(term && std::strcmp(term, "dumb") == 0);
  style.unicode = utf8_locale();
  std::size_t width = 0;
  winsize size{};
  if (tty && ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) width = size.ws_col;
  if (!width)
    if (const char* columns = std::getenv("COLUMNS")) width = std::strtoul(columns, nullptr, 10);
  style.width = std::clamp<std::size_t>(width ? width : 80, 40, 100);
  return style;
}

std::string terminal_curves(const std::vector<CurveRun>& runs, const TerminalStyle& style,
                            const std::string& metric, std::size_t height) {
  struct Series {
    std::string label;
    std::vector<std::pair<double, double>> points;  // (epoch, value)
  };
  std::vector<Series> series;
  for (const CurveRun& run : runs)
    for (int part = 0; part < 2; ++part) {
      Series s;
      s.label = (runs.size() > 1 ? run.label + " " : "") + (part ? "validation" : "train");
      for (const engine::EpochReport& e : run.history) {
        const std::optional<double> v =
            part ? (e.validation ? e.validation->get(metric) : std::nullopt) : e.train.get(metric);
        if (v && std::isfinite(*v)) s.points.emplace_back(static_cast<double>(e.epoch), *v);
      }
      if (!s.points.empty()) series.push_back(std::move(s));
    }
  if (series.empty()) return {};
  double lo = INFINITY, hi = -INFINITY, last_epoch = 1;
  for (const Series& s : series)
    for (auto [epoch, v] : s.points)
      lo = std::min(lo, v), hi = std::max(hi, v), last_epoch = std::max(last_epoch, epoch);
  const bool log = wants_log(lo, hi);
  if (hi - lo < 1e-12) hi = lo + (lo == 0 ? 1 : std::fabs(lo) * 0.1);
  const Scale ys{log ? lo : lo, hi, log};
  const Scale xs{1, std::max(last_epoch, 2.0)};

  constexpr std::size_t label_width = 9;
  const std::size_t cols = style.width > label_width + 12 ? style.width - label_width - 3 : 20;
  const std::size_t rows = std::max<std::size_t>(height, 3);
  DotCanvas canvas(cols, rows);
  for (std::size_t k = 0; k < series.size(); ++k) {
    long px = -1, py = -1;
    for (auto [epoch, v] : series[k].points) {
      const long x = std::lround(xs.map(epoch, 0, static_cast<double>(canvas.dots_wide() - 1)));
      const long y = std::lround(ys.map(v, static_cast<double>(canvas.dots_high() - 1), 0));
      if (px < 0)
        canvas.dot(x, y, static_cast<int>(k));
      else
        canvas.line(px, py, x, y, static_cast<int>(k));
      px = x, py = y;
    }
  }
  std::vector<Rgb> colours;
  for (std::size_t k = 0; k < series.size(); ++k)
    colours.push_back(category(runs.size() > 1 ? k / 2 : k));
  const std::string letters = "*o+x#%@&";
  const char* vertical = style.unicode ? "│" : "|";
  const char* corner = style.unicode ? "└" : "+";
  const char* horizontal = style.unicode ? "─" : "-";

  const bool dots = style.unicode && (style.colour || series.size() == 1);
  std::string out = metric + " per epoch" + (log ? " (log scale)" : "") + "\n";
  for (std::size_t r = 0; r < rows; ++r) {
    std::string label;
    if (r == 0) label = short_number(hi);
    if (r + 1 == rows) label = short_number(lo);
    if (r == rows / 2 && rows > 4) label = short_number(log ? std::sqrt(lo * hi) : (lo + hi) / 2);
    std::string row = pad_left(label, label_width) + " " + vertical +
                      canvas.row(r, style, colours, letters, dots);
    while (!row.empty() && row.back() == ' ') row.pop_back();
    out += row + "\n";
  }
  out += std::string(label_width + 1, ' ') + corner;
  for (std::size_t c = 0; c < cols; ++c) out += horizontal;
  out += "\n";
  const std::string first = "1", last = std::to_string(static_cast<std::size_t>(last_epoch));
  out +=
      std::string(label_width + 2, ' ') + first +
      std::string(cols > first.size() + last.size() ? cols - first.size() - last.size() : 1, ' ') +
      last + "\n";
  std::string legend = std::string(label_width + 2, ' ');
  for (std::size_t k = 0; k < series.size(); ++k) {
    if (style.colour) legend += fg(colours[k]);
    legend += dots ? std::string("━━") : std::string(2, letters[k % letters.size()]);
    if (style.colour) legend += reset;
    legend += " " + series[k].label + "   ";
  }
  while (!legend.empty() && legend.back() == ' ') legend.pop_back();
  return out + legend + "\n";
}

std::string terminal_boundary(const ModelView& model, const Points& points,
                              const TerminalStyle& style, const PlaneOptions& o) {
  const Range x = o.x ? *o.x : plane_range(points, 0);
  const Range y = o.y ? *o.y : plane_range(points, 1);
  constexpr std::size_t label_width = 8;
  const std::size_t cols = std::min<std::size_t>(
      style.width > label_width + 20 ? style.width - label_width - 2 : 20, 72);
  const bool blocks = style.unicode && style.colour;  // two pixels per cell
  const std::size_t rows = cols * 2 / 5;              // a cell is about twice as tall as wide
  const std::size_t ny = blocks ? rows * 2 : rows;
  const ClassMap map = class_map(model, x, y, cols, ny);
  const std::size_t classes = std::max<std::size_t>(model.classes.size(), 2);

  // The points, by the cell they fall in: their class, and whether one is a test row.
  std::vector<int> point_class(cols * rows, -1);
  std::vector<bool> point_test(cols * rows, false);
  for (int part = 0; part < 2; ++part) {
    const data::Dataset* d = part ? points.test : points.train;
    if (!d) continue;
    for (std::size_t r = 0; r < d->rows; ++r) {
      const float* row = &d->x[r * d->features()];
      const long c = std::lround(std::floor((row[0] - x.lo) / (x.hi - x.lo) * cols));
      const long j = std::lround(std::floor((y.hi - row[1]) / (y.hi - y.lo) * rows));
      if (c < 0 || j < 0 || c >= static_cast<long>(cols) || j >= static_cast<long>(rows)) continue;
      const std::size_t cell = static_cast<std::size_t>(j) * cols + static_cast<std::size_t>(c);
      point_class[cell] = static_cast<int>(true_class(*d, r));
      point_test[cell] = part == 1;
    }
  }
  auto shade = [&](std::size_t pixel) {
    const double level = std::round(confidence(map.probability[pixel], classes) * 4) / 4;
    return mix({0xff, 0xff, 0xff}, category(map.label[pixel]), 0.15 + 0.55 * level);
  };

  const std::string x_name = model.features.size() > 0 ? model.features[0] : "x1";
  const std::string y_name = model.features.size() > 1 ? model.features[1] : "x2";
  std::string out = "decision boundary: " + x_name + " across, " + y_name + " up\n";
  for (std::size_t j = 0; j < rows; ++j) {
    std::string label;
    if (j == 0) label = short_number(y.hi);
    if (j + 1 == rows) label = short_number(y.lo);
    out += pad_left(label, label_width) + " ";
    for (std::size_t c = 0; c < cols; ++c) {
      const std::size_t cell = j * cols + c;
      const std::size_t top = (blocks ? 2 * j : j) * cols + c;
      const int k = point_class[cell];
      if (style.colour) {
        if (k >= 0) {
          out += bg(shade(top)) + fg(mix(category(static_cast<std::size_t>(k)), {0, 0, 0}, 0.35)) +
                 (style.unicode ? (point_test[cell] ? "○" : "●") : (point_test[cell] ? "o" : "@")) +
                 reset;
        } else if (blocks) {
          out += fg(shade(top)) + bg(shade(top + cols)) + "▀" + reset;
        } else {
          out += bg(shade(top)) + " " + reset;
        }
      } else if (k >= 0) {
        out += point_test[cell] ? '*' : static_cast<char>('0' + k % 10);
      } else {
        const char letter = static_cast<char>('a' + map.label[top] % 26);
        out += confidence(map.probability[top], classes) >= 0.5
                   ? static_cast<char>(std::toupper(letter))
                   : letter;
      }
    }
    out += "\n";
  }
  const std::string left = short_number(x.lo), right = short_number(x.hi);
  out +=
      std::string(label_width + 1, ' ') + left +
      std::string(cols > left.size() + right.size() ? cols - left.size() - right.size() : 1, ' ') +
      right + "\n";
  const std::string indent(label_width + 1, ' ');
  std::string legend = indent;
  for (std::size_t k = 0; k < classes; ++k) {
    const std::string name = k < model.classes.size() ? model.classes[k] : std::to_string(k);
    if (style.colour)
      legend += bg(mix({0xff, 0xff, 0xff}, category(k), 0.7)) + "  " + reset + " " + name + "  ";
    else
      legend += std::string(1, static_cast<char>('A' + k % 26)) + " = " + name + "   ";
  }
  while (!legend.empty() && legend.back() == ' ') legend.pop_back();
  out += legend + "\n";
  if (style.colour)
    out += indent + "darker: more probable; " +
           (style.unicode ? "● training row, ○ test row" : "@ training row, o test row") + "\n";
  else
    out += indent + "lower case: the model is less than half-way from chance to certain\n" +
           indent + "training rows: 0, 1, ... by their class (A, B, ...); test rows: *\n";
  return out;
}

}  // namespace neuronlab::picture
