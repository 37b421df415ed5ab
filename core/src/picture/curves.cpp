// Learning curves: one panel per metric, one line per run and part (train solid, validation
// dashed), the final test value as a hollow dot at the epoch whose weights it measures, and
// the epoch early stopping kept as a dotted line. The loss goes on a log scale when it spans
// more than a factor 30.
#include <neuronlab/picture/pictures.hpp>

#include <algorithm>
#include <cmath>

#include "palette.hpp"
#include "plot.hpp"

namespace neuronlab::picture {
namespace {

std::vector<std::string> task_metrics(data::Task task) {
  if (task == data::Task::regression) return {"loss", "mse", "mae", "r2"};
  return {"loss", "accuracy"};
}

struct Part {
  const char* name;
  const char* dash;
};
constexpr Part train_part{"train", ""}, validation_part{"validation", "6 4"};

// The colour of a run's part: with one run the parts get their own colours; with several,
// the run does and the part is told by the dash.
std::string colour_of(std::size_t run, std::size_t runs, std::size_t part) {
  return hex(category(runs == 1 ? part : run));
}

void draw_panel(Svg& svg, const std::vector<CurveRun>& runs, const std::string& metric,
                Frame frame) {
  double lo = INFINITY, hi = -INFINITY;
  std::size_t epochs = 1;
  auto see = [&](std::optional<double> v) {
    if (v && std::isfinite(*v)) lo = std::min(lo, *v), hi = std::max(hi, *v);
  };
  for (const CurveRun& run : runs) {
    for (const engine::EpochReport& e : run.history) {
      see(e.train.get(metric));
      if (e.validation) see(e.validation->get(metric));
    }
    if (run.test) see(run.test->get(metric));
    epochs = std::max(epochs, run.history.size());
  }
  if (lo > hi) lo = 0, hi = 1;
  const bool positive = metric == "loss" || metric == "mse" || metric == "mae";
  frame.xs = nice_scale(1, static_cast<double>(epochs));
  frame.xs.lo = std::max(frame.xs.lo, 0.0);
  frame.ys = positive && wants_log(lo, hi) ? log_scale(lo, hi) : nice_scale(lo, hi);
  if (metric == "accuracy")  // a fraction: never ticks below 0 or above 1
    frame.ys.lo = std::max(frame.ys.lo, 0.0), frame.ys.hi = std::min(frame.ys.hi, 1.0);
  open_frame(svg, frame, "epoch", frame.ys.log ? metric + " (log scale)" : metric);
  svg.open("g", {{"class", "marks"}, {"fill", "none"}, {"stroke-width", 2}});
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const CurveRun& run = runs[r];
    if (run.best_epoch) {
      const double x = frame.px(static_cast<double>(*run.best_epoch));
      svg.element("line", {{"class", "best-epoch"},
                           {"data-epoch", *run.best_epoch},
                           {"x1", x},
                           {"y1", frame.y},
                           {"x2", x},
                           {"y2", frame.y + frame.height},
                           {"stroke", colour_of(r, runs.size(), 2)},
                           {"stroke-width", 1},
                           {"stroke-dasharray", "2 3"}});
    }
    for (int p = 0; p < 2; ++p) {
      const Part& part = p == 0 ? train_part : validation_part;
      const bool train = p == 0;
      PathData path;
      std::size_t points = 0;
      bool pen_down = false;
      for (const engine::EpochReport& e : run.history) {
        const std::optional<engine::Metrics>& m =
            train ? std::optional<engine::Metrics>(e.train) : e.validation;
        if (!m) continue;
        const std::optional<double> v = m->get(metric);
        if (!v) continue;
        ++points;
        if (!std::isfinite(*v)) {
          pen_down = false;  // a gap where the value was not finite
          continue;
        }
        const double x = frame.px(static_cast<double>(e.epoch)), y = frame.py(*v);
        if (pen_down)
          path.line(x, y);
        else
          path.move(x, y);
        pen_down = true;
      }
      if (points == 0) continue;
      svg.element("path", {{"class", "series"},
                           {"data-run", run.label},
                           {"data-part", part.name},
                           {"data-metric", metric},
                           {"data-points", points},
                           {"d", path.str()},
                           {"stroke", colour_of(r, runs.size(), train ? 0 : 1)},
                           {"stroke-dasharray", runs.size() == 1 ? "" : part.dash}});
    }
    if (run.test && run.test->get(metric) && std::isfinite(*run.test->get(metric)))
      svg.element("circle", {{"class", "test-point"},
                             {"data-run", run.label},
                             {"data-metric", metric},
                             {"data-value", num_exact(*run.test->get(metric))},
                             {"cx", frame.px(static_cast<double>(run.weights_epoch))},
                             {"cy", frame.py(*run.test->get(metric))},
                             {"r", 4.5},
                             {"fill", "#ffffff"},
                             {"stroke", colour_of(r, runs.size(), 2)}});
  }
  svg.close();
  svg.close();
}

std::vector<LegendEntry> legend(const std::vector<CurveRun>& runs) {
  std::vector<LegendEntry> entries;
  bool validation = false, test = false, best = false;
  for (const CurveRun& run : runs) {
    for (const engine::EpochReport& e : run.history) validation = validation || e.validation;
    test = test || run.test;
    best = best || run.best_epoch;
  }
  if (runs.size() == 1) {
    entries.push_back({"train", colour_of(0, 1, 0)});
    if (validation) entries.push_back({"validation", colour_of(0, 1, 1)});
    if (test) entries.push_back({"test (final)", colour_of(0, 1, 2), "", true, true});
    if (best)
      entries.push_back(
          {"best epoch " + std::to_string(*runs[0].best_epoch), colour_of(0, 1, 2), "2 3"});
    return entries;
  }
  for (std::size_t r = 0; r < runs.size(); ++r)
    entries.push_back({runs[r].label, colour_of(r, runs.size(), 0)});
  entries.push_back({"train", "#555555"});
  if (validation) entries.push_back({"validation", "#555555", validation_part.dash});
  if (test) entries.push_back({"test (final)", "#555555", "", true, true});
  if (best) entries.push_back({"best epoch", "#555555", "2 3"});
  return entries;
}

}  // namespace

std::string curves_svg(const std::vector<CurveRun>& runs, const std::string& title) {
  const data::Task task = runs.empty() ? data::Task::regression : runs.front().task;
  const std::vector<std::string> metrics = task_metrics(task);
  constexpr double panel_w = 340, panel_h = 230, left = 70, gap = 80, top = 40;
  const std::size_t columns = std::min<std::size_t>(metrics.size(), 2);
  const std::size_t rows = (metrics.size() + columns - 1) / columns;
  const double width = left + columns * (panel_w + gap) - gap + 30;
  const std::vector<LegendEntry> entries = legend(runs);
  const double legend_rows = 1 + static_cast<double>(entries.size()) / 6;
  const double height = top + rows * (panel_h + 60) + 16 * legend_rows + 10;
  Svg svg(width, height, title.empty() ? "learning curves" : title);
  draw_title(svg, title.empty() ? "learning curves" : title);
  for (std::size_t i = 0; i < metrics.size(); ++i) {
    Frame frame;
    frame.x = left + static_cast<double>(i % columns) * (panel_w + gap);
    frame.y = top + static_cast<double>(i / columns) * (panel_h + 60);
    frame.width = panel_w;
    frame.height = panel_h;
    draw_panel(svg, runs, metrics[i], frame);
  }
  draw_legend(svg, left, top + rows * (panel_h + 60) + 4, width - left, entries);
  return svg.str();
}

CurveRun curve_run(const experiment::RunRecord& record, const std::string& label) {
  CurveRun run;
  run.label = label.empty() ? record.experiment.name : label;
  run.task = record.data.task;
  run.history = record.history;
  run.test = record.test;
  run.weights_epoch = record.weights_epoch;
  if (record.outcome == experiment::Outcome::stopped_early) run.best_epoch = record.best_epoch;
  return run;
}

}  // namespace neuronlab::picture
