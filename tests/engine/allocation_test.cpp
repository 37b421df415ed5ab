// After warm-up a training step allocates nothing: forward, loss, backward, clipping, weight
// decay and the optimizer, through every optimizer in the registry and both layer
// normalizations. This executable replaces the global operator new (every non-aligned form,
// with its deletes) and, outside AddressSanitizer builds, malloc itself, which is where Eigen
// takes its temporaries from; both count only while armed.
#define BOOST_TEST_MODULE engine_allocations
#include <boost/test/unit_test.hpp>

#include <neuronlab/engine/trainer.hpp>

#include <cmath>
#include <cstdlib>
#include <new>

#include "support.hpp"

// This file's operator delete frees what its operator new took from malloc; GCC cannot see
// that the two belong together once it inlines them into a test.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

namespace {
bool armed = false;
std::size_t news = 0;
std::size_t mallocs = 0;
}  // namespace

#if defined(__SANITIZE_ADDRESS__)
#define NEURONLAB_COUNT_MALLOC 0
#else
#define NEURONLAB_COUNT_MALLOC 1
extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
void __libc_free(void*);

void* malloc(std::size_t size) {
  if (armed) ++mallocs;
  return __libc_malloc(size);
}
void* calloc(std::size_t count, std::size_t size) {
  if (armed) ++mallocs;
  return __libc_calloc(count, size);
}
void* realloc(void* p, std::size_t size) {
  if (armed) ++mallocs;
  return __libc_realloc(p, size);
}
void free(void* p) { __libc_free(p); }
}
#endif

namespace {
void* allocate(std::size_t size) noexcept {
  if (armed) ++news;
#if NEURONLAB_COUNT_MALLOC
  return __libc_malloc(size == 0 ? 1 : size);  // counted once, as a new
#else
  return std::malloc(size == 0 ? 1 : size);
#endif
}
void release(void* p) noexcept {
#if NEURONLAB_COUNT_MALLOC
  __libc_free(p);
#else
  std::free(p);
#endif
}
}  // namespace

void* operator new(std::size_t size) {
  if (void* p = allocate(size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return allocate(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return allocate(size); }
void operator delete(void* p) noexcept { release(p); }
void operator delete[](void* p) noexcept { release(p); }
void operator delete(void* p, std::size_t) noexcept { release(p); }
void operator delete[](void* p, std::size_t) noexcept { release(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { release(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { release(p); }

using namespace neuronlab;
using namespace neuronlab::engine;

BOOST_AUTO_TEST_CASE(the_counters_count) {
  armed = true;
  auto* p = new std::vector<float>(100);
  armed = false;
  delete p;
  BOOST_TEST(news == 2u);  // the vector object and its buffer
  news = mallocs = 0;
#if NEURONLAB_COUNT_MALLOC
  armed = true;
  void* volatile q = std::malloc(64);
  armed = false;
  std::free(q);
  BOOST_TEST(mallocs == 1u);
  mallocs = 0;
#endif
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

      news = mallocs = 0;
      armed = true;
      double loss = 0.0;
      for (std::size_t step = 0; step < 40; ++step) {
        const std::size_t first = (step * batch) % rows;
        const std::size_t count = step % 5 == 4 ? 10 : batch;  // a smaller batch too
        loss = trainer.step(rows_at(x, 8, first, count), rows_at(y, 4, first, count));
      }
      armed = false;
      BOOST_TEST(news == 0u);
      BOOST_TEST(mallocs == 0u);
      BOOST_TEST(std::isfinite(loss));
    }
  }
  BOOST_TEST(support::names(Kind::optimizer).size() >= 7u);
}
