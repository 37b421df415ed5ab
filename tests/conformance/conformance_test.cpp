// Every built-in library passes the conformance checker, and a broken plugin does not. The
// loop runs over whatever the plugin directory holds, so a new built-in is checked without
// anyone adding a test.
#define BOOST_TEST_MODULE conformance
#include <neuronlab/check.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>

namespace fs = std::filesystem;

BOOST_AUTO_TEST_CASE(every_built_in_library_passes) {
  std::size_t libraries = 0, components = 0;
  for (const auto& entry : fs::directory_iterator(NEURONLAB_TEST_PLUGIN_DIR)) {
    ++libraries;
    auto results = neuronlab::check_library(entry.path());
    BOOST_TEST_REQUIRE(!results.empty());
    for (const auto& r : results) {
      BOOST_TEST(r.passed, entry.path().filename() << ": " << r.subject << ": " << r.detail);
      if (r.detail == "created with its default parameters") ++components;
    }
  }
  BOOST_TEST(libraries == 4u);
  // The catalog: 15 activations, 6 losses, 7 optimizers, 4 normalizations.
  BOOST_TEST(components == 32u);
}

namespace {
const neuronlab::CheckResult& find(const std::vector<neuronlab::CheckResult>& results,
                                   const std::string& subject, const std::string& detail_start) {
  auto it = std::find_if(results.begin(), results.end(), [&](const auto& r) {
    return r.subject == subject && r.detail.rfind(detail_start, 0) == 0;
  });
  BOOST_TEST_REQUIRE((it != results.end()), "no result '" << subject << ": " << detail_start);
  return *it;
}
}  // namespace

BOOST_AUTO_TEST_CASE(a_wrong_derivative_is_caught_with_the_worst_point) {
  auto results = neuronlab::check_library(BROKEN_PLUGIN);
  // The claimed derivative y differs from the true y·(1 − y) most where y is large: the
  // worst point is the largest input, x[3][0] ≈ 2.3, where y ≈ 0.91.
  const auto& moderate =
      find(results, "activation 'wrong_sigmoid'", "gradient at moderate inputs (|x| ~ 1)");
  BOOST_TEST(!moderate.passed);
  BOOST_TEST(moderate.detail ==
             "gradient at moderate inputs (|x| ~ 1): worst relative error 0.903 at x[3][0] "
             "(analytic 0.44989, numeric 0.0434442), 28 values checked");
  BOOST_TEST(!find(results, "activation 'wrong_sigmoid'", "gradient at large inputs").passed);
  BOOST_TEST(!find(results, "activation 'wrong_sigmoid'", "gradient at small inputs").passed);
  BOOST_TEST(find(results, "activation 'wrong_sigmoid'", "determinism").passed);
  BOOST_TEST(find(results, "activation 'wrong_sigmoid'", "finite values").passed);
}

BOOST_AUTO_TEST_CASE(an_optimizer_that_climbs_is_caught) {
  auto results = neuronlab::check_library(BROKEN_PLUGIN);
  const auto& descent = find(results, "optimizer 'ascent'", "descent");
  BOOST_TEST(!descent.passed);
  BOOST_TEST(descent.detail == "descent: the first step moves against the gradient (g·Δw = 2.42)");
  const auto& convergence = find(results, "optimizer 'ascent'", "convergence");
  BOOST_TEST(!convergence.passed);
  BOOST_TEST(convergence.detail ==
             "convergence on a convex quadratic: f went from 17.88 to inf in 2000 steps at "
             "learning rate 0.05 (the better of 0.05 and 0.5)");
  BOOST_TEST(find(results, "optimizer 'ascent'", "determinism").passed);
}

BOOST_AUTO_TEST_CASE(a_normalization_that_adds_to_its_gradients_is_caught) {
  auto results = neuronlab::check_library(BROKEN_PLUGIN);
  const std::string subject = "normalization 'accumulating_scale'";
  // One backward is right, so the gradient check passes; the second backward shows the bug.
  BOOST_TEST(find(results, subject, "gradient (input and parameters) at moderate").passed);
  const auto& overwrite = find(results, subject, "backward overwrites the parameter gradients");
  BOOST_TEST(!overwrite.passed);
  BOOST_TEST(overwrite.detail ==
             "backward overwrites the parameter gradients: a second backward after one forward "
             "changed weight[0] from 0.557714 to 1.11543 (backward must overwrite "
             "parameter(i).grad, not add to it)");
  BOOST_TEST(find(results, subject, "bind again: ").passed);
}

BOOST_AUTO_TEST_CASE(a_fault_off_the_default_is_caught_at_a_non_default_value) {
  auto results = neuronlab::check_library(BROKEN_PLUGIN);
  const std::string subject = "activation 'wrong_leaky'";
  for (const char* at_default : {"gradient at moderate", "gradient at large", "gradient at small"})
    BOOST_TEST(find(results, subject, at_default).passed, at_default);
  const auto& off = find(results, subject, "with negative_slope = ");
  BOOST_TEST(!off.passed);
  BOOST_TEST(off.detail ==
             "with negative_slope = 0.02 (default 0.01): gradient at moderate inputs (|x| ~ 1): "
             "worst relative error 0.5 at x[0][0] (analytic -0.00732247, numeric -0.0146451), 28 "
             "values checked");
  // A parameter the checks cannot fault still gets its own result.
  BOOST_TEST(
      !find(results, "optimizer 'ascent'", "with learning_rate = 0.2 (default 0.1): ").passed);
}

BOOST_AUTO_TEST_CASE(built_ins_pass_at_non_default_values_and_the_layer_contracts) {
  const fs::path dir = NEURONLAB_TEST_PLUGIN_DIR;
  auto optimizers = neuronlab::check_library(dir / "nl_optimizers.so");
  const auto& beta2 = find(optimizers, "optimizer 'adam'", "with beta2 = ");
  BOOST_TEST(beta2.passed);
  BOOST_TEST(beta2.detail == "with beta2 = 0.74925 (default 0.999): the same 3 checks pass");
  auto norms = neuronlab::check_library(dir / "nl_normalizations.so");
  for (const char* layer : {"normalization 'batch_norm'", "normalization 'layer_norm'"}) {
    BOOST_TEST(find(norms, layer,
                    "backward overwrites the parameter gradients: a second backward "
                    "after one forward gives the same gradients and dx")
                   .passed);
    BOOST_TEST(find(norms, layer, "bind again: rebound with a larger batch").passed);
  }
  BOOST_TEST(find(norms, "normalization 'batch_norm'",
                  "with momentum = 0.325 (default 0.1): the "
                  "same 7 checks pass")
                 .passed);
}
