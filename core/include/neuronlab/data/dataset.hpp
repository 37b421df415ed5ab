// A data set as the engine consumes it: features and targets as row-major float matrices,
// built from a table of text cells (a CSV file or an inline YAML table) that still knows
// where every cell was written, so that a bad value is reported at its line and column.
#ifndef NEURONLAB_DATA_DATASET_HPP
#define NEURONLAB_DATA_DATASET_HPP

#include <neuronlab/sdk/plugin.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace neuronlab::data {

// What the network predicts: a number (one output), yes/no (one output, target 0 or 1) or
// one of several classes (one output per class, one-hot target).
enum class Task { regression, binary, categorical };
const char* task_name(Task task);  // "regression", "binary", "categorical"
std::optional<Task> parse_task(std::string_view name);

// One cell as written, with its 1-based line and column in `RawTable::source`.
struct Cell {
  std::string text;
  std::size_t line = 0;
  std::size_t column = 0;
};

// A table before any typing. Readers guarantee that every row has header.size() cells.
struct RawTable {
  std::string source;  // the file, as messages name it
  std::vector<Cell> header;
  std::vector<std::vector<Cell>> rows;
};

// Which columns play which part, and where each choice was written ("iris.yaml:6:11"), for
// messages about it; without a place, messages name the table's source.
struct TableOptions {
  std::string target;                 // empty: the last column
  std::vector<std::string> features;  // empty: every column except the target
  std::optional<Task> task;           // empty: inferred, see to_dataset
  std::string where;                  // the choices as a whole (the task)
  std::string target_where;           // empty: where
  std::string features_where;         // empty: where
};

struct Dataset {
  Task task = Task::regression;
  std::vector<std::string> feature_names;
  std::string target_name;
  std::vector<std::string> class_names;  // binary: {negative, positive}; categorical: all
  std::size_t rows = 0;
  std::vector<float> x;  // (rows, features)
  std::vector<float> y;  // (rows, outputs): the value, 0/1, or one-hot

  std::size_t features() const { return feature_names.size(); }
  std::size_t outputs() const { return task == Task::categorical ? class_names.size() : 1; }
  ConstMatrixView x_view() const { return {x.data(), rows, features(), features()}; }
  ConstMatrixView y_view() const { return {y.data(), rows, outputs(), outputs()}; }
  // The same columns and classes with the given rows, in that order.
  Dataset select(const std::vector<std::size_t>& row_indices) const;
};

// Types the table. Feature columns must hold numbers. The task, when not given, is inferred
// from the target column: any value that is not a number makes it categorical, otherwise it
// is regression (a numeric target becomes binary or categorical only when the spec says so).
// Class order: text classes in order of first appearance; numeric classes in ascending
// numeric order, so that a 0/1 target keeps its meaning and digit k is class k. Binary needs
// exactly two classes: the first is 0 (negative), the second 1 (positive).
// Throws neuronlab::Error naming the cell (file:line:column, row, column name) or the option.
Dataset to_dataset(const RawTable& table, const TableOptions& options);

// The named columns of a table as a (rows, names.size()) matrix, for rows without a target
// (the rows given to a trained model); other columns are ignored. Errors as to_dataset's;
// `where` is where the names come from (a model file), for a missing column.
std::vector<float> feature_matrix(const RawTable& table, const std::vector<std::string>& names,
                                  const std::string& where = {});

// Labelled rows for a model that already knows its columns and classes (a test file for a
// saved model): the named features, and the target column typed for the task, each class
// matched to `classes` by its name (or, for numeric classes, by value), so that class k
// means what it meant in training whatever order the file lists them in. A class the model
// does not know is an error at its cell; `where` names the model, for a missing column.
Dataset labelled_rows(const RawTable& table, const std::vector<std::string>& features,
                      const std::string& target, Task task, const std::vector<std::string>& classes,
                      const std::string& where = {});

// A cell's text as a finite number ("+1.5", " 2e3 " are numbers; "", "nan", "1,5" are not).
std::optional<double> parse_number(std::string_view text);

}  // namespace neuronlab::data

#endif  // NEURONLAB_DATA_DATASET_HPP
