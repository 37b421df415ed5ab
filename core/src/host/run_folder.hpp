// A run's output folder (neuronlab run --out DIR, or runs/<name>-<time>): what the run was
// (config.yaml, written before training), what it did (record.json, history.csv,
// metrics.json), what it made (model.yaml, curves.svg, network.svg, boundary.svg where the
// network has one) and index.html, the report that shows them. Every file is written
// atomically, so a run that fails or is interrupted leaves whole files, and its record says
// how it ended.
#ifndef NEURONLAB_HOST_RUN_FOLDER_HPP
#define NEURONLAB_HOST_RUN_FOLDER_HPP

#include <neuronlab/experiment/experiment.hpp>
#include <neuronlab/experiment/run.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace neuronlab::host {

// runs/<name>-YYYYmmdd-HHMMSS under `root` (-2, -3, ... when that exists already).
std::filesystem::path default_run_folder(const std::filesystem::path& root,
                                         const std::string& name);

// Makes `dir` ready for a run: created when missing; an empty folder is used; a folder that
// holds files is refused (neuronlab::Error naming it) unless `force`, and then a former run's
// files are removed so that none of them is mistaken for this run's.
void prepare_run_folder(const std::filesystem::path& dir, bool force);

// config.yaml: the experiment fully resolved, a file that re-runs the same run.
void write_run_config(const std::filesystem::path& dir, const experiment::BoundExperiment& bound);

// Everything else, after training; returns the files written, in order. Without
// `network_pictures` (a sweep's runs, hundreds of them) network.svg and boundary.svg are left
// out, and the report shows the curves only; `neuronlab plot` draws them from model.yaml.
std::vector<std::string> write_run_results(const std::filesystem::path& dir,
                                           experiment::RunResult& result,
                                           bool network_pictures = true);

// The files a run folder may hold, as write_run_config and write_run_results name them.
const std::vector<std::string>& run_folder_files();

}  // namespace neuronlab::host

#endif  // NEURONLAB_HOST_RUN_FOLDER_HPP
