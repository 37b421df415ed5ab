// Typing a RawTable into a Dataset: column roles, numbers, task inference and class order.
#include <neuronlab/data/dataset.hpp>
#include <neuronlab/error.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>

#include "text.hpp"

namespace neuronlab::data {

const char* task_name(Task task) {
  switch (task) {
    case Task::regression:
      return "regression";
    case Task::binary:
      return "binary";
    case Task::categorical:
      return "categorical";
  }
  return "?";
}

std::optional<Task> parse_task(std::string_view name) {
  for (Task t : {Task::regression, Task::binary, Task::categorical})
    if (name == task_name(t)) return t;
  return std::nullopt;
}

std::optional<double> parse_number(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

Dataset Dataset::select(const std::vector<std::size_t>& row_indices) const {
  Dataset out;
  out.task = task;
  out.feature_names = feature_names;
  out.target_name = target_name;
  out.class_names = class_names;
  out.rows = row_indices.size();
  const std::size_t f = features(), o = outputs();
  out.x.reserve(out.rows * f);
  out.y.reserve(out.rows * o);
  for (std::size_t r : row_indices) {
    out.x.insert(out.x.end(), x.begin() + r * f, x.begin() + (r + 1) * f);
    out.y.insert(out.y.end(), y.begin() + r * o, y.begin() + (r + 1) * o);
  }
  return out;
}

namespace {

class Typer {
 public:
  explicit Typer(const RawTable& table) : table_(table) {}

  // `where` is where the name was written, if anywhere.
  std::size_t column(const std::string& name, const char* role, const std::string& where) const {
    for (std::size_t c = 0; c < table_.header.size(); ++c)
      if (table_.header[c].text == name) return c;
    std::vector<std::string> names;
    for (const Cell& h : table_.header) names.push_back(h.text);
    throw Error(detail::prefix(where) + table_.source + " has no " + role + " column '" + name +
                "'" + did_you_mean(name, names) + "; its columns are: " + detail::join(names));
  }

  // The numbers of these columns, row by row: (rows, columns.size()).
  std::vector<float> numbers(const std::vector<std::size_t>& columns) const {
    std::vector<float> x;
    x.reserve(table_.rows.size() * columns.size());
    for (std::size_t r = 0; r < table_.rows.size(); ++r)
      for (std::size_t c : columns)
        x.push_back(static_cast<float>(number(
            r, c, "feature columns must be numeric; leave this column out with features: [...]")));
    return x;
  }

  // "iris.csv:12:17: row 11, column 'petal_width_cm': "
  std::string at(std::size_t row, std::size_t col) const {
    const Cell& cell = table_.rows[row][col];
    return table_.source + ":" + std::to_string(cell.line) + ":" + std::to_string(cell.column) +
           ": row " + std::to_string(row + 1) + ", column '" + table_.header[col].text + "': ";
  }

  void require_value(std::size_t row, std::size_t col) const {
    if (table_.rows[row][col].text.empty())
      throw Error(at(row, col) +
                  "missing value (fill it in or remove the row; neuronlab does not guess values)");
  }

  double number(std::size_t row, std::size_t col, const char* hint) const {
    require_value(row, col);
    const std::string& text = table_.rows[row][col].text;
    if (auto v = parse_number(text)) {
      // Training is in 32-bit floats: a larger value would be infinite before the first step.
      if (std::fabs(*v) > double(std::numeric_limits<float>::max()))
        throw Error(at(row, col) + "'" + text +
                    "' is beyond the range of the 32-bit numbers neuronlab trains with (about "
                    "3.4e38 either way); rescale the column");
      return *v;
    }
    throw Error(at(row, col) + "'" + text + "' is not a number (" + hint + ")");
  }

 private:
  const RawTable& table_;
};

}  // namespace

Dataset to_dataset(const RawTable& table, const TableOptions& options) {
  Typer typer(table);
  const std::string& where = options.where;
  const std::string& target_where = options.target_where.empty() ? where : options.target_where;
  const std::string& features_where =
      options.features_where.empty() ? where : options.features_where;
  const std::size_t target = options.target.empty()
                                 ? table.header.size() - 1
                                 : typer.column(options.target, "target", target_where);

  std::vector<std::size_t> feature_columns;
  if (options.features.empty()) {
    for (std::size_t c = 0; c < table.header.size(); ++c)
      if (c != target) feature_columns.push_back(c);
  } else {
    for (const std::string& name : options.features) {
      std::size_t c = typer.column(name, "feature", features_where);
      if (c == target)
        throw Error(detail::prefix(features_where) + "column '" + name +
                    "' is the target; it cannot also be a feature (remove it from features)");
      feature_columns.push_back(c);
    }
  }
  if (feature_columns.empty())
    throw Error(detail::prefix(features_where) + table.source +
                " has no feature columns (a table needs at least one column besides the target)");

  Dataset data;
  data.target_name = table.header[target].text;
  data.rows = table.rows.size();
  for (std::size_t c : feature_columns) data.feature_names.push_back(table.header[c].text);

  data.x = typer.numbers(feature_columns);

  // The target: numeric unless some value is not a number.
  bool numeric = true;
  for (std::size_t r = 0; r < data.rows; ++r) {
    typer.require_value(r, target);
    if (!parse_number(table.rows[r][target].text)) numeric = false;
  }
  data.task = options.task.value_or(numeric ? Task::regression : Task::categorical);

  if (data.task == Task::regression) {
    for (std::size_t r = 0; r < data.rows; ++r)
      data.y.push_back(static_cast<float>(typer.number(
          r, target, "a regression target must be numeric; for classes say task: categorical")));
    return data;
  }

  // Classes: each row's class index, and the names in the documented order.
  std::vector<std::size_t> label(data.rows);
  if (numeric) {
    std::map<double, std::string> by_value;  // ascending; the name is the first spelling
    for (std::size_t r = 0; r < data.rows; ++r)
      by_value.emplace(*parse_number(table.rows[r][target].text), table.rows[r][target].text);
    std::map<double, std::size_t> index;
    for (const auto& [value, name] : by_value) {
      index[value] = data.class_names.size();
      data.class_names.push_back(name);
    }
    for (std::size_t r = 0; r < data.rows; ++r)
      label[r] = index[*parse_number(table.rows[r][target].text)];
  } else {
    std::map<std::string, std::size_t> index;
    for (std::size_t r = 0; r < data.rows; ++r) {
      const std::string& name = table.rows[r][target].text;
      auto [it, inserted] = index.emplace(name, data.class_names.size());
      if (inserted) data.class_names.push_back(name);
      label[r] = it->second;
    }
  }

  const std::size_t classes = data.class_names.size();
  const std::string listed = detail::join(data.class_names);
  if (data.task == Task::binary && classes != 2)
    throw Error(
        detail::prefix(where) + "task: binary needs exactly two distinct values in column '" +
        data.target_name + "', found " + std::to_string(classes) + ": " + listed +
        (classes > 2 ? " (use task: categorical)" : " (a model needs both answers to learn)"));
  if (data.task == Task::categorical && classes < 2)
    throw Error(detail::prefix(where) + "column '" + data.target_name +
                "' holds a single class, '" + listed +
                "' (a classifier needs at least two classes to learn)");

  data.y.assign(data.rows * data.outputs(), 0.0f);
  for (std::size_t r = 0; r < data.rows; ++r) {
    if (data.task == Task::binary)
      data.y[r] = static_cast<float>(label[r]);
    else
      data.y[r * classes + label[r]] = 1.0f;
  }
  return data;
}

std::vector<float> feature_matrix(const RawTable& table, const std::vector<std::string>& names,
                                  const std::string& where) {
  Typer typer(table);
  std::vector<std::size_t> columns;
  for (const std::string& name : names) columns.push_back(typer.column(name, "feature", where));
  return typer.numbers(columns);
}

Dataset labelled_rows(const RawTable& table, const std::vector<std::string>& features,
                      const std::string& target, Task task, const std::vector<std::string>& classes,
                      const std::string& where) {
  Typer typer(table);
  Dataset data;
  data.task = task;
  data.feature_names = features;
  data.target_name = target;
  data.class_names = classes;
  data.rows = table.rows.size();
  data.x = feature_matrix(table, features, where);
  const std::size_t column = typer.column(target, "target", where);
  if (task == Task::regression) {
    for (std::size_t r = 0; r < data.rows; ++r)
      data.y.push_back(static_cast<float>(
          typer.number(r, column, "the model predicts a number: the target must be one")));
    return data;
  }
  data.y.assign(data.rows * data.outputs(), 0.0f);
  for (std::size_t r = 0; r < data.rows; ++r) {
    typer.require_value(r, column);
    const std::string& text = table.rows[r][column].text;
    const std::optional<double> value = parse_number(text);
    std::size_t k = 0;
    while (k < classes.size() && classes[k] != text &&
           !(value && parse_number(classes[k]) == value))
      ++k;
    if (k == classes.size())
      throw Error(typer.at(r, column) + "class '" + text + "' is not one the model knows (" +
                  detail::join(classes) + ")");
    if (task == Task::binary)
      data.y[r] = static_cast<float>(k);
    else
      data.y[r * classes.size() + k] = 1.0f;
  }
  return data;
}

}  // namespace neuronlab::data
