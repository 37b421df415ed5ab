// The data: section of an experiment file, and loading the rows it names.
#include <neuronlab/data/csv.hpp>
#include <neuronlab/io/files.hpp>

#include "../data/text.hpp"
#include "defaults.hpp"
#include "experiment_parts.hpp"

namespace neuronlab::experiment {
namespace detail {

namespace {

// An inline table is for a small example written by hand; data sets belong in CSV files.
constexpr std::size_t max_inline_rows = 1000;

// inline: {columns: [x1, x2, y], rows: [[0, 0, 0], ...]}, with every cell's position.
data::RawTable read_inline(const YamlReader& in, const YAML::Node& node) {
  in.check_keys(node, "inline", {"columns", "rows"});
  data::RawTable table;
  table.source = in.file();
  YAML::Node columns = in.require(node, "columns", "inline", "the column names, like [x1, x2, y]");
  YAML::Node rows = in.require(node, "rows", "inline", "a list of rows, like [[0, 1, 1]]");
  auto cell = [&](const YAML::Node& n, const std::string& what) {
    if (!n.IsScalar()) in.fail(n, what + " must be a single value, not a list or map");
    return data::Cell{n.Scalar(), static_cast<std::size_t>(n.Mark().line) + 1,
                      static_cast<std::size_t>(n.Mark().column) + 1};
  };
  if (!columns.IsSequence() || columns.size() == 0)
    in.fail(columns, "inline.columns must be a list of column names, like [x1, x2, y]");
  for (const YAML::Node& c : columns) {
    data::Cell name = cell(c, "a column name");
    for (const auto& seen : table.header)
      if (seen.text == name.text)
        in.fail(
            c, "column '" + name.text + "' appears twice in inline.columns (names must be unique)");
    table.header.push_back(std::move(name));
  }
  if (!rows.IsSequence() || rows.size() == 0)
    in.fail(rows, "inline.rows must be a list of rows, like [[0, 1, 1], [1, 1, 0]]");
  if (rows.size() > max_inline_rows)
    in.fail(rows, "inline.rows holds " + std::to_string(rows.size()) +
                      " rows; an inline table is for a small example of at most " +
                      std::to_string(max_inline_rows) +
                      " rows (put the rows in a CSV file and name it with csv: FILE)");
  for (const YAML::Node& row : rows) {
    if (!row.IsSequence())
      in.fail(row, "each row of inline.rows must be a list of values, like [0, 1, 1]");
    if (row.size() != table.header.size())
      in.fail(row, "row " + std::to_string(table.rows.size() + 1) + " has " +
                       std::to_string(row.size()) + " values but columns names " +
                       std::to_string(table.header.size()) + " (one value per column)");
    std::vector<data::Cell> cells;
    for (const YAML::Node& value : row) cells.push_back(cell(value, "a value in inline.rows"));
    table.rows.push_back(std::move(cells));
  }
  return table;
}

void read_generate(const YamlReader& in, const YAML::Node& node, DataSpec& out) {
  std::string where;
  in.plugin(node, "generate", out.generator, where, out.generator_params);
  // Reports an unknown generator or a bad parameter now, at its line.
  resolve(data::require_generator(out.generator, where).schema, out.generator_params);
}

}  // namespace

void read_data(const YamlReader& in, const YAML::Node& node, const std::filesystem::path& base_dir,
               DataSpec& out) {
  in.check_keys(node, "data",
                {"csv", "inline", "generate", "target", "features", "task", "test_split",
                 "validation_split", "shuffle"});
  int sources = 0;
  for (const char* key : {"csv", "inline", "generate"}) sources += node[key] ? 1 : 0;
  if (sources != 1)
    in.fail(node, sources == 0 ? "data needs one of csv:, inline: or generate: (where the rows "
                                 "come from)"
                               : "data takes only one of csv:, inline: and generate:");

  out.test_split = defaults::test_split;
  out.validation_split = defaults::validation_split;
  out.shuffle = defaults::data_shuffle;
  out.columns.where = in.where(node);
  if (YAML::Node csv = node["csv"]) {
    out.source = DataSpec::Source::csv;
    out.csv_written = in.text(csv, "data.csv");
    out.csv = (base_dir / out.csv_written).lexically_normal();
    out.where = in.where(csv);
    if (!io::inside_folder(base_dir, out.csv))
      in.fail(csv, "data.csv '" + out.csv_written + "' is outside this file's folder (" +
                       (base_dir.empty() ? std::string(".") : base_dir.string()) +
                       "); a lesson or experiment file may read files only in its own folder "
                       "and below it (copy the table there, or pass --allow-outside-paths if "
                       "you trust this file)");
  } else if (YAML::Node table = node["inline"]) {
    out.source = DataSpec::Source::inline_table;
    out.table = read_inline(in, table);
    out.where = in.where(table);
  } else {
    out.source = DataSpec::Source::generate;
    out.where = in.where(node["generate"]);
    read_generate(in, node["generate"], out);
  }

  for (const char* key : {"target", "features", "task"})
    if (node[key] && out.source == DataSpec::Source::generate)
      in.fail(node[key], std::string(key) + " applies to csv: and inline: data; a generator " +
                             "decides its own columns and task");
  if (YAML::Node target = node["target"]) {
    out.columns.target = in.text(target, "data.target");
    out.columns.target_where = in.where(target);
  }
  if (YAML::Node features = node["features"]) {
    out.columns.features = in.text_list(features, "data.features");
    out.columns.features_where = in.where(features);
  }
  if (YAML::Node task = node["task"]) {
    const std::string name = in.text(task, "data.task");
    out.columns.task = data::parse_task(name);
    if (!out.columns.task)
      in.fail(task, "unknown task '" + name + "'" +
                        did_you_mean(name, {"regression", "binary", "categorical"}) +
                        "; a task is regression, binary or categorical");
  }
  if (node["test_split"]) out.test_split = in.real(node["test_split"], "test_split", 0, 1, true);
  if (node["validation_split"])
    out.validation_split = in.real(node["validation_split"], "validation_split", 0, 1, true);
  if (out.test_split + out.validation_split >= 1)
    in.fail(node,
            "test_split and validation_split together hold out every row (keep their "
            "sum below 1)");
  if (node["shuffle"]) out.shuffle = in.flag(node["shuffle"], "data.shuffle");
}

}  // namespace detail

data::Dataset load_data(const DataSpec& spec, std::uint64_t seed) {
  switch (spec.source) {
    case DataSpec::Source::csv:
      if (!std::filesystem::is_regular_file(spec.csv))
        throw Error(spec.where + ": cannot find the data file '" + spec.csv_written +
                    "' (looked for " + spec.csv.string() +
                    "; a relative path is taken from the YAML file's folder)");
      return data::to_dataset(data::read_csv(spec.csv), spec.columns);
    case DataSpec::Source::inline_table:
      return data::to_dataset(spec.table, spec.columns);
    case DataSpec::Source::generate:
      return data::generate(spec.generator, spec.generator_params, seed, spec.where);
  }
  return {};
}

}  // namespace neuronlab::experiment
