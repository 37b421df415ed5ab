// After warm-up a training step allocates nothing: forward, loss, backward, clipping, weight
// decay and the optimizer, through every optimizer in the registry and both layer
// normalizations. Allocations (tests/support) counts operator new and, outside
// AddressSanitizer builds, malloc, which is where Eigen takes its temporaries from.
#define BOOST_TEST_MODULE engine_allocations
#include <boost/test/unit_test.hpp>

#include <neuronlab/engine/trainer.hpp>

#include <cmath>
#include <cstdlib>

#include "support.hpp"
#include "support/allocations.hpp"

using neuronlab::test::Allocations;

using namespace neuronlab;
using namespace neuronlab::engine;

BOOST_AUTO_TEST_CASE(the_counters_count) {
  std::vector<float>* p = nullptr;
  {
    Allocations counted;
    p = new std::vector<float>(100);
    BOOST_TEST(counted.news() == 2u);  // the vector object and its buffer
  }
  delete p;
  if (neuronlab::test::counts_malloc) {
    void* volatile q = nullptr;
    {
      Allocations counted;
      q = std::malloc(64);
      BOOST_TEST(counted.mallocs() == 1u);
    }
    std::free(q);
  }
}

BOOST_AUTO_TEST_CASE(training_steps_allocate_nothing_after_warm_up) {
  const std::size_t rows = 64, batch = 16;
  const std::vector<float> x = support::uniform(rows * 8, -1.0, 1.0, 1);
  std::vector<float> y(rows * 4, 0.0f);
  for (std::size_t r = 0; r < rows; ++r) y[r * 4 + r % 4] = 1.0f;

  for (const std::string& optimizer : support::names(Kind::optimizer)) {
    BOOST_TEST_CONTEXT("optimizer " << optimizer) {
      // 64 × 64 is past Eigen's small-product path, into its blocked matrix product.
      Network network(support::network(8, {support::layer(64, "relu", "batch_norm"),
                                           support::layer(32, "tanh", "layer_norm"),
                                           support::layer(4, "softmax")}),
                      support::registry(), 2);
      TrainingOptions o;
      o.batch_size = batch;
      o.task = data::Task::categorical;
      o.loss = "categorical_cross_entropy";
      o.optimizer = optimizer;
      o.clip_grad_norm = 1.0;
      o.weight_decay = 1e-4;
      Trainer trainer(network, support::registry(), o);
      auto rows_at = [&](const std::vector<float>& m, std::size_t cols, std::size_t first,
                         std::size_t count) {
        return ConstMatrixView(m.data() + first * cols, count, cols, cols);
      };
      trainer.step(rows_at(x, 8, 0, batch), rows_at(y, 4, 0, batch));  // warm-up

      double loss = 0.0;
      Allocations counted;
      for (std::size_t step = 0; step < 40; ++step) {
        const std::size_t first = (step * batch) % rows;
        const std::size_t count = step % 5 == 4 ? 10 : batch;  // a smaller batch too
        loss = trainer.step(rows_at(x, 8, first, count), rows_at(y, 4, first, count));
      }
      BOOST_TEST(counted.news() == 0u);
      BOOST_TEST(counted.mallocs() == 0u);
      BOOST_TEST(std::isfinite(loss));
    }
  }
  BOOST_TEST(support::names(Kind::optimizer).size() >= 7u);
}

BOOST_AUTO_TEST_CASE(large_products_allocate_nothing_either) {
  // 784 → 512 over a batch of 128: past the size where Eigen's own product would take its
  // packing buffers from the heap on every call; the engine plans them in reserve().
  const std::size_t batch = 128;
  const std::vector<float> x = support::uniform(batch * 784, -1.0, 1.0, 3);
  std::vector<float> y(batch * 10, 0.0f);
  for (std::size_t r = 0; r < batch; ++r) y[r * 10 + r % 10] = 1.0f;
  Network network(
      support::network(784, {support::layer(512, "relu"), support::layer(10, "softmax")}),
      support::registry(), 4);
  TrainingOptions o;
  o.batch_size = batch;
  o.task = data::Task::categorical;
  o.loss = "categorical_cross_entropy";
  o.optimizer = "adam";
  Trainer trainer(network, support::registry(), o);
  const ConstMatrixView bx(x.data(), batch, 784, 784), by(y.data(), batch, 10, 10);
  trainer.step(bx, by);  // warm-up
  Allocations counted;
  const double loss = trainer.step(bx, by);
  BOOST_TEST(counted.news() == 0u);
  BOOST_TEST(counted.mallocs() == 0u);
  BOOST_TEST(std::isfinite(loss));
}
