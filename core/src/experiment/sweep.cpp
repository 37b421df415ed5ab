// Sweeps: the grid read from the file, its members, and the table made from their results
// (sweep.hpp).
#include <neuronlab/experiment/sweep.hpp>
#include <neuronlab/io/files.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "../data/text.hpp"
#include "../yaml/yaml_reader.hpp"
#include "document.hpp"

namespace neuronlab::experiment {
namespace {

using yaml::YamlReader;

const std::vector<std::string> parts = {"train", "validation", "test"};
const std::vector<std::string> metric_names = {"loss", "accuracy", "mse", "mae", "r2"};

std::string flow(const YAML::Node& node) {
  YAML::Emitter out;
  out << YAML::Flow << node;
  return out.c_str();
}

std::string number(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", v);
  return text;
}

std::string short_number(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", v);
  return text;
}

}  // namespace

std::size_t Sweep::configurations() const {
  std::size_t n = 1;
  for (const SweepAxis& a : axes) n *= a.values.size();
  return axes.empty() ? 0 : n;
}

Sweep read_sweep(const std::filesystem::path& file) {
  return parse_sweep(YamlReader(file.string()).read(file), file);
}

Sweep parse_sweep(const std::string& text, const std::filesystem::path& file) {
  YamlReader in(file.string());
  const YAML::Node root = in.load_versioned(text, "an experiment", experiment_format_version);
  Sweep s;
  if (root["seed"]) s.seed = std::uint64_t(in.integer(root["seed"], "seed", 0, 2147483647));
  if (const YAML::Node repeats = root["repeats"])
    s.repeats = std::size_t(in.integer(repeats, "repeats", 1, 1000));
  if (const YAML::Node metric = root["sweep_metric"]) {
    s.metric = in.text(metric, "sweep_metric");
    s.metric_where = in.where(metric);
    std::vector<std::string> known;
    for (const std::string& p : parts)
      for (const std::string& m : metric_names) known.push_back(p + "_" + m);
    if (std::find(known.begin(), known.end(), s.metric) == known.end())
      in.fail(metric, "sweep_metric: '" + s.metric + "' is not a metric" +
                          did_you_mean(s.metric, known) +
                          "; it is train_, validation_ or test_ and loss, accuracy, mse, mae or "
                          "r2, such as validation_accuracy");
  }
  const YAML::Node grid = root["sweep"];
  if (!grid) {
    for (const char* key : {"repeats", "sweep_metric"})
      if (root[key])
        throw Error(in.key_where(root, key) + ": " + key +
                    " is for a sweep, and this file has no sweep: (add sweep: {key: [values]})");
    return s;
  }
  in.expect_map(grid, "sweep");
  if (grid.size() == 0)
    in.fail(grid,
            "sweep: give at least one key with its values: {optimizer.learning_rate: "
            "[0.001, 0.01]}");
  for (auto it = grid.begin(); it != grid.end(); ++it) {
    SweepAxis axis;
    axis.key = it->first.Scalar();
    axis.where = in.where(it->first);
    const YAML::Node values = it->second;
    if (!values.IsSequence() || values.size() == 0)
      in.fail(values.IsDefined() && !values.IsNull() ? values : it->first,
              "sweep." + axis.key + " must be a non-empty list of values: [0.001, 0.01]");
    for (const YAML::Node& v : values) axis.values.push_back(flow(v));
    s.axes.push_back(std::move(axis));
  }
  if (s.configurations() > 10000)
    in.fail(grid, "the sweep has " + std::to_string(s.configurations()) +
                      " configurations, more than 10000; sweep fewer values at a time");
  return s;
}

std::vector<SweepMember> sweep_members(const Sweep& sweep) {
  std::vector<SweepMember> out;
  const std::size_t n = sweep.configurations();
  for (std::size_t c = 0; c < n; ++c) {
    std::vector<std::size_t> pick(sweep.axes.size());
    std::size_t rest = c;
    for (std::size_t a = sweep.axes.size(); a-- > 0;) {
      pick[a] = rest % sweep.axes[a].values.size();
      rest /= sweep.axes[a].values.size();
    }
    for (std::size_t r = 0; r < sweep.repeats; ++r) {
      SweepMember m;
      m.configuration = c, m.repeat = r;
      for (std::size_t a = 0; a < sweep.axes.size(); ++a) {
        const SweepAxis& axis = sweep.axes[a];
        const std::string& value = axis.values[pick[a]];
        m.label += (a ? ", " : "") + axis.key + "=" + value;
        m.overrides.push_back(
            {axis.key, value, axis.where + ": sweep " + axis.key + " = " + value});
      }
      m.overrides.push_back({"seed", std::to_string(sweep.seed + r),
                             "the sweep's repeat " + std::to_string(r + 1) + " (seed " +
                                 std::to_string(sweep.seed + r) + ")"});
      char folder[64];
      std::snprintf(folder, sizeof folder, "c%03zu-r%zu", c + 1, r + 1);
      m.folder = folder;
      out.push_back(std::move(m));
    }
  }
  return out;
}

std::vector<SweepMember> shard(const std::vector<SweepMember>& members, std::size_t index,
                               std::size_t count) {
  if (count == 0 || index == 0 || index > count)
    throw Error("--shard " + std::to_string(index) + "/" + std::to_string(count) +
                ": the shard is i/N with 1 <= i <= N, such as --shard 1/4");
  std::vector<SweepMember> out;
  for (const SweepMember& m : members)
    if (m.configuration % count == index - 1) out.push_back(m);
  return out;
}

MemberResult read_member(const std::filesystem::path& folder, std::size_t configuration,
                         std::size_t repeat) {
  MemberResult r;
  r.configuration = configuration, r.repeat = repeat, r.outcome = "failed";
  std::error_code ec;
  if (!std::filesystem::exists(folder / "metrics.json", ec)) return r;
  try {
    const detail::Json m = detail::Json::parse(io::read_file(folder / "metrics.json"));
    r.outcome = m.at("outcome").get<std::string>();
    for (const std::string& p : parts) {
      const detail::Json& part = m.at(p);
      if (part.is_null()) continue;
      for (const std::string& name : metric_names)
        if (part.contains(name) && part[name].is_number())
          r.metrics.emplace_back(p + "_" + name, part[name].get<double>());
    }
    if (std::filesystem::exists(folder / "record.json", ec)) {
      const detail::Json record = detail::Json::parse(io::read_file(folder / "record.json"));
      if (record.contains("elapsed_seconds") && record["elapsed_seconds"].is_number())
        r.seconds = record["elapsed_seconds"].get<double>();
    }
  } catch (const std::exception& e) {
    throw Error((folder / "metrics.json").string() + ": not a run's metrics (" + e.what() +
                "); was the folder written by another program?");
  }
  return r;
}

SweepSummary summarize_sweep(const Sweep& sweep, const std::vector<MemberResult>& results) {
  SweepSummary s;
  for (const SweepAxis& a : sweep.axes) s.axes.push_back(a.key);
  // Every metric some completed run has, in a fixed order.
  std::vector<std::string> names;
  for (const std::string& p : parts)
    for (const std::string& m : metric_names) {
      const std::string name = p + "_" + m;
      for (const MemberResult& r : results)
        if (std::any_of(r.metrics.begin(), r.metrics.end(),
                        [&](const auto& kv) { return kv.first == name; })) {
          names.push_back(name);
          break;
        }
    }
  const std::vector<SweepMember> members = sweep_members(sweep);
  for (std::size_t c = 0; c < sweep.configurations(); ++c) {
    ConfigurationSummary row;
    row.configuration = c;
    row.metric_names = names;
    const SweepMember& first = members[c * sweep.repeats];
    for (const Override& o : first.overrides)
      if (o.path != "seed") row.values.push_back(o.value);
    std::vector<std::vector<double>> values(names.size());
    double seconds = 0;
    for (const MemberResult& r : results) {
      if (r.configuration != c) continue;
      ++row.runs;
      if (r.outcome == "failed" || r.outcome == "diverged" || r.metrics.empty()) continue;
      ++row.completed;
      seconds += r.seconds;
      for (std::size_t k = 0; k < names.size(); ++k)
        for (const auto& [name, v] : r.metrics)
          if (name == names[k]) values[k].push_back(v);
    }
    for (const auto& v : values) {
      double mean = NAN, sd = NAN;
      if (!v.empty()) {
        mean = 0;
        for (double x : v) mean += x / static_cast<double>(v.size());
        sd = 0;
        for (double x : v) sd += (x - mean) * (x - mean);
        sd = v.size() > 1 ? std::sqrt(sd / static_cast<double>(v.size() - 1)) : 0.0;
      }
      row.mean.push_back(mean);
      row.stddev.push_back(sd);
    }
    row.mean_seconds = row.completed ? seconds / static_cast<double>(row.completed) : 0.0;
    if (row.runs) s.rows.push_back(std::move(row));  // a shard has only its own
  }
  // The metric that judges: the file's, else the first loss there is.
  s.metric = sweep.metric;
  if (s.metric.empty())
    for (const char* m : {"validation_loss", "test_loss", "train_loss"})
      if (std::find(names.begin(), names.end(), m) != names.end()) {
        s.metric = m;
        break;
      }
  const std::string kind = s.metric.substr(s.metric.find('_') + 1);
  s.maximize = kind == "accuracy" || kind == "r2";
  const auto at = std::find(names.begin(), names.end(), s.metric);
  if (at != names.end()) {
    const std::size_t k = std::size_t(at - names.begin());
    for (std::size_t i = 0; i < s.rows.size(); ++i) {
      const double v = s.rows[i].mean[k];
      if (std::isnan(v)) continue;
      if (!s.best || (s.maximize ? v > s.rows[*s.best].mean[k] : v < s.rows[*s.best].mean[k]))
        s.best = i;
    }
  }
  return s;
}

std::string sweep_csv(const SweepSummary& s, bool with_time) {
  std::string out = "configuration";
  for (const std::string& a : s.axes) out += "," + a;
  out += ",runs,completed";
  const std::vector<std::string>& names =
      s.rows.empty() ? std::vector<std::string>{} : s.rows.front().metric_names;
  for (const std::string& m : names) out += "," + m + "_mean," + m + "_std";
  if (with_time) out += ",seconds";
  out += "\n";
  auto cell = [](const std::string& text) {
    if (text.find_first_of(",\"\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
  };
  for (const ConfigurationSummary& r : s.rows) {
    out += std::to_string(r.configuration + 1);
    for (const std::string& v : r.values) out += "," + cell(v);
    out += "," + std::to_string(r.runs) + "," + std::to_string(r.completed);
    for (std::size_t k = 0; k < r.mean.size(); ++k)
      out += "," + (std::isnan(r.mean[k]) ? std::string() : number(r.mean[k])) + "," +
             (std::isnan(r.stddev[k]) ? std::string() : number(r.stddev[k]));
    if (with_time) out += "," + number(r.mean_seconds);
    out += "\n";
  }
  return out;
}

std::string sweep_table(const SweepSummary& s, std::size_t width) {
  // Columns: #, each axis, runs, then metrics (the judging one first) as mean ± std, seconds.
  std::vector<std::vector<std::string>> table;
  // Each axis headed by its key's last part ("learning_rate"), unless two axes share it.
  std::vector<std::string> header{"#"};
  for (const std::string& a : s.axes) {
    const std::string last = a.substr(a.rfind('.') + 1);
    const bool shared = std::count_if(s.axes.begin(), s.axes.end(), [&](const std::string& b) {
                          return b.substr(b.rfind('.') + 1) == last;
                        }) > 1;
    header.push_back(shared ? a : last);
  }
  header.push_back("runs");
  const std::vector<std::string> names =
      s.rows.empty() ? std::vector<std::string>{} : s.rows.front().metric_names;
  std::vector<std::size_t> order;
  for (std::size_t k = 0; k < names.size(); ++k)
    if (names[k] == s.metric)
      order.insert(order.begin(), k);
    else if (names[k].rfind("train_", 0) != 0)
      order.push_back(k);
  for (std::size_t k : order) header.push_back(names[k]);
  header.push_back("seconds");
  table.push_back(header);
  for (std::size_t i = 0; i < s.rows.size(); ++i) {
    const ConfigurationSummary& r = s.rows[i];
    std::vector<std::string> line{std::to_string(r.configuration + 1) +
                                  (s.best && *s.best == i ? "*" : "")};
    for (const std::string& v : r.values) line.push_back(v);
    line.push_back(std::to_string(r.completed) + "/" + std::to_string(r.runs));
    for (std::size_t k : order)
      line.push_back(std::isnan(r.mean[k])
                         ? "-"
                         : short_number(r.mean[k]) +
                               (r.completed > 1 ? " ± " + short_number(r.stddev[k]) : ""));
    line.push_back(short_number(r.mean_seconds));
    table.push_back(line);
  }
  // Column widths, in characters (± is one).
  auto length = [](const std::string& t) {
    std::size_t n = 0;
    for (unsigned char c : t) n += (c & 0xC0) != 0x80;
    return n;
  };
  std::vector<std::size_t> widths(header.size(), 0);
  for (const auto& line : table)
    for (std::size_t c = 0; c < line.size(); ++c) widths[c] = std::max(widths[c], length(line[c]));
  std::size_t shown = 0, used = 0;
  while (shown < widths.size() && used + widths[shown] + 2 <= width) used += widths[shown++] + 2;
  shown = std::max<std::size_t>(shown, 1);
  std::string out;
  for (const auto& line : table) {
    std::string text;
    for (std::size_t c = 0; c < shown; ++c) {
      const std::string& t = line[c];
      text += t + std::string(widths[c] - length(t) + (c + 1 < shown ? 2 : 0), ' ');
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text + "\n";
  }
  if (shown < widths.size())
    out += "(" + std::to_string(widths.size() - shown) +
           " column(s) left out to fit the width; sweep.csv has them all)\n";
  if (s.best) {
    const ConfigurationSummary& b = s.rows[*s.best];
    std::string values;
    for (std::size_t a = 0; a < s.axes.size(); ++a)
      values += (a ? ", " : "") + s.axes[a] + "=" + b.values[a];
    out += "best (* above), by the " + std::string(s.maximize ? "highest" : "lowest") + " mean " +
           s.metric + ": configuration " + std::to_string(b.configuration + 1) + ", " + values +
           "\n";
  }
  return out;
}

}  // namespace neuronlab::experiment
