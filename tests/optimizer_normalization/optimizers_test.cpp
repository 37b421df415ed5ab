// The built-in optimizers against torch.optim trajectories (fixture written by
// tests/fixtures/gen_optimizer_normalization.py), loaded through the registry.
#define BOOST_TEST_MODULE optimizers
#include <neuronlab/registry.hpp>

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <set>
#include <utility>

#include "../../plugins/optimizer/state.hpp"
#include "reference.hpp"
#include "support/errors.hpp"

using neuronlab::Kind;
using neuronlab::Optimizer;
using neuronlab::ParamMap;
using neuronlab::Tensor;
using reference::registry;

namespace {

const char* const kOptimizers[] = {"sgd", "adagrad", "rmsprop", "adam", "adamw", "adamax", "nadam"};

const YAML::Node& optimizers() {
  static const YAML::Node node = reference::fixture("optimizers.yaml");
  return node;
}

// The parameter tensors of one run and their gradients, as the optimizer sees them.
struct Model {
  std::vector<std::vector<float>> values, grads;
  std::vector<Tensor> tensors;

  explicit Model(const YAML::Node& initial) {
    for (const auto& tensor : initial) {
      values.push_back(reference::floats(tensor));
      grads.emplace_back(values.back().size(), 0.0f);
    }
    for (std::size_t t = 0; t < values.size(); ++t)
      tensors.push_back({"w", values[t].data(), grads[t].data(), values[t].size()});
  }
  void set_gradients(const YAML::Node& step) {
    for (std::size_t t = 0; t < grads.size(); ++t) {
      std::vector<float> g = reference::floats(step[t]);
      BOOST_TEST_REQUIRE(g.size() == grads[t].size());
      std::copy(g.begin(), g.end(), grads[t].begin());
    }
  }
};

std::string error_of(const std::string& name, const ParamMap& params) {
  return neuronlab::test::error_of([&] { registry().create<Optimizer>(name, params); });
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_optimizer_is_registered) {
  for (const char* name : kOptimizers)
    BOOST_TEST(registry().find(Kind::optimizer, name) != nullptr, name << " is not registered");
}

// Every parameter a plugin offers has PyTorch's default, under the plugin's name; only sgd's
// learning rate, which PyTorch requires, is the plugin's own choice.
BOOST_AUTO_TEST_CASE(defaults_equal_pytorch) {
  for (const auto& entry : optimizers()["defaults"]) {
    const std::string name = entry.first.as<std::string>();
    BOOST_TEST_CONTEXT("optimizer " << name) {
      const neuronlab::ComponentInfo* info = registry().find(Kind::optimizer, name);
      BOOST_TEST_REQUIRE(info != nullptr);
      std::set<std::string> expected;
      for (const auto& p : entry.second) {
        const std::string key = p.first.as<std::string>();
        expected.insert(key);
        const neuronlab::ParamInfo* param = info->param(key);
        BOOST_TEST_REQUIRE(param != nullptr, "no parameter " << key);
        const double value = param->type == neuronlab::ParamType::boolean
                                 ? (p.second.as<bool>() ? 1.0 : 0.0)
                                 : p.second.as<double>();
        BOOST_TEST(param->default_value == value, key);
      }
      for (const auto& param : info->params) {
        if (name == "sgd" && param.name == "learning_rate") {
          BOOST_TEST(param.default_value == 0.01);
          continue;
        }
        BOOST_TEST(expected.count(param.name) == 1u, param.name << " has no PyTorch default");
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(trajectories_match_pytorch) {
  std::set<std::string> covered;
  for (const auto& c : optimizers()["cases"]) {
    const std::string name = c["name"].as<std::string>();
    const std::string optimizer = c["optimizer"].as<std::string>();
    covered.insert(optimizer);
    BOOST_TEST_CONTEXT("case " << name) {
      auto opt = registry().create<Optimizer>(optimizer, reference::params(c["params"]));
      Model model(optimizers()["initial"]);
      {
        // State is allocated here, through the counted operator new: so the count of zero
        // asserted for every step below does see the plugin's allocations.
        neuronlab::test::Allocations allocations;
        opt->bind(model.tensors.data(), model.tensors.size());
        BOOST_TEST(allocations.seen() > 0u, "bind allocated nothing");
      }
      const YAML::Node& gradients = optimizers()["gradients"];
      const YAML::Node& expected = c["expected"];
      BOOST_TEST_REQUIRE(expected.size() == gradients.size());
      for (std::size_t step = 0; step < expected.size(); ++step) {
        if (c["learning_rates"]) opt->set_learning_rate(c["learning_rates"][step].as<double>());
        model.set_gradients(gradients[step]);
        {
          neuronlab::test::Allocations allocations;
          opt->step(model.tensors.data(), model.tensors.size());
          BOOST_TEST(allocations.seen() == 0u, "step " << step + 1 << " allocated");
        }
        for (std::size_t t = 0; t < model.values.size(); ++t)
          reference::check_close(
              model.values[t].data(), reference::flat(expected[step][t]),
              "step " + std::to_string(step + 1) + " tensor " + std::to_string(t));
      }
    }
  }
  for (const char* name : kOptimizers)
    BOOST_TEST(covered.count(name) == 1u, name << " has no reference trajectory");
}

// A large tensor goes through other code than a small one: split between threads (for_ranges,
// from 2^16 elements with OpenMP) and, in Adam and AdamW, walked in blocks with a prefetch
// (adam_step.hpp, from 2^14 elements per slice). Each must give the bits of the same elements
// updated as tensors too small for either: 70,001 values (whose last block is partial, of 113
// on one thread, 56 and 57 on two) against the same values in 71 tensors of at most 1,000.
BOOST_AUTO_TEST_CASE(a_large_tensor_gets_the_bits_of_small_ones) {
  constexpr std::size_t kSize = 70001, kPiece = 1000;
  std::vector<float> initial(kSize);
  for (std::size_t i = 0; i < kSize; ++i) initial[i] = float(std::sin(0.37 * double(i)));
  const auto gradient = [](std::size_t i, int step) {
    return float(std::cos(0.11 * double(i) + step)) * (i % 7 == 0 ? 1e-3f : 1.0f);
  };
  const std::pair<const char*, ParamMap> cases[] = {
      {"adam", {}},
      {"adam", reference::params(YAML::Load("{amsgrad: true, weight_decay: 0.01}"))},
      {"adamw", {}},
      {"sgd", reference::params(YAML::Load("{momentum: 0.9}"))},
      {"adagrad", {}},
      {"rmsprop", {}},
      {"adamax", {}},
      {"nadam", {}}};
  for (const auto& [optimizer, params] : cases) {
    BOOST_TEST_CONTEXT(optimizer << " " << params.size() << " settings") {
      std::vector<float> large = initial, large_grad(kSize), small = initial, small_grad(kSize);
      const Tensor whole{"w", large.data(), large_grad.data(), kSize};
      std::vector<Tensor> pieces;
      for (std::size_t first = 0; first < kSize; first += kPiece)
        pieces.push_back({"w", small.data() + first, small_grad.data() + first,
                          std::min(kPiece, kSize - first)});
      auto one = registry().create<Optimizer>(optimizer, params);
      auto many = registry().create<Optimizer>(optimizer, params);
      one->bind(&whole, 1);
      many->bind(pieces.data(), pieces.size());
      for (int step = 0; step < 3; ++step) {
        for (std::size_t i = 0; i < kSize; ++i) large_grad[i] = small_grad[i] = gradient(i, step);
        one->step(&whole, 1);
        many->step(pieces.data(), pieces.size());
      }
      BOOST_TEST(large != initial);
      std::size_t differing = 0;
      for (std::size_t i = 0; i < kSize; ++i) differing += large[i] != small[i];
      BOOST_TEST(differing == 0u);
    }
  }
}

// As in PyTorch, a tensor without a gradient is left alone and its state does not advance.
BOOST_AUTO_TEST_CASE(a_tensor_without_gradient_is_skipped) {
  for (const char* optimizer : kOptimizers) {
    BOOST_TEST_CONTEXT(optimizer) {
      auto opt = registry().create<Optimizer>(optimizer, {});
      Model model(optimizers()["initial"]);
      const std::vector<float> frozen = model.values[1];
      opt->bind(model.tensors.data(), model.tensors.size());
      model.set_gradients(optimizers()["gradients"][0]);
      model.tensors[1].grad = nullptr;
      opt->step(model.tensors.data(), model.tensors.size());
      BOOST_TEST(model.values[1] == frozen, boost::test_tools::per_element());
      BOOST_TEST(model.values[0] != reference::floats(optimizers()["initial"][0]));
    }
  }
}

// A first moment below FLT_MIN is stored as 0 (state.hpp's flush_subnormal: subnormal floats
// are slow on x86). A gradient of 2e-38 gives m = 0.1 · 2e-38, subnormal: the weight at 0 stays
// at 0, where PyTorch, which keeps the subnormal, moves it by lr / 0.1 · 2e-39 / eps = 2e-33.
// The weight beside it, whose moments are normal, moves as usual.
BOOST_AUTO_TEST_CASE(a_subnormal_first_moment_is_stored_as_zero) {
  for (const char* optimizer : {"adam", "adamw", "adamax"}) {
    BOOST_TEST_CONTEXT(optimizer) {
      auto opt = registry().create<Optimizer>(optimizer, {});
      std::vector<float> value = {0.0f, 0.5f}, grad = {2e-38f, 0.1f};
      const Tensor tensor{"w", value.data(), grad.data(), value.size()};
      opt->bind(&tensor, 1);
      for (int step = 0; step < 3; ++step) opt->step(&tensor, 1);
      BOOST_TEST(value[0] == 0.0f);
      BOOST_TEST(value[1] < 0.5f);
    }
  }
}

// The bias corrections' powers stop calling pow once β^t ≤ 2^-54; 1 − β^t, and its root, keep
// every bit of std::pow's, through the point where pow underflows (β = 0.5 from t = 1075).
BOOST_AUTO_TEST_CASE(decaying_powers_give_the_bits_of_pow) {
  for (const double beta : {0.0, 0.5, 0.9, 0.99, 0.999}) {
    BOOST_TEST_CONTEXT("beta " << beta) {
      neuronlab::optim::DecayingPower power(beta);
      long differ = 0;
      for (long step = 1; step <= 200000; ++step) {
        const double t = double(step);
        const double p = power.at(t), exact = std::pow(beta, t);
        differ += (1.0 - p != 1.0 - exact) || (std::sqrt(1.0 - p) != std::sqrt(1.0 - exact));
      }
      BOOST_TEST(differ == 0);
    }
  }
}

BOOST_AUTO_TEST_CASE(step_checks_it_gets_the_bound_tensors) {
  auto opt = registry().create<Optimizer>("adam", {});
  Model model(optimizers()["initial"]);
  opt->bind(model.tensors.data(), model.tensors.size());
  BOOST_CHECK_THROW(opt->step(model.tensors.data(), 1), std::logic_error);
  model.tensors[1].size = 3;
  BOOST_CHECK_THROW(opt->step(model.tensors.data(), 2), std::logic_error);
}

BOOST_AUTO_TEST_CASE(nesterov_needs_momentum_and_no_dampening) {
  auto flag = [](bool b) { return neuronlab::ParamValue{b, ""}; };
  auto number = [](double d) { return neuronlab::ParamValue{d, ""}; };
  const std::string without_momentum = error_of("sgd", {{"nesterov", flag(true)}});
  BOOST_TEST(without_momentum.rfind(
                 "optimizer 'sgd': sgd: nesterov needs momentum > 0 and dampening = 0 (got "
                 "momentum = 0, dampening = 0); set momentum (e.g. 0.9) and dampening 0, or turn "
                 "nesterov off\n  hint: the rule comes from ",
                 0) == 0u,
             without_momentum);
  const std::string with_dampening = error_of(
      "sgd", {{"nesterov", flag(true)}, {"momentum", number(0.9)}, {"dampening", number(0.5)}});
  BOOST_TEST(with_dampening.rfind("optimizer 'sgd': sgd: nesterov needs momentum > 0 and "
                                  "dampening = 0 (got momentum = 0.9, dampening = 0.5); set "
                                  "momentum (e.g. 0.9) and dampening 0, or turn nesterov off\n",
                                  0) == 0u,
             with_dampening);
  BOOST_TEST(error_of("sgd", {{"nesterov", flag(true)}, {"momentum", number(0.9)}}) == "no error");
}
