// The built-in normalizations against PyTorch (batch_norm, layer_norm) and scikit-learn's
// definitions (standardize, min_max); fixtures written by
// tests/fixtures/gen_optimizer_normalization.py, plugins loaded through the registry.
#define BOOST_TEST_MODULE normalizations
#include <neuronlab/sdk/abi.h>
#include <neuronlab/registry.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstring>
#include <set>

#include "reference.hpp"

using neuronlab::ConstMatrixView;
using neuronlab::Kind;
using neuronlab::MatrixView;
using neuronlab::Normalization;
using neuronlab::Tensor;
using reference::registry;

namespace {

// A row-major matrix with two unused floats at the end of each row, so that every view the
// plugins receive has stride > cols.
struct Matrix {
  std::size_t rows, cols, stride;
  std::vector<float> data;
  Matrix(std::size_t r, std::size_t c) : rows(r), cols(c), stride(c + 2), data(r * stride, -7.0f) {}
  explicit Matrix(const YAML::Node& node) : Matrix(node.size(), node[0].size()) {
    for (std::size_t r = 0; r < rows; ++r) {
      std::vector<float> row = reference::floats(node[r]);
      BOOST_TEST_REQUIRE(row.size() == cols);
      std::copy(row.begin(), row.end(), data.begin() + long(r * stride));
    }
  }
  MatrixView view() { return {data.data(), rows, cols, stride}; }
  std::vector<float> dense() const {
    std::vector<float> out;
    for (std::size_t r = 0; r < rows; ++r)
      out.insert(out.end(), data.begin() + long(r * stride),
                 data.begin() + long(r * stride + cols));
    return out;
  }
  bool padding_intact() const {
    for (std::size_t r = 0; r < rows; ++r)
      for (std::size_t c = cols; c < stride; ++c)
        if (data[r * stride + c] != -7.0f) return false;
    return true;
  }
};

void check_matrix(const Matrix& actual, const YAML::Node& expected, const std::string& what) {
  BOOST_TEST(actual.padding_intact(), what << " was written past its columns");
  reference::check_close(actual.dense().data(), reference::flat(expected), what);
}

void check_tensor(const Tensor& actual, const float* values, const YAML::Node& expected) {
  const std::vector<double> want = reference::flat(expected);
  BOOST_TEST_REQUIRE(actual.size == want.size());
  reference::check_close(values, want, actual.name);
}

const char* const kLayer[] = {"batch_norm", "layer_norm"};
const char* const kData[] = {"standardize", "min_max"};

}  // namespace

BOOST_AUTO_TEST_CASE(every_normalization_is_registered_with_its_usage) {
  for (const char* name : kLayer) {
    const auto* info = registry().find(Kind::normalization, name);
    BOOST_TEST_REQUIRE(info != nullptr, name << " is not registered");
    BOOST_TEST(info->usage == std::uint32_t(NL_USAGE_LAYER), name);
  }
  for (const char* name : kData) {
    const auto* info = registry().find(Kind::normalization, name);
    BOOST_TEST_REQUIRE(info != nullptr, name << " is not registered");
    BOOST_TEST(info->usage == std::uint32_t(NL_USAGE_DATA), name);
  }
}

BOOST_AUTO_TEST_CASE(layer_defaults_equal_pytorch) {
  for (const auto& entry : reference::fixture("layer_normalization.yaml")["defaults"]) {
    const auto* info = registry().find(Kind::normalization, entry.first.as<std::string>());
    BOOST_TEST_REQUIRE(info != nullptr);
    BOOST_TEST(info->params.size() == entry.second.size(), info->name);
    for (const auto& p : entry.second) {
      const auto* param = info->param(p.first.as<std::string>());
      BOOST_TEST_REQUIRE(param != nullptr, info->name << " lacks " << p.first.as<std::string>());
      const double value = param->type == neuronlab::ParamType::boolean
                               ? (p.second.as<bool>() ? 1.0 : 0.0)
                               : p.second.as<double>();
      BOOST_TEST(param->default_value == value, info->name << "." << param->name);
    }
  }
  const auto* min_max = registry().find(Kind::normalization, "min_max");
  BOOST_TEST_REQUIRE(min_max != nullptr);
  BOOST_TEST(min_max->param("feature_range_min")->default_value == 0.0);
  BOOST_TEST(min_max->param("feature_range_max")->default_value == 1.0);
}

// One pass: forward, compare y; backward with dy, compare dx and the parameters' gradients;
// compare the running statistics. Neither call may allocate.
void run_pass(Normalization& norm, const YAML::Node& pass, bool training, bool affine) {
  Matrix x(pass["x"]), dy(pass["dy"]);
  Matrix y(x.rows, x.cols), dx(x.rows, x.cols);
  {
    neuronlab::test::Allocations allocations;
    norm.forward(x.view(), y.view(), training);
    norm.backward(dy.view(), dx.view());
    BOOST_TEST(allocations.seen() == 0u, "forward or backward allocated");
  }
  check_matrix(y, pass["y"], "y");
  check_matrix(dx, pass["dx"], "dx");
  BOOST_TEST_REQUIRE(norm.parameter_count() == (affine ? 2u : 0u));
  if (affine) {
    Tensor weight = norm.parameter(0), bias = norm.parameter(1);
    BOOST_TEST(std::strcmp(weight.name, "weight") == 0);
    BOOST_TEST(std::strcmp(bias.name, "bias") == 0);
    check_tensor({"weight_grad", nullptr, nullptr, weight.size}, weight.grad, pass["weight_grad"]);
    check_tensor({"bias_grad", nullptr, nullptr, bias.size}, bias.grad, pass["bias_grad"]);
  }
  if (pass["running_mean"]) {
    BOOST_TEST_REQUIRE(norm.state_count() == 2u);
    Tensor mean = norm.state(0), var = norm.state(1);
    BOOST_TEST(std::strcmp(mean.name, "running_mean") == 0);
    BOOST_TEST(std::strcmp(var.name, "running_var") == 0);
    check_tensor(mean, mean.value, pass["running_mean"]);
    check_tensor(var, var.value, pass["running_var"]);
  }
}

BOOST_AUTO_TEST_CASE(layer_normalizations_match_pytorch) {
  std::set<std::string> covered;
  for (const auto& c : reference::fixture("layer_normalization.yaml")["cases"]) {
    const std::string component = c["component"].as<std::string>();
    covered.insert(component);
    BOOST_TEST_CONTEXT("case " << c["name"].as<std::string>()) {
      auto norm = registry().create<Normalization>(component, reference::params(c["params"]));
      const std::size_t features = c["features"].as<std::size_t>();
      {
        // Everything is allocated here, through the counted operator new: so the count of
        // zero asserted for every pass does see the plugin's allocations.
        neuronlab::test::Allocations allocations;
        norm->bind(features, c["max_batch"].as<std::size_t>());
        BOOST_TEST(allocations.seen() > 0u, "bind allocated nothing");
      }
      const bool affine = bool(c["weight"]);
      if (affine) {
        // Initialised as PyTorch does (γ = 1, β = 0), then set to the fixture's values.
        Tensor weight = norm->parameter(0), bias = norm->parameter(1);
        BOOST_TEST_REQUIRE(weight.size == features);
        BOOST_TEST_REQUIRE(bias.size == features);
        BOOST_TEST(std::vector<float>(weight.value, weight.value + features) ==
                       std::vector<float>(features, 1.0f),
                   boost::test_tools::per_element());
        BOOST_TEST(std::vector<float>(bias.value, bias.value + features) ==
                       std::vector<float>(features, 0.0f),
                   boost::test_tools::per_element());
        const std::vector<float> w = reference::floats(c["weight"]),
                                 b = reference::floats(c["bias"]);
        std::copy(w.begin(), w.end(), weight.value);
        std::copy(b.begin(), b.end(), bias.value);
      }
      if (component == "batch_norm") {
        Tensor mean = norm->state(0), var = norm->state(1);
        BOOST_TEST(std::vector<float>(mean.value, mean.value + features) ==
                       std::vector<float>(features, 0.0f),
                   boost::test_tools::per_element());
        BOOST_TEST(std::vector<float>(var.value, var.value + features) ==
                       std::vector<float>(features, 1.0f),
                   boost::test_tools::per_element());
      } else {
        BOOST_TEST(norm->state_count() == 0u);
      }
      std::size_t n = 0;
      for (const auto& pass : c["train"]) BOOST_TEST_CONTEXT("training pass " << ++n) {
          run_pass(*norm, pass, true, affine);
        }
      n = 0;
      for (const auto& pass : c["eval"]) BOOST_TEST_CONTEXT("evaluation pass " << ++n) {
          run_pass(*norm, pass, false, affine);
        }
    }
  }
  for (const char* name : kLayer)
    BOOST_TEST(covered.count(name) == 1u, name << " has no reference");
}

BOOST_AUTO_TEST_CASE(batch_norm_refuses_to_train_on_one_row) {
  auto norm = registry().create<Normalization>("batch_norm", {});
  norm->bind(3, 4);
  Matrix x(1, 3), y(1, 3);
  try {
    norm->forward(x.view(), y.view(), true);
    BOOST_FAIL("a one-row training batch was accepted");
  } catch (const std::invalid_argument& e) {
    BOOST_TEST(std::string(e.what()) ==
               "batch_norm: training needs at least 2 rows per batch, got 1; the variance of a "
               "single value is undefined (use a batch size of 2 or more)");
  }
  norm->forward(x.view(), y.view(), false);  // evaluation uses the running statistics
}

BOOST_AUTO_TEST_CASE(layer_normalizations_check_shapes) {
  for (const char* name : kLayer) {
    auto norm = registry().create<Normalization>(name, {});
    norm->bind(3, 4);
    Matrix wide(2, 4), too_many(5, 3), ok(2, 3), out(2, 3);
    BOOST_CHECK_THROW(norm->forward(wide.view(), wide.view(), true), std::logic_error);
    BOOST_CHECK_THROW(norm->forward(too_many.view(), too_many.view(), true), std::logic_error);
    BOOST_CHECK_THROW(norm->backward(ok.view(), out.view()), std::logic_error);  // no forward
  }
}

BOOST_AUTO_TEST_CASE(data_normalizations_match_scikit_learn) {
  const YAML::Node file = reference::fixture("data_normalization.yaml");
  std::set<std::string> covered;
  for (const auto& c : file["cases"]) {
    const std::string component = c["component"].as<std::string>();
    covered.insert(component);
    BOOST_TEST_CONTEXT("case " << c["name"].as<std::string>()) {
      auto norm = registry().create<Normalization>(component, reference::params(c["params"]));
      Matrix fit(file["fit"]), x(file["x"]);
      Matrix y(x.rows, x.cols);
      norm->fit(fit.view());
      norm->transform(x.view(), y.view());
      check_matrix(y, c["y"], "y");
      BOOST_TEST_REQUIRE(norm->state_count() == c["state"].size());
      std::size_t i = 0;
      for (const auto& entry : c["state"]) {
        Tensor state = norm->state(i++);
        BOOST_TEST(state.name == entry.first.as<std::string>());
        check_tensor(state, state.value, entry.second);
      }
      // In place, as the host may transform its own buffer.
      norm->transform(x.view(), x.view());
      check_matrix(x, c["y"], "y in place");
    }
  }
  for (const char* name : kData) BOOST_TEST(covered.count(name) == 1u, name << " has no reference");
}

BOOST_AUTO_TEST_CASE(data_normalizations_need_fit_first) {
  for (const char* name : kData) {
    auto norm = registry().create<Normalization>(name, {});
    Matrix x(2, 3), y(2, 3);
    BOOST_CHECK_THROW(norm->transform(x.view(), y.view()), std::logic_error);
    norm->fit(x.view());
    Matrix wide(2, 4);
    BOOST_CHECK_THROW(norm->transform(wide.view(), wide.view()), std::logic_error);
  }
}

BOOST_AUTO_TEST_CASE(min_max_needs_an_increasing_range) {
  neuronlab::ParamMap reversed{{"feature_range_min", {1.0, ""}}, {"feature_range_max", {0.0, ""}}};
  try {
    registry().create<Normalization>("min_max", reversed);
    BOOST_FAIL("a reversed range was accepted");
  } catch (const neuronlab::ParameterError& e) {  // the user's mistake, not a plugin fault
    const std::string message = e.what();
    BOOST_TEST(message.rfind("normalization 'min_max': min_max: feature_range_min (1) must be "
                             "smaller than feature_range_max (0)\n  hint: the rule comes from ",
                             0) == 0u,
               message);
  }
}
