// A run's output folder (run_folder.hpp).
#include "run_folder.hpp"

#include <neuronlab/experiment/record.hpp>
#include <neuronlab/io/atomic_file.hpp>
#include <neuronlab/picture/pictures.hpp>

#include <ctime>

namespace neuronlab::host {

namespace fs = std::filesystem;

const std::vector<std::string>& run_folder_files() {
  static const std::vector<std::string> files = {"config.yaml",  "record.json",  "history.csv",
                                                 "metrics.json", "model.yaml",   "curves.svg",
                                                 "network.svg",  "boundary.svg", "index.html"};
  return files;
}

fs::path default_run_folder(const fs::path& root, const std::string& name) {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
  std::string safe = name.empty() ? "run" : name;
  for (char& c : safe)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) c = '_';
  const fs::path base = root / (safe + "-" + stamp);
  fs::path dir = base;
  std::error_code ec;
  for (int k = 2; fs::exists(dir, ec); ++k) dir = base.string() + "-" + std::to_string(k);
  return dir;
}

void prepare_run_folder(const fs::path& dir, bool force) {
  std::error_code ec;
  const fs::file_status status = fs::status(dir, ec);
  if (fs::exists(status) && !fs::is_directory(status))
    throw Error(dir.string() +
                ": the output folder exists and is not a folder; give another "
                "--out");
  if (fs::is_directory(status) && !fs::is_empty(dir, ec)) {
    const bool a_run = fs::exists(dir / "record.json", ec) || fs::exists(dir / "config.yaml", ec);
    if (!force)
      throw Error(dir.string() + ": the output folder already holds " +
                  (a_run ? "another run" : "files") +
                  "; give a new folder with --out, or --force to replace its run");
    for (const std::string& file : run_folder_files()) fs::remove(dir / file, ec);
  }
  fs::create_directories(dir, ec);
  if (ec)
    throw Error(dir.string() + ": cannot make the output folder: " + ec.message() +
                " (check the path and its permissions)");
}

void write_run_config(const fs::path& dir, const experiment::BoundExperiment& bound) {
  io::write_file_atomically(dir / "config.yaml", experiment::resolved_file(bound),
                            "the run's configuration");
}

std::vector<std::string> write_run_results(const fs::path& dir, experiment::RunResult& result,
                                           bool network_pictures) {
  const experiment::RunRecord& record = result.record;
  std::vector<std::string> written = {"config.yaml"};
  // Each file whole on its own; the folder's entries reach the disk once, at the end.
  auto write = [&](const std::string& name, const std::string& text, const char* what) {
    io::write_file_atomically(dir / name, text, what, io::FolderSync::later);
    written.push_back(name);
  };
  write("record.json", experiment::record_json(record), "the run record");
  write("history.csv", experiment::history_csv(record), "the history");
  write("metrics.json", experiment::metrics_json(record), "the metrics");
  std::error_code ec;
  if (!record.saved_model.empty() && fs::equivalent(record.saved_model, dir / "model.yaml", ec))
    written.push_back("model.yaml");  // saved by the run itself
  // The pictures are drawn once, for their files and for the report.
  picture::ReportParts parts;
  if (network_pictures) {
    parts = picture::run_report_parts(result);
  } else {
    parts.record = &result.record;
    parts.config = experiment::resolved_file(result.bound);
    parts.curves = picture::curves_svg({picture::curve_run(record)}, record.experiment.name);
  }
  if (!record.history.empty()) write("curves.svg", parts.curves, "the curves");
  if (record.outcome != experiment::Outcome::diverged) {
    if (!parts.network.empty()) write("network.svg", parts.network, "the network picture");
    if (!parts.boundary.empty()) write("boundary.svg", parts.boundary, "the boundary picture");
  }
  write("index.html", picture::html_report(parts), "the report");
  io::sync_folder(dir);
  return written;
}

}  // namespace neuronlab::host
