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
