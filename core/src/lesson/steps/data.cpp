// The data step: makes a data set the lesson's current one, for the network, trace, train
// and plot steps after it. It is read, split and normalized exactly as an experiment's data
// (the same keys), and its first training rows are shown, in the order trace's row: counts
// them.
//   - data: {generate: xor}             an experiment's data: block
//     normalize: standardize            optional, as in an experiment
//     seed: 1                           optional: seeds generated data and the split (default
//                                       0); a train step after it trains on exactly these rows
//     show_rows: 4                      optional: how many rows to show (default 4, 0: none)
#include <neuronlab/data/split.hpp>
#include <neuronlab/lesson/runner.hpp>

#include <algorithm>
#include <cstdio>

#include "../../experiment/experiment_parts.hpp"
#include "../step_kind.hpp"

namespace neuronlab::lesson {
namespace {

struct DataStep : StepBody {
  experiment::DataSpec spec;
  std::optional<experiment::PluginRef> normalize;
  std::uint64_t seed = 0;
  std::size_t show = 4;

  void check_plugins(const Registry& registry) const override {
    if (normalize)
      registry.resolve(registry.require(Kind::normalization, normalize->name, normalize->where),
                       normalize->params);
  }

  bool run(StepContext& context) const override {
    const data::Dataset all = experiment::load_data(spec, seed);
    data::Split split =
        data::split(all, spec.test_split, spec.validation_split, seed, spec.shuffle, spec.where);
    print(all, split.train, context.console.out);
    context.raw_data = split;
    context.normalizer.reset();
    if (normalize) {
      context.normalizer.emplace(context.registry, normalize->name, normalize->params,
                                 normalize->where);
      context.normalizer->fit(split.train);
      for (data::Dataset* part : {&split.train, &split.validation, &split.test})
        context.normalizer->transform(*part);
    }
    context.data = std::move(split);
    return true;
  }

  // "data: 4 rows (4 training, 0 held out); inputs x1, x2; target y (binary: 0, 1)", then the
  // first training rows as read (before normalize:).
  void print(const data::Dataset& all, const data::Dataset& train, std::ostream& out) const {
    out << "data: " << all.rows << (all.rows == 1 ? " row (" : " rows (") << train.rows
        << " training, " << all.rows - train.rows << " held out); inputs ";
    for (std::size_t j = 0; j < all.features(); ++j) out << (j ? ", " : "") << all.feature_names[j];
    out << "; target " << all.target_name << " (" << data::task_name(all.task);
    for (std::size_t k = 0; k < all.class_names.size(); ++k)
      out << (k ? ", " : ": ") << all.class_names[k];
    out << ")\n";
    const std::size_t rows = std::min(show, train.rows);
    if (rows == 0) return;
    out << "training rows:\n";
    for (std::size_t r = 0; r < rows; ++r) {
      out << "  " << r + 1 << ": ";
      for (std::size_t j = 0; j < train.features(); ++j) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%g",
                      static_cast<double>(train.x[r * train.features() + j]));
        out << (j ? ", " : "") << buffer;
      }
      out << " -> " << target_text(train, r) << "\n";
    }
    if (rows < train.rows) out << "  ... " << train.rows - rows << " more\n";
  }

  static std::string target_text(const data::Dataset& d, std::size_t r) {
    if (d.task == data::Task::regression) {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%g", static_cast<double>(d.y[r]));
      return buffer;
    }
    if (d.task == data::Task::binary) return d.class_names[d.y[r] > 0.5f ? 1 : 0];
    const float* row = &d.y[r * d.outputs()];
    return d.class_names[static_cast<std::size_t>(std::max_element(row, row + d.outputs()) - row)];
  }
};

}  // namespace

namespace detail {
namespace {

std::shared_ptr<const StepBody> read(const StepReader& reader, const YAML::Node& step) {
  const yaml::YamlReader& in = reader.in;
  auto made = std::make_shared<DataStep>();
  experiment::detail::read_data(in, step["data"], reader.base_dir, made->spec);
  if (const YAML::Node n = step["normalize"]) {
    experiment::PluginRef ref;
    in.plugin(n, "normalize", ref.name, ref.where, ref.params);
    made->normalize = std::move(ref);
  }
  if (step["seed"]) made->seed = std::uint64_t(in.integer(step["seed"], "seed", 0, 2147483647));
  if (step["show_rows"])
    made->show = std::size_t(in.integer(step["show_rows"], "show_rows", 0, 1000));
  keep(reader.scope.data, step["data"]);
  keep(reader.scope.normalize, step["normalize"]);
  keep(reader.scope.seed, step["seed"]);
  reader.scope.has_data = true;
  return made;
}

}  // namespace

const StepKind& data_step_kind() {
  static const StepKind kind{"data",
                             {"normalize", "seed", "show_rows"},
                             "write the data as an experiment does: {generate: xor}, {csv: ...}",
                             &read};
  return kind;
}

}  // namespace detail
}  // namespace neuronlab::lesson
