// The HTML report of a run: its outcome, the final metrics as a table, the checks, the
// curves, the network drawn and (2 inputs) the boundary, then the resolved configuration.
// One file: the pictures are inline SVG and the style sheet is in the page, so it works
// opened from the file system with nothing fetched from anywhere.
#include <neuronlab/experiment/report.hpp>
#include <neuronlab/picture/pictures.hpp>

#include <cmath>

#include "svg.hpp"

namespace neuronlab::picture {
namespace {

constexpr const char* style_sheet = R"(
body { font-family: "DejaVu Sans", Verdana, sans-serif; color: #222; margin: 2em auto;
       max-width: 1000px; padding: 0 1em; line-height: 1.45; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; margin-top: 1.8em; border-bottom: 1px solid #ddd; }
.summary { color: #555; }
.outcome { font-weight: bold; }
.outcome.bad { color: #d55e00; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { padding: 0.25em 0.9em; border-bottom: 1px solid #e4e4e4; text-align: right; }
th:first-child, td:first-child { text-align: left; }
.passed { color: #009e73; }
.failed { color: #d55e00; font-weight: bold; }
figure { margin: 1em 0; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
pre { background: #f6f6f6; padding: 0.8em; overflow-x: auto; font-size: 0.9em; }
)";

// An SVG document without its XML declaration, to sit inside the page.
std::string inline_svg(const std::string& document) {
  const std::size_t start = document.find("<svg");
  return start == std::string::npos ? std::string() : document.substr(start);
}

std::string metrics_table(const experiment::RunRecord& r) {
  std::vector<std::string> names{"loss"};
  for (const char* m : {"accuracy", "mse", "mae", "r2"})
    if (engine::has_metric(r.data.task, m)) names.push_back(m);
  std::string out = "<table class=\"metrics\">\n<tr><th>part</th><th>rows</th>";
  for (const std::string& n : names) out += "<th>" + n + "</th>";
  out += "</tr>\n";
  for (const char* part : {"train", "validation", "test"}) {
    const std::optional<engine::Metrics>& m = r.part(part);
    if (!m) continue;
    out += "<tr><td>" + std::string(part) + "</td><td>" + std::to_string(m->rows) + "</td>";
    for (const std::string& n : names)
      out += "<td>" + (m->get(n) ? experiment::format_metric(*m->get(n)) : "") + "</td>";
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

std::string outcome_text(const experiment::RunRecord& r) {
  const std::string epochs = std::to_string(r.history.size());
  switch (r.outcome) {
    case experiment::Outcome::completed:
      return "completed " + epochs + " epochs";
    case experiment::Outcome::stopped_early:
      return "stopped early after epoch " + epochs + "; the weights of epoch " +
             std::to_string(r.best_epoch) + " are kept";
    case experiment::Outcome::diverged:
      return "diverged: " + (r.divergence ? r.divergence->message : std::string());
    case experiment::Outcome::interrupted:
      return "interrupted after " + epochs + " whole epochs";
  }
  return {};
}

std::string figure(const std::string& heading, const std::string& svg) {
  if (svg.empty()) return {};
  return "<h2>" + escape_xml(heading) + "</h2>\n<figure>\n" + inline_svg(svg) + "</figure>\n";
}

}  // namespace

std::string html_report(const ReportParts& parts) {
  const experiment::RunRecord& r = *parts.record;
  const bool bad = r.outcome == experiment::Outcome::diverged || r.failed() > 0;
  std::string page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  // Nothing may be fetched: no scripts, styles, fonts or images from anywhere.
  page +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; img-src data:\">\n";
  page += "<title>" + escape_xml(r.experiment.name) + ": neuronlab run</title>\n";
  page += "<style>" + std::string(style_sheet) + "</style>\n</head>\n<body>\n";
  page += "<h1>" + escape_xml(r.experiment.name) + "</h1>\n";
  page += "<p class=\"summary\">" + escape_xml(r.experiment.file) + " · " +
          escape_xml(data::task_name(r.data.task)) + " · " + std::to_string(r.data.train_rows) +
          " training, " + std::to_string(r.data.validation_rows) + " validation, " +
          std::to_string(r.data.test_rows) + " test rows · network " +
          escape_xml(experiment::network_text(r.experiment)) + "</p>\n";
  page += "<p class=\"outcome" + std::string(bad ? " bad" : "") + "\">" +
          escape_xml(outcome_text(r)) + "</p>\n";
  page += "<h2>Final metrics</h2>\n" + metrics_table(r);
  if (!r.checks.empty()) {
    page += "<h2>Checks</h2>\n<ul class=\"checks\">\n";
    for (const experiment::CheckResult& c : r.checks) {
      std::string bound;
      if (c.expectation.at_least)
        bound += " ≥ " + experiment::format_metric(*c.expectation.at_least);
      if (c.expectation.at_most) bound += " ≤ " + experiment::format_metric(*c.expectation.at_most);
      page += "<li class=\"" + std::string(c.passed ? "passed" : "failed") + "\">" +
              (c.passed ? "passed" : "failed") + ": " + escape_xml(c.expectation.metric) + " = " +
              experiment::format_metric(c.value) + ", expected" + escape_xml(bound) + "</li>\n";
    }
    page += "</ul>\n";
  }
  page += figure("Learning curves", parts.curves);
  page += figure(r.data.task == data::Task::regression ? "Fitted curve" : "Decision boundary",
                 parts.boundary);
  page += figure("The network", parts.network);
  if (!parts.config.empty())
    page +=
        "<h2>Configuration</h2>\n<p class=\"summary\">Every default filled in: run this "
        "file to train the same network again.</p>\n<pre>" +
        escape_xml(parts.config) + "</pre>\n";
  return page + "</body>\n</html>\n";
}

}  // namespace neuronlab::picture

namespace neuronlab::picture {

ModelView model_view(experiment::RunResult& result) {
  const experiment::RunRecord& r = result.record;
  return {&*result.network,   result.bound.normalizer ? &*result.bound.normalizer : nullptr,
          r.data.task,        r.data.feature_names,
          r.data.class_names, r.data.target_name};
}

Points run_points(const experiment::RunResult& result) {
  const data::Split& raw = result.bound.raw_split();
  return {&raw.train, raw.test.rows ? &raw.test : nullptr};
}

std::string run_report(experiment::RunResult& result) {
  return html_report(run_report_parts(result));
}

ReportParts run_report_parts(experiment::RunResult& result) {
  ReportParts parts;
  parts.record = &result.record;
  parts.config = experiment::resolved_file(result.bound);
  parts.curves = curves_svg({curve_run(result.record)}, result.record.experiment.name);
  if (result.network) {
    const ModelView model = model_view(result);
    const Points points = run_points(result);
    PlaneOptions maps;
    maps.grid = 24;
    parts.network = network_svg(model, points, maps);
    const std::size_t inputs = result.network->inputs();
    if ((model.task != data::Task::regression && inputs == 2) ||
        (model.task == data::Task::regression && inputs == 1))
      parts.boundary = boundary_svg(model, points);
  }
  return parts;
}

std::string sweep_report(const SweepPage& p) {
  const experiment::SweepSummary& s = *p.summary;
  std::string page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  page +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; img-src data:\">\n";
  page += "<title>" + escape_xml(p.name) + ": neuronlab sweep</title>\n";
  page += "<style>" + std::string(style_sheet) + "</style>\n</head>\n<body>\n";
  page += "<h1>" + escape_xml(p.name) + "</h1>\n<p class=\"summary\">" + escape_xml(p.file) +
          " · " + std::to_string(s.rows.size()) + " configurations · " + std::to_string(p.repeats) +
          " repeat(s) each</p>\n";
  if (s.best) {
    const experiment::ConfigurationSummary& b = s.rows[*s.best];
    std::string values;
    for (std::size_t a = 0; a < s.axes.size(); ++a)
      values += (a ? ", " : "") + s.axes[a] + " = " + b.values[a];
    page += "<p class=\"outcome\">best by the " + std::string(s.maximize ? "highest" : "lowest") +
            " mean " + escape_xml(s.metric) + ": configuration " +
            std::to_string(b.configuration + 1) + ", " + escape_xml(values) + "</p>\n";
  }
  page += "<h2>Configurations</h2>\n<table class=\"sweep\">\n<tr><th>#</th>";
  for (const std::string& a : s.axes) page += "<th>" + escape_xml(a) + "</th>";
  page += "<th>runs</th>";
  const std::vector<std::string> names =
      s.rows.empty() ? std::vector<std::string>{} : s.rows.front().metric_names;
  for (const std::string& n : names) page += "<th>" + escape_xml(n) + "</th>";
  page += "<th>seconds</th></tr>\n";
  for (std::size_t i = 0; i < s.rows.size(); ++i) {
    const experiment::ConfigurationSummary& r = s.rows[i];
    page += "<tr><td>" + std::to_string(r.configuration + 1) +
            (s.best && *s.best == i ? " (best)" : "") + "</td>";
    for (const std::string& v : r.values) page += "<td>" + escape_xml(v) + "</td>";
    page += "<td>" + std::to_string(r.completed) + "/" + std::to_string(r.runs) + "</td>";
    for (std::size_t k = 0; k < r.mean.size(); ++k)
      page += "<td>" +
              (std::isnan(r.mean[k]) ? std::string("-")
                                     : experiment::format_metric(r.mean[k]) + " ± " +
                                           experiment::format_metric(r.stddev[k])) +
              "</td>";
    page += "<td>" + experiment::format_metric(r.mean_seconds) + "</td></tr>\n";
  }
  page += "</table>\n";
  page += figure("Learning curves (the first repeat of each configuration)", p.curves);
  if (!p.members.empty()) {
    page += "<h2>Runs</h2>\n<ul class=\"runs\">\n";
    for (const auto& [link, label] : p.members)
      page += "<li><a href=\"" + escape_xml(link) + "\">" + escape_xml(label) + "</a></li>\n";
    page += "</ul>\n";
  }
  return page + "</body>\n</html>\n";
}

}  // namespace neuronlab::picture
