// Epoch metrics by hand: loss, MSE, MAE and R² of a regression, accuracy of a categorical
// task, and ties going to the first maximum.
#define BOOST_TEST_MODULE engine_metrics
#include <boost/test/unit_test.hpp>

#include <neuronlab/engine/trainer.hpp>

#include "support.hpp"

using namespace neuronlab;
using namespace neuronlab::engine;

namespace {

// The metrics of a categorical batch of rows of 3 classes, at a loss of 1.
Metrics categorical(const std::vector<float>& probabilities, const std::vector<float>& targets) {
  return compute_metrics(data::Task::categorical, support::view(probabilities, 3),
                         support::view(targets, 3), 1.0);
}

}  // namespace

BOOST_AUTO_TEST_CASE(regression_metrics_by_hand) {
  const std::vector<float> p = {1, 2, 3}, t = {1, 2, 4};
  const Metrics r =
      compute_metrics(data::Task::regression, support::view(p, 1), support::view(t, 1), 0.5);
  BOOST_TEST(r.loss == 0.5);
  BOOST_TEST(*r.mse == 1.0 / 3.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(*r.mae == 1.0 / 3.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(*r.r2 == 1.0 - 9.0 / 42.0, boost::test_tools::tolerance(1e-12));  // SS_tot 42/9
  BOOST_TEST(!r.accuracy);
}

BOOST_AUTO_TEST_CASE(accuracy_by_hand_with_ties_to_the_first_maximum) {
  const Metrics c = categorical({0.7f, 0.2f, 0.1f, 0.3f, 0.3f, 0.4f}, {1, 0, 0, 0, 1, 0});
  BOOST_TEST(*c.accuracy == 0.5);
  BOOST_TEST(c.loss == 1.0);
  BOOST_TEST(!c.mse);
  // Ties go to the first maximum, of the prediction and of the target (a last-maximum rule
  // would get both rows wrong).
  BOOST_TEST(
      *categorical({0.4f, 0.4f, 0.2f, 0.2f, 0.4f, 0.4f}, {1, 0, 0, 0, 0.5f, 0.5f}).accuracy == 1.0);
}
