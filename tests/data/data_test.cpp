// Generators, splits and input normalization: shapes, exact values where the definition
// gives them, determinism for a seed, balance between classes, and statistics taken from
// the training rows only.
#define BOOST_TEST_MODULE data_sets
#include <neuronlab/data/generate.hpp>
#include <neuronlab/data/split.hpp>
#include <neuronlab/experiment/experiment.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "support/errors.hpp"

using namespace neuronlab;
using namespace neuronlab::data;
namespace tt = boost::test_tools;

namespace {

// A generator parameter as a test writes it: name, number, where.
struct Arg {
  std::string name;
  double value;
  std::string where;
};

Dataset generated(const std::string& name, const std::vector<Arg>& args, std::uint64_t seed,
                  const std::string& where = {}) {
  ParamMap params;
  for (const Arg& a : args) params.emplace_back(a.name, ParamValue{a.value, a.where});
  return data::generate(name, params, seed, where);
}

// Rows per class: binary from the 0/1 target, categorical from the one-hot columns.
std::vector<std::size_t> class_counts(const Dataset& d) {
  std::vector<std::size_t> counts(d.task == Task::binary ? 2 : d.outputs(), 0);
  for (std::size_t r = 0; r < d.rows; ++r) {
    if (d.task == Task::binary) {
      ++counts[d.y[r] > 0.5f ? 1 : 0];
    } else {
      const float* row = &d.y[r * d.outputs()];
      ++counts[std::size_t(std::max_element(row, row + d.outputs()) - row)];
    }
  }
  return counts;
}

void check_close(const std::vector<float>& got, const std::vector<float>& want) {
  BOOST_REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) BOOST_TEST(got[i] == want[i], tt::tolerance(1e-6f));
}

std::string error_of(const std::string& name, const std::vector<Arg>& args) {
  return neuronlab::test::error_of([&] { generated(name, args, 0, "g.yaml:2:7"); });
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_generator_has_its_shape) {
  struct Shape {
    const char* name;
    Task task;
    std::size_t rows, features, outputs;
  };
  const Shape shapes[] = {
      {"and", Task::binary, 4, 2, 1},          {"or", Task::binary, 4, 2, 1},
      {"xor", Task::binary, 4, 2, 1},          {"circles", Task::binary, 200, 2, 1},
      {"moons", Task::binary, 200, 2, 1},      {"spiral", Task::categorical, 300, 2, 3},
      {"blobs", Task::categorical, 150, 2, 3}, {"line", Task::regression, 100, 1, 1},
      {"plane", Task::regression, 100, 2, 1},  {"sine", Task::regression, 200, 1, 1},
  };
  BOOST_TEST(generators().size() == std::size(shapes));
  for (const Shape& s : shapes) {
    BOOST_TEST_CONTEXT(s.name) {
      Dataset d = generated(s.name, {}, 1);
      BOOST_TEST((d.task == s.task));
      BOOST_TEST(d.rows == s.rows);
      BOOST_TEST(d.features() == s.features);
      BOOST_TEST(d.outputs() == s.outputs);
      BOOST_TEST(d.x.size() == s.rows * s.features);
      BOOST_TEST(d.y.size() == s.rows * s.outputs);
    }
  }
}

BOOST_AUTO_TEST_CASE(gates_are_their_truth_tables) {
  const std::vector<float> inputs = {0, 0, 0, 1, 1, 0, 1, 1};
  BOOST_TEST(generated("xor", {}, 5).x == inputs);
  BOOST_TEST(generated("xor", {}, 5).y == (std::vector<float>{0, 1, 1, 0}));
  BOOST_TEST(generated("and", {}, 5).y == (std::vector<float>{0, 0, 0, 1}));
  BOOST_TEST(generated("or", {}, 5).y == (std::vector<float>{0, 1, 1, 1}));
  // More samples cycle the table; noise moves the inputs but never the answers.
  Dataset noisy = generated("xor", {{"samples", 8, ""}, {"noise", 0.1, ""}}, 5);
  BOOST_TEST(noisy.y == (std::vector<float>{0, 1, 1, 0, 0, 1, 1, 0}));
  BOOST_TEST(noisy.x != (std::vector<float>{0, 0, 0, 1, 1, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 1}));
  for (std::size_t i = 0; i < noisy.x.size(); ++i)
    BOOST_TEST(std::abs(noisy.x[i] - inputs[i % 8]) < 0.6f);
}

BOOST_AUTO_TEST_CASE(noise_free_shapes_follow_their_formulas) {
  Dataset circles = generated("circles", {{"samples", 10, ""}, {"factor", 0.3, ""}}, 1);
  for (std::size_t r = 0; r < circles.rows; ++r) {
    double radius = std::hypot(circles.x[2 * r], circles.x[2 * r + 1]);
    BOOST_TEST(radius == (circles.y[r] == 0 ? 1.0 : 0.3), tt::tolerance(1e-6));
  }
  Dataset line = generated("line", {{"slope", -3, ""}, {"intercept", 0.5, ""}}, 2);
  for (std::size_t r = 0; r < line.rows; ++r) {
    BOOST_TEST(std::abs(line.y[r] - (-3.0f * line.x[r] + 0.5f)) < 1e-6f);
    BOOST_TEST(std::abs(line.x[r]) <= 1.0f);
  }
  Dataset plane = generated("plane", {}, 3);
  for (std::size_t r = 0; r < plane.rows; ++r)
    BOOST_TEST(std::abs(plane.y[r] - (1.5f * plane.x[2 * r] - 2.0f * plane.x[2 * r + 1] + 0.5f)) <
               1e-6f);
  Dataset sine = generated("sine", {{"periods", 2, ""}}, 4);
  for (std::size_t r = 0; r < sine.rows; ++r) {
    BOOST_TEST(std::abs(sine.y[r] - std::sin(sine.x[r])) < 1e-6f);
    BOOST_TEST(std::abs(sine.x[r]) <= 2 * 3.1415927f);
  }
  // moons: the upper moon's first point is (1, 0), the lower moon's first is (0, 0.5).
  Dataset moons = generated("moons", {{"samples", 6, ""}}, 1);
  BOOST_TEST(moons.x[0] == 1.0f);
  BOOST_TEST(moons.x[1] == 0.0f);
  BOOST_TEST(moons.x[6] == 0.0f);
  BOOST_TEST(moons.x[7] == 0.5f);
}

BOOST_AUTO_TEST_CASE(same_seed_same_rows_other_seed_other_rows) {
  for (const char* name : {"circles", "moons", "spiral", "blobs", "line", "plane", "sine"}) {
    BOOST_TEST_CONTEXT(name) {
      std::vector<Arg> args = {{"noise", 0.1, ""}};
      Dataset a = generated(name, args, 11), b = generated(name, args, 11),
              c = generated(name, args, 12);
      BOOST_TEST(a.x == b.x);
      BOOST_TEST(a.y == b.y);
      BOOST_TEST((a.x != c.x || a.y != c.y));
    }
  }
}

BOOST_AUTO_TEST_CASE(classes_are_balanced) {
  BOOST_TEST(class_counts(generated("circles", {}, 1)) == (std::vector<std::size_t>{100, 100}));
  BOOST_TEST(class_counts(generated("moons", {{"samples", 101, ""}}, 1)) ==
             (std::vector<std::size_t>{50, 51}));
  BOOST_TEST(class_counts(generated("spiral", {}, 1)) == (std::vector<std::size_t>{100, 100, 100}));
  BOOST_TEST(class_counts(generated("spiral", {{"samples", 301, ""}, {"classes", 3, ""}}, 1)) ==
             (std::vector<std::size_t>{101, 100, 100}));
  BOOST_TEST(class_counts(generated("blobs", {{"classes", 5, ""}}, 1)) ==
             (std::vector<std::size_t>{30, 30, 30, 30, 30}));
  BOOST_TEST(generated("spiral", {{"classes", 4, ""}}, 1).class_names ==
             (std::vector<std::string>{"0", "1", "2", "3"}));
}

BOOST_AUTO_TEST_CASE(generator_arguments_are_checked) {
  BOOST_TEST(error_of("xor", {{"samples", 10.5, "g.yaml:3:12"}}) ==
             "g.yaml:3:12: parameter 'samples' of generator 'xor' must be a whole number in [1, "
             "1000000], not 10.5");
  BOOST_TEST(error_of("circles", {{"factor", 1.5, "g.yaml:3:12"}}) ==
             "g.yaml:3:12: parameter 'factor' of generator 'circles' is 1.5, outside its range "
             "[0.01, 0.99]\n  hint: inner radius as a fraction of the outer one");
  BOOST_TEST(error_of("moon", {}) ==
             "g.yaml:2:7: unknown generator 'moon' (did you mean 'moons'?); the generators are: "
             "and, or, xor, circles, moons, spiral, blobs, line, plane, sine");
}

BOOST_AUTO_TEST_CASE(split_is_a_seeded_partition) {
  Dataset d = generated("blobs", {{"samples", 150, ""}}, 1);
  Split a = split(d, 0.2, 0.1, 42), b = split(d, 0.2, 0.1, 42), c = split(d, 0.2, 0.1, 43);
  BOOST_TEST(a.test_rows.size() == 30u);  // ceil(0.2 · 150)
  BOOST_TEST(a.validation_rows.size() == 15u);
  BOOST_TEST(a.train_rows.size() == 105u);
  BOOST_TEST(a.train_rows == b.train_rows);
  BOOST_TEST(a.test_rows == b.test_rows);
  BOOST_TEST(a.test_rows != c.test_rows);
  std::vector<std::size_t> all = a.train_rows;
  all.insert(all.end(), a.validation_rows.begin(), a.validation_rows.end());
  all.insert(all.end(), a.test_rows.begin(), a.test_rows.end());
  std::sort(all.begin(), all.end());
  std::vector<std::size_t> expected(150);
  std::iota(expected.begin(), expected.end(), std::size_t{0});
  BOOST_TEST(all == expected);
  // The parts hold the rows their indices name.
  const std::size_t r = a.test_rows[3];
  BOOST_TEST(a.test.x[6] == d.x[2 * r]);
  BOOST_TEST(a.test.x[7] == d.x[2 * r + 1]);
  BOOST_TEST(a.test.y[9] == d.y[3 * r]);

  Split ordered = split(d, 0.2, 0.0, 42, false);
  BOOST_TEST(ordered.train_rows.front() == 0u);
  BOOST_TEST(ordered.test_rows.front() == 120u);  // without shuffling the last rows are test
  BOOST_TEST(ordered.test_rows.back() == 149u);

  Dataset tiny = generated("xor", {}, 0);
  try {
    split(tiny, 0.5, 0.3, 1, true, "t.yaml:3:3");
    BOOST_FAIL("a split without training rows was accepted");
  } catch (const Error& e) {
    BOOST_TEST(std::string(e.what()) ==
               "t.yaml:3:3: test_split 0.5 and validation_split 0.3 hold out 4 of 4 rows, leaving "
               "none to train on (use smaller fractions or more data)");
  }
}

BOOST_AUTO_TEST_CASE(input_normalization_is_fit_on_training_rows_only) {
  // Without shuffling the last row (100) is the test row; the statistics must come from
  // 1, 2, 3, 4 alone: mean 2.5, population std sqrt(1.25).
  const std::string yaml = R"(format_version: 1
data:
  inline: {columns: [x, y], rows: [[1, 0], [2, 1], [3, 0], [4, 1], [100, 0]]}
  test_split: 0.2
  shuffle: false
normalize: NORMALIZATION
network:
  layers: [{neurons: 1, activation: relu}]
)";
  Registry registry;
  registry.load_directories({NEURONLAB_TEST_PLUGIN_DIR});
  auto prepared = [&](const std::string& normalization) {
    std::string text = yaml;
    text.replace(text.find("NORMALIZATION"), 13, normalization);
    experiment::Experiment e = experiment::parse_experiment(text, "n.yaml", ".");
    return experiment::bind(e, registry);
  };

  experiment::BoundExperiment z = prepared("standardize");
  const float s = std::sqrt(1.25f);
  check_close(z.split.train.x, {-1.5f / s, -0.5f / s, 0.5f / s, 1.5f / s});
  BOOST_REQUIRE(z.split.test.rows == 1u);
  BOOST_TEST(z.split.test.x[0] == (100.0f - 2.5f) / s, tt::tolerance(1e-6f));  // 87.2064

  experiment::BoundExperiment m = prepared("{name: min_max, feature_range_min: -1}");
  check_close(m.split.train.x, {-1.0f, -1.0f / 3, 1.0f / 3, 1.0f});
  BOOST_TEST(m.split.test.x[0] == 65.0f, tt::tolerance(1e-6f));  // -1 + 2·(100 - 1)/3

  try {
    prepared("batch_norm");
    BOOST_FAIL("a layer normalization was accepted for the inputs");
  } catch (const Error& e) {
    BOOST_TEST(std::string(e.what()) ==
               "n.yaml:6:12: normalization 'batch_norm' works inside a network, not on input data "
               "(put it in a layer as normalization: batch_norm; to normalize inputs use min_max, "
               "standardize)");
  }
}
