// Reading back what a curve needs from a run record written by `neuronlab run --json`
// (record_json.cpp writes it; docs/experiments.md documents its shape).
#include <neuronlab/error.hpp>
#include <neuronlab/picture/pictures.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace neuronlab::picture {
namespace {

using Json = nlohmann::json;

[[noreturn]] void refuse(const std::filesystem::path& path, const std::string& what) {
  throw Error(path.string() + ": " + what +
              "\n  hint: give a run record, the output of 'neuronlab run FILE.yaml --json'");
}

// A number, or nothing for null (a non-finite value is written as null).
std::optional<double> number(const Json& value) {
  if (value.is_number()) return value.get<double>();
  return std::nullopt;
}

engine::Metrics metrics(const Json& value) {
  engine::Metrics m;
  m.rows = value.value("rows", std::size_t{0});
  m.loss = number(value.at("loss")).value_or(NAN);
  // A metric the task has is present; null is a value that was not finite.
  auto metric = [&](const char* name) -> std::optional<double> {
    if (!value.contains(name)) return std::nullopt;
    return number(value[name]).value_or(NAN);
  };
  m.accuracy = metric("accuracy");
  m.mse = metric("mse");
  m.mae = metric("mae");
  m.r2 = metric("r2");
  return m;
}

}  // namespace

CurveRun read_curve_run(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) refuse(path, "cannot read this file (does it exist?)");
  std::ostringstream text;
  text << file.rdbuf();
  const Json record = Json::parse(text.str(), nullptr, false);
  if (record.is_discarded()) refuse(path, "this is not JSON");
  if (!record.is_object() || !record.contains("history") || !record.contains("format_version"))
    refuse(path, "this JSON is not a run record (it has no format_version and history)");
  if (record["format_version"] != experiment::record_format_version)
    refuse(path, "run record format_version " + record["format_version"].dump() +
                     " is not one this neuronlab reads (" +
                     std::to_string(experiment::record_format_version) + ")");
  CurveRun run;
  try {
    run.label = record.value("name", path.stem().string());
    const std::optional<data::Task> task =
        data::parse_task(record.at("data").at("task").get<std::string>());
    if (!task) refuse(path, "the record's data.task is not regression, binary or categorical");
    run.task = *task;
    for (const Json& e : record.at("history")) {
      engine::EpochReport report;
      report.epoch = e.at("epoch").get<std::size_t>();
      report.learning_rate = number(e.at("learning_rate")).value_or(NAN);
      report.elapsed_seconds = number(e.at("elapsed_seconds")).value_or(0);
      report.train = metrics(e.at("train"));
      if (!e.at("validation").is_null()) report.validation = metrics(e["validation"]);
      run.history.push_back(report);
    }
    run.weights_epoch = record.at("weights_epoch").get<std::size_t>();
    const Json& test = record.at("final").at("test");
    if (!test.is_null()) run.test = metrics(test);
    if (record.at("outcome") == "stopped_early")
      run.best_epoch = record.at("best_epoch").get<std::size_t>();
  } catch (const Json::exception& e) {
    refuse(path, std::string("the run record is incomplete or has a wrong type: ") + e.what());
  }
  return run;
}

}  // namespace neuronlab::picture
