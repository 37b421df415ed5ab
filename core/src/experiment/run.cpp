// The run pipeline (see run.hpp): parsed experiment → bound experiment → network → trainer →
// final metrics → saved model → expect: checks, all into the run record, with observers told
// at the start, after every epoch and at the end.
#include <neuronlab/engine/model_file.hpp>
#include <neuronlab/experiment/run.hpp>

#include <algorithm>
#include <chrono>

namespace neuronlab::experiment {
DataSummary summarize(const data::Split& s) {
  DataSummary d;
  d.task = s.train.task;
  d.train_rows = s.train.rows;
  d.validation_rows = s.validation.rows;
  d.test_rows = s.test.rows;
  d.feature_names = s.train.feature_names;
  d.target_name = s.train.target_name;
  d.class_names = s.train.class_names;
  if (d.task == data::Task::regression) return d;
  // Rows per class in each part: binary targets are one 0/1 column, categorical one-hot.
  const std::size_t classes = d.class_names.size();
  auto count = [&](const data::Dataset& part) {
    std::vector<std::size_t> n(classes);
    const std::size_t width = part.rows ? part.y.size() / part.rows : 0;
    for (std::size_t r = 0; r < part.rows; ++r)
      for (std::size_t k = 0; k < classes; ++k)
        if (width == 1 ? part.y[r] == float(k) : part.y[r * width + k] == 1.0f) ++n[k];
    return n;
  };
  const std::vector<std::size_t> train = count(s.train), validation = count(s.validation),
                                 test = count(s.test);
  for (std::size_t k = 0; k < classes; ++k) {
    if (train[k] > 0 || validation[k] + test[k] == 0) continue;
    std::string held;
    for (const auto& [n, part] :
         {std::pair{test[k], "test"}, std::pair{validation[k], "validation"}})
      if (n)
        held += (held.empty() ? "" : " and ") + std::to_string(n) + " " + part +
                (n == 1 ? " row" : " rows");
    d.warnings.push_back("class '" + d.class_names[k] + "' has " + held +
                         " but no training row, so the network cannot learn it (add rows of "
                         "it to the data, or split it so that some are in training)");
  }
  return d;
}

namespace {

std::vector<CheckResult> check_expectations(const Experiment& e, const RunRecord& r) {
  std::vector<CheckResult> checks;
  for (const Expectation& x : e.expect) {
    const std::size_t cut = x.metric.find('_');
    const engine::Metrics& m = *r.part(x.metric.substr(0, cut));
    CheckResult check{x, m.get(x.metric.substr(cut + 1)).value(), true};
    if (x.at_least) check.passed = check.passed && check.value >= *x.at_least;
    if (x.at_most) check.passed = check.passed && check.value <= *x.at_most;
    checks.push_back(std::move(check));
  }
  return checks;
}

void save(const std::string& path, const BoundExperiment& b, engine::Network& network) {
  const data::Split& s = b.split;
  engine::ModelInfo info;
  info.task = s.train.task;
  info.feature_names = s.train.feature_names;
  info.target_name = s.train.target_name;
  info.class_names = s.train.class_names;
  if (b.normalizer)
    info.input_normalization = {b.normalizer->name(), b.normalizer->params(),
                                b.normalizer->object()};
  engine::save_model(path, network, info);
}

// The input the trainer names by its column is named by the data's name for it.
DivergenceRecord divergence_record(const engine::Diverged& diverged, const Experiment& e,
                                   const Registry& registry,
                                   const std::vector<std::string>& features) {
  DivergenceRecord d;
  d.details = diverged.divergence();
  if (const auto column = d.details.unscaled_input; column && *column < features.size()) {
    const std::string numbered = "(input " + std::to_string(*column + 1) + " reaches";
    std::string& text = d.details.text;
    if (const std::size_t at = text.find(numbered); at != std::string::npos)
      text.replace(at, numbered.size(), "(input '" + features[*column] + "' reaches");
  }
  d.message = (e.training_where.empty() ? e.file : e.training_where) + ": " + d.details.text;
  const engine::Divergence& v = d.details;
  const std::string layer = "layer " + std::to_string(v.source.layer + 1) + "'s ";
  using Stage = engine::NonFiniteSource::Stage;
  switch (v.source.stage) {
    case Stage::parameters:
      d.where =
          layer + "weights and biases, after an update by the optimizer '" + v.component + "'";
      break;
    case Stage::weighted_sum:
      d.where = layer + "weighted sums";
      break;
    case Stage::normalization:
      d.where = layer + "normalization '" + v.component + "'";
      break;
    case Stage::activation:
      d.where = layer + "activation '" + v.component + "'";
      break;
    case Stage::loss:
      d.where = "the loss '" + v.component + "'";
      break;
  }
  if (v.kind)
    if (const ComponentInfo* c = registry.find(*v.kind, v.component))
      d.library = c->library.string();
  return d;
}

// A plugin's failure, placed where the component is written in the file.
[[noreturn]] void rethrow_at_its_key(const engine::PluginFailure& failure, const Experiment& e) {
  std::string where;
  const auto& layer = failure.layer();
  switch (failure.kind()) {
    case Kind::activation:
      where = layer ? e.layer_places.at(*layer).activation : "";
      break;
    case Kind::normalization:
      where = layer ? e.layer_places.at(*layer).normalization : "";
      break;
    case Kind::loss:
      where = e.loss_where;
      break;
    case Kind::optimizer:
      where = e.optimizer_where;
      break;
  }
  throw Error((where.empty() ? e.file : where) + ": " + failure.what());
}

}  // namespace

const char* outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::completed:
      return "completed";
    case Outcome::stopped_early:
      return "stopped_early";
    case Outcome::diverged:
      return "diverged";
    case Outcome::interrupted:
      return "interrupted";
  }
  return "completed";
}

std::size_t RunRecord::failed() const {
  return std::size_t(
      std::count_if(checks.begin(), checks.end(), [](const CheckResult& c) { return !c.passed; }));
}

const std::optional<engine::Metrics>& RunRecord::part(const std::string& name) const {
  return name == "train" ? train : name == "test" ? test : validation;
}

RunResult run_experiment(const Experiment& parsed, const Registry& registry,
                         const RunOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  RunResult result;
  result.bound = bind(parsed, registry);
  const Experiment& e = result.bound.experiment;
  const data::Split& s = result.bound.split;
  RunRecord& r = result.record;
  r.experiment = e;
  r.data = summarize(s);
  auto tell = [&](auto event) {
    for (RunObserver* observer : options.observers) event(*observer);
  };
  auto finish = [&] {
    r.elapsed_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    tell([&](RunObserver& o) { o.finished(r); });
  };

  try {
    result.network.emplace(e.network, registry, e.seed);
  } catch (const engine::LayerError& error) {  // placed at its layer in the file
    throw Error((error.layer() ? e.layer_places.at(*error.layer()).layer : e.file) + ": " +
                error.what());
  }
  engine::Network& network = *result.network;
  engine::TrainingOptions training = e.training;
  training.inputs_normalized = result.bound.normalizer.has_value();
  engine::Trainer trainer(network, registry, std::move(training));
  trainer.set_stop_request(options.stop);
  tell([&](RunObserver& o) { o.started(r); });
  if (options.on_weights) options.on_weights(network);

  auto on_epoch = [&](const engine::EpochReport& report) {
    r.history.push_back(report);
    if (options.on_weights) options.on_weights(network);
    tell([&](RunObserver& o) { o.epoch(r, report); });
  };
  engine::TrainingResult trained;
  try {
    trained = s.validation.rows
                  ? trainer.fit(s.train.x_view(), s.train.y_view(), s.validation.x_view(),
                                s.validation.y_view(), on_epoch)
                  : trainer.fit(s.train.x_view(), s.train.y_view(), on_epoch);
  } catch (const engine::Diverged& diverged) {
    r.outcome = Outcome::diverged;
    r.divergence = divergence_record(diverged, e, registry, s.train.feature_names);
    r.best_epoch = r.weights_epoch = r.history.size();
    finish();
    return result;
  } catch (const engine::PluginFailure& failure) {
    rethrow_at_its_key(failure, e);
  }
  r.outcome = trained.interrupted     ? Outcome::interrupted
              : trained.stopped_early ? Outcome::stopped_early
                                      : Outcome::completed;
  r.best_epoch = trained.best_epoch;
  r.weights_epoch = trained.weights_epoch;
  r.partial_batches = trained.partial_batches;

  try {
    r.train = trainer.evaluate(s.train.x_view(), s.train.y_view());
    if (s.validation.rows)
      r.validation = trainer.evaluate(s.validation.x_view(), s.validation.y_view());
    if (s.test.rows) r.test = trainer.evaluate(s.test.x_view(), s.test.y_view());
  } catch (const engine::PluginFailure& failure) {
    rethrow_at_its_key(failure, e);
  }
  if (!options.save_model.empty() &&
      (r.outcome != Outcome::interrupted || options.save_on_interrupt)) {
    save(options.save_model, result.bound, network);
    r.saved_model = options.save_model;
  }
  r.checks = check_expectations(e, r);
  finish();
  return result;
}

}  // namespace neuronlab::experiment
