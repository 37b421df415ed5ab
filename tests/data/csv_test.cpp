// CSV reading and typing: every error names its place, and the task and classes follow the
// documented rules.
#define BOOST_TEST_MODULE data_csv
#include <neuronlab/data/csv.hpp>
#include <neuronlab/error.hpp>

#include <boost/test/unit_test.hpp>

#include "support/errors.hpp"

using namespace neuronlab;
using namespace neuronlab::data;

namespace neuronlab::data {
std::ostream& operator<<(std::ostream& out, Task task) { return out << task_name(task); }
}  // namespace neuronlab::data

namespace {

std::string error_of(const std::string& text, const TableOptions& options = {}) {
  return neuronlab::test::error_of([&] { to_dataset(parse_csv(text, "t.csv"), options); });
}

}  // namespace

BOOST_AUTO_TEST_CASE(reads_numbers_and_a_text_target_as_categorical) {
  Dataset d = to_dataset(parse_csv("a,b,kind\n1,2.5,cat\n-3,+4,dog\n5e-1, 6 ,cat\n", "t.csv"), {});
  BOOST_TEST(d.task == Task::categorical);
  BOOST_TEST(d.rows == 3u);
  BOOST_TEST(d.feature_names == (std::vector<std::string>{"a", "b"}));
  BOOST_TEST(d.target_name == "kind");
  BOOST_TEST(d.class_names == (std::vector<std::string>{"cat", "dog"}));  // first appearance
  BOOST_TEST(d.x == (std::vector<float>{1, 2.5f, -3, 4, 0.5f, 6}));
  BOOST_TEST(d.y == (std::vector<float>{1, 0, 0, 1, 1, 0}));  // one-hot
}

BOOST_AUTO_TEST_CASE(numeric_target_is_regression_unless_told) {
  const char* text = "x,y\n1,3\n2,1\n3,3\n4,2\n";
  Dataset r = to_dataset(parse_csv(text, "t.csv"), {});
  BOOST_TEST(r.task == Task::regression);
  BOOST_TEST(r.y == (std::vector<float>{3, 1, 3, 2}));

  TableOptions categorical;
  categorical.task = Task::categorical;
  Dataset c = to_dataset(parse_csv(text, "t.csv"), categorical);
  // Numeric classes in ascending order, whatever order they appear in.
  BOOST_TEST(c.class_names == (std::vector<std::string>{"1", "2", "3"}));
  BOOST_TEST(c.y == (std::vector<float>{0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 1, 0}));
}

BOOST_AUTO_TEST_CASE(binary_keeps_zero_and_one) {
  TableOptions binary;
  binary.task = Task::binary;
  Dataset d = to_dataset(parse_csv("x,y\n1,1\n2,0\n3,1\n", "t.csv"), binary);
  BOOST_TEST(d.class_names == (std::vector<std::string>{"0", "1"}));
  BOOST_TEST(d.y == (std::vector<float>{1, 0, 1}));
  BOOST_TEST(d.outputs() == 1u);
}

BOOST_AUTO_TEST_CASE(chooses_target_and_features_by_name) {
  TableOptions options;
  options.target = "a";
  options.features = {"c"};
  Dataset d = to_dataset(parse_csv("a,b,c\n1,x,3\n2,y,4\n", "t.csv"), options);
  BOOST_TEST(d.feature_names == (std::vector<std::string>{"c"}));
  BOOST_TEST(d.x == (std::vector<float>{3, 4}));
  BOOST_TEST(d.y == (std::vector<float>{1, 2}));
}

BOOST_AUTO_TEST_CASE(quoted_fields_crlf_bom_and_blank_lines) {
  RawTable t = parse_csv("\xEF\xBB\xBFname,\"say \"\"hi\"\"\"\r\n\r\n\"a, b\",2\r\n", "t.csv");
  BOOST_TEST(t.header[1].text == "say \"hi\"");
  BOOST_TEST(t.rows.size() == 1u);
  BOOST_TEST(t.rows[0][0].text == "a, b");
  BOOST_TEST(t.rows[0][1].line == 3u);
  BOOST_TEST(t.rows[0][1].column == 8u);
}

BOOST_AUTO_TEST_CASE(errors_name_row_and_column) {
  BOOST_TEST(error_of("a,b,y\n1,2,3\n4,,6\n") ==
             "t.csv:3:3: row 2, column 'b': missing value (fill it in or remove the row; "
             "neuronlab does not guess values)");
  BOOST_TEST(error_of("a,b,y\n1,2,3\n4,five,6\n") ==
             "t.csv:3:3: row 2, column 'b': 'five' is not a number (feature columns must be "
             "numeric; leave this column out with features: [...])");
  BOOST_TEST(error_of("a,b,y\n1,2,3\n4,5\n") ==
             "t.csv:3:1: row 2 has 2 values but the header has 3 columns (look for a missing or "
             "an extra comma)");
  BOOST_TEST(error_of("") ==
             "t.csv: the file is empty (a CSV file starts with a header row naming the columns, "
             "then one row per observation)");
  BOOST_TEST(error_of("\n\n") ==
             "t.csv: the file is empty (a CSV file starts with a header row naming the columns, "
             "then one row per observation)");
  BOOST_TEST(error_of("a,b\n") ==
             "t.csv:1:1: the header row has no data rows below it (add one row per observation)");
  BOOST_TEST(error_of("a,a\n1,2\n") ==
             "t.csv:1:3: column 'a' appears twice in the header row (column names must be "
             "unique)");
  BOOST_TEST(error_of("a,,c\n1,2,3\n") ==
             "t.csv:1:3: column 2 has no name in the header row (every column needs a unique "
             "name)");
  BOOST_TEST(error_of("a,b\n\"1,2\n") ==
             "t.csv:2:1: quoted value is not closed (add the closing '\"')");
  BOOST_TEST(error_of("a,b,y\n1,nan,0\n") ==
             "t.csv:2:3: row 1, column 'b': 'nan' is not a number (feature columns must be "
             "numeric; leave this column out with features: [...])");
}

BOOST_AUTO_TEST_CASE(errors_about_column_choices) {
  TableOptions unknown;
  unknown.target = "specis";
  unknown.target_where = "run.yaml:5:11";
  BOOST_TEST(error_of("petal,species\n1,a\n2,b\n", unknown) ==
             "run.yaml:5:11: t.csv has no target column 'specis' (did you mean 'species'?); its "
             "columns are: petal, species");

  TableOptions regression;
  regression.task = Task::regression;
  BOOST_TEST(error_of("x,y\n1,2\n3,cat\n", regression) ==
             "t.csv:3:3: row 2, column 'y': 'cat' is not a number (a regression target must be "
             "numeric; for classes say task: categorical)");

  TableOptions binary;
  binary.task = Task::binary;
  binary.where = "run.yaml:3:3";
  BOOST_TEST(error_of("x,y\n1,a\n2,b\n3,c\n", binary) ==
             "run.yaml:3:3: task: binary needs exactly two distinct values in column 'y', found "
             "3: a, b, c (use task: categorical)");

  BOOST_TEST(error_of("x,y\n1,a\n2,a\n") ==
             "column 'y' holds a single class, 'a' (a classifier needs at least two classes to "
             "learn)");

  TableOptions overlap;
  overlap.features = {"x", "y"};
  overlap.features_where = "run.yaml:6:13";
  BOOST_TEST(error_of("x,y\n1,2\n", overlap) ==
             "run.yaml:6:13: column 'y' is the target; it cannot also be a feature (remove it "
             "from features)");
}

BOOST_AUTO_TEST_CASE(feature_matrix_picks_columns_by_name) {
  RawTable t = parse_csv("id,b,a\n7,2,1\n8,4,3\n", "in.csv");
  BOOST_TEST(feature_matrix(t, {"a", "b"}) == (std::vector<float>{1, 2, 3, 4}));
  std::string message;
  try {
    feature_matrix(t, {"petal"}, "model.yaml:4:11");
  } catch (const Error& e) {
    message = e.what();
  }
  BOOST_TEST(message ==
             "model.yaml:4:11: in.csv has no feature column 'petal'; its columns are: "
             "id, b, a");
}

BOOST_AUTO_TEST_CASE(reads_the_shipped_iris_file) {
  Dataset d = to_dataset(read_csv(NEURONLAB_TEST_SOURCE_DIR "/lessons/data/iris.csv"), {});
  BOOST_TEST(d.rows == 150u);
  BOOST_TEST(d.features() == 4u);
  BOOST_TEST(d.class_names == (std::vector<std::string>{"setosa", "versicolor", "virginica"}));
  BOOST_TEST(d.x[0] == 5.1f);
}

// A value that holds a terminal control code (ESC, here one that would clear the screen, or
// the one-byte CSI of C1) is refused at its place, before it can be printed.
BOOST_AUTO_TEST_CASE(terminal_control_codes_in_values_are_refused) {
  BOOST_TEST(error_of("x,label\n1,ok\n2,\x1b[2Jgone\n") ==
             "t.csv:3:3: the value holds the control character U+001B, a terminal control code "
             "that would act on the screen when it is printed (remove it; values are numbers "
             "and plain labels)");
  BOOST_TEST(error_of("x,\xc2\x9b"
                      "31mred\n1,a\n2,b\n") ==
             "t.csv:1:3: the value holds the control character U+009B, a terminal control code "
             "that would act on the screen when it is printed (remove it; values are numbers "
             "and plain labels)");
  // A tab inside a label and UTF-8 text stay what they are.
  BOOST_TEST(error_of("x,label\n1,caf\xc3\xa9\n2,a\tb\n") == "no error");
}
