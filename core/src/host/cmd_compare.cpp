// neuronlab compare: runs side by side — the configuration keys whose values differ between
// them, their final metrics, and their learning curves overlaid — from their run folders (or
// run records written by `run --json`).
#include <neuronlab/experiment/report.hpp>
#include <neuronlab/io/atomic_file.hpp>
#include <neuronlab/picture/pictures.hpp>

#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include <unistd.h>

#include "cli.hpp"

namespace po = boost::program_options;

namespace neuronlab::host {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

struct Compared {
  std::string name;  // how the columns are headed: the folder's name
  fs::path record;   // record.json
  Json document;     // the record
  std::vector<std::pair<std::string, std::string>> keys;  // flattened configuration
};

// "optimizer.learning_rate" → "0.01", every leaf of the resolved experiment; list items by
// their number (network.layers.0.neurons).
void flatten(const Json& j, const std::string& prefix,
             std::vector<std::pair<std::string, std::string>>& out) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it)
      flatten(it.value(), prefix.empty() ? it.key() : prefix + "." + it.key(), out);
  } else if (j.is_array() && !j.empty() && (j.front().is_object() || j.front().is_array())) {
    for (std::size_t i = 0; i < j.size(); ++i) flatten(j[i], prefix + "." + std::to_string(i), out);
  } else {
    out.emplace_back(prefix, j.is_string() ? j.get<std::string>() : j.dump());
  }
}

Compared read_run(const std::string& given) {
  Compared c;
  fs::path path = given;
  std::error_code ec;
  if (fs::is_directory(path, ec)) path /= "record.json";
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error(given +
                ": neither a run folder (with record.json) nor a run record; give the "
                "folders 'neuronlab run --out DIR' made, or files 'run --json' wrote");
  std::ostringstream text;
  text << in.rdbuf();
  try {
    c.document = Json::parse(text.str());
  } catch (const std::exception& e) {
    throw Error(path.string() + ": not a run record (" + e.what() + ")");
  }
  if (!c.document.contains("experiment") || !c.document.contains("final"))
    throw Error(path.string() + ": not a run record (it has no experiment or final metrics)");
  c.record = path;
  const fs::path folder = fs::path(given).lexically_normal();
  c.name = fs::is_directory(given, ec) ? folder.filename().string() : path.stem().string();
  if (c.name.empty()) c.name = folder.parent_path().filename().string();
  flatten(c.document["experiment"], "", c.keys);
  return c;
}

std::string metric_cell(const Json& final, const std::string& part, const std::string& name) {
  if (!final.contains(part) || final[part].is_null() || !final[part].contains(name)) return "-";
  return experiment::format_metric(final[part][name].get<double>());
}

// Characters, not bytes (UTF-8).
std::size_t length(const std::string& text) {
  std::size_t n = 0;
  for (unsigned char ch : text) n += (ch & 0xC0) != 0x80;
  return n;
}

std::string padded(const std::string& text, std::size_t width) {
  const std::size_t n = length(text);
  return n >= width ? text : text + std::string(width - n, ' ');
}

}  // namespace

CommandLine compare_command_line() {
  CommandLine line;
  line.usage = "neuronlab compare RUN... [--out curves.svg] [--all]";
  line.description =
      "Shows runs side by side: every configuration key whose value differs between them\n"
      "(--all: every key), then their outcome and final metrics; --out draws their learning\n"
      "curves overlaid. A RUN is a run folder ('neuronlab run --out DIR', or a sweep's\n"
      "runs/cNNN-rR) or a record written by 'neuronlab run --json'.";
  line.options.add_options()  //
      ("runs", po::value<std::vector<std::string>>()->value_name("RUN")->composing(),
       "the runs to compare")                                                                //
      ("out", po::value<std::string>()->value_name("FILE.svg"), "draw the curves overlaid")  //
      ("all", po::bool_switch(), "show every configuration key, not only those that differ");
  line.positional.add("runs", -1);
  line.values["runs"] = {ValueKind::files, {"json"}};
  line.values["out"] = {ValueKind::files, {"svg"}};
  line.examples = {
      {"neuronlab compare runs/a runs/b", "what differs between two run folders, and the metrics"},
      {"neuronlab compare runs/sweep/runs/c00* --out curves.svg",
       "a sweep's runs, their curves overlaid"}};
  line.exit_statuses = {{0, "the runs were compared"}, {2, "something given is not a run"}};
  return line;
}

int compare_command(const GlobalOptions& global_in, const std::vector<std::string>& args) {
  GlobalOptions global = global_in;
  CommandLine line = compare_command_line();
  po::variables_map vm;
  if (!parse_command(line, args, global, vm)) return 0;
  if (!vm.count("runs") || vm["runs"].as<std::vector<std::string>>().size() < 2)
    throw UsageError("give two runs or more: neuronlab compare RUN RUN...");
  std::vector<Compared> runs;
  for (const std::string& r : vm["runs"].as<std::vector<std::string>>())
    runs.push_back(read_run(r));

  // The keys in the order the first run has them, then those only later runs have.
  std::vector<std::string> order;
  std::vector<std::map<std::string, std::string>> values;
  for (const Compared& c : runs) {
    std::map<std::string, std::string> m;
    for (const auto& [k, v] : c.keys) {
      if (std::find(order.begin(), order.end(), k) == order.end()) order.push_back(k);
      m[k] = v;
    }
    values.push_back(std::move(m));
  }
  std::vector<std::vector<std::string>> table;
  std::vector<std::string> header{"key"};
  for (const Compared& c : runs) header.push_back(c.name);
  table.push_back(header);
  for (const std::string& k : order) {
    std::vector<std::string> row{k};
    bool differs = false;
    for (std::size_t i = 0; i < runs.size(); ++i) {
      const auto it = values[i].find(k);
      row.push_back(it == values[i].end() ? "-" : it->second);
      differs = differs || row.back() != row[1];
    }
    if (differs || vm["all"].as<bool>()) table.push_back(row);
  }
  const std::size_t differing = table.size() - 1;
  table.push_back({});
  std::vector<std::string> outcome{"outcome"};
  for (const Compared& c : runs) outcome.push_back(c.document.value("outcome", "-"));
  table.push_back(outcome);
  for (const char* part : {"train", "validation", "test"})
    for (const char* metric : {"loss", "accuracy", "mse", "mae", "r2"}) {
      std::vector<std::string> row{std::string(part) + "_" + metric};
      bool any = false;
      for (const Compared& c : runs) {
        row.push_back(metric_cell(c.document["final"], part, metric));
        any = any || row.back() != "-";
      }
      if (any) table.push_back(row);
    }
  std::vector<std::size_t> widths(header.size(), 0);
  for (const auto& row : table)
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], length(row[c]));
  if (differing == 0 && !vm["all"].as<bool>())
    std::cout << "(the runs' configurations are the same, key for key)\n";
  for (const auto& row : table) {
    std::string text;
    for (std::size_t c = 0; c < row.size(); ++c) text += padded(row[c], widths[c] + 2);
    while (!text.empty() && text.back() == ' ') text.pop_back();
    std::cout << text << "\n";
  }
  if (vm.count("out")) {
    std::vector<picture::CurveRun> curves;
    for (const Compared& c : runs) {
      picture::CurveRun run = picture::read_curve_run(c.record);
      run.label = c.name;
      curves.push_back(std::move(run));
    }
    const std::string out = vm["out"].as<std::string>();
    io::write_file_atomically(out, picture::curves_svg(curves), "the curves");
    std::cout << "wrote the curves to " << out << "\n";
  }
  return 0;
}

}  // namespace neuronlab::host
