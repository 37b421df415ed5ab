// Shared by the activation and loss tests: the registry with the built plugins, the PyTorch
// fixtures, matrices that own their storage, and the comparison rule.
#ifndef NEURONLAB_TESTS_ACTIVATION_LOSS_FIXTURE_HPP
#define NEURONLAB_TESTS_ACTIVATION_LOSS_FIXTURE_HPP

#include <neuronlab/registry.hpp>

#include "support/reference.hpp"

#include <yaml-cpp/yaml.h>
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace fixture {

using neuronlab::test::absolute;
using neuronlab::test::close;
using neuronlab::test::relative;

inline const neuronlab::Registry& registry() { return neuronlab::test::built_in_registry(); }

inline YAML::Node load(const char* file) {
  return neuronlab::test::load_fixture("activation_loss", file);
}

inline neuronlab::ParamMap params(const YAML::Node& map) {
  return neuronlab::test::fixture_params(map);
}

// A row-major (rows, cols) float matrix whose rows lie `pad` floats apart beyond cols, so that
// a component ignoring the stride reads the padding (filled with NaN) and fails.
struct Matrix {
  std::size_t rows = 0, cols = 0, stride = 0;
  std::vector<float> data;

  Matrix(std::size_t r, std::size_t c, std::size_t pad = 0, float fill = 0.0f)
      : rows(r), cols(c), stride(c + pad), data(r * (c + pad), std::nanf("")) {
    for (std::size_t i = 0; i < rows; ++i)
      for (std::size_t j = 0; j < cols; ++j) at(i, j) = fill;
  }
  // From a YAML sequence of rows.
  explicit Matrix(const YAML::Node& node, std::size_t pad = 0)
      : Matrix(node.size(), node[0].size(), pad) {
    for (std::size_t i = 0; i < rows; ++i) {
      BOOST_TEST_REQUIRE(node[i].size() == cols);
      for (std::size_t j = 0; j < cols; ++j) at(i, j) = node[i][j].as<float>();
    }
  }
  float& at(std::size_t r, std::size_t c) { return data[r * stride + c]; }
  float at(std::size_t r, std::size_t c) const { return data[r * stride + c]; }
  neuronlab::MatrixView view() { return {data.data(), rows, cols, stride}; }
  neuronlab::ConstMatrixView cview() const { return {data.data(), rows, cols, stride}; }
  bool finite() const {
    for (std::size_t i = 0; i < rows; ++i)
      for (std::size_t j = 0; j < cols; ++j)
        if (!std::isfinite(at(i, j))) return false;
    return true;
  }
};

inline void check_close(const Matrix& actual, const YAML::Node& expected, const std::string& what) {
  BOOST_TEST_REQUIRE(expected.size() == actual.rows);
  for (std::size_t r = 0; r < actual.rows; ++r) {
    BOOST_TEST_REQUIRE(expected[r].size() == actual.cols);
    for (std::size_t c = 0; c < actual.cols; ++c) {
      const double want = expected[r][c].as<double>();
      BOOST_TEST(close(actual.at(r, c), want), what << "[" << r << "][" << c << "] = "
                                                    << actual.at(r, c) << ", PyTorch " << want);
    }
  }
}

}  // namespace fixture

#endif  // NEURONLAB_TESTS_ACTIVATION_LOSS_FIXTURE_HPP
