// Counts heap allocations while an Allocations object is alive, so that a test can assert that
// a training step, an optimizer step or a forward pass allocates nothing. A test executable
// that uses it compiles tests/support/allocations.cpp, which replaces the global operator new
// (every non-aligned form, with its deletes) and, outside AddressSanitizer builds, malloc,
// calloc and realloc (Eigen takes its temporaries from malloc). Plugins' allocations resolve to
// the same replacements, so they are counted too.
#ifndef NEURONLAB_TESTS_SUPPORT_ALLOCATIONS_HPP
#define NEURONLAB_TESTS_SUPPORT_ALLOCATIONS_HPP

#include <cstddef>

namespace neuronlab::test {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool counts_malloc = false;  // AddressSanitizer owns malloc
#else
constexpr bool counts_malloc = true;
#endif

class Allocations {
 public:
  Allocations() {
    news_ = mallocs_ = 0;
    armed_ = true;
  }
  ~Allocations() { armed_ = false; }
  Allocations(const Allocations&) = delete;
  Allocations& operator=(const Allocations&) = delete;

  std::size_t news() const { return news_; }        // operator new calls
  std::size_t mallocs() const { return mallocs_; }  // malloc, calloc and realloc calls
  std::size_t seen() const { return news_ + mallocs_; }

  // Used by the replacements in allocations.cpp.
  static inline bool armed_ = false;
  static inline std::size_t news_ = 0;
  static inline std::size_t mallocs_ = 0;
};

}  // namespace neuronlab::test

#endif  // NEURONLAB_TESTS_SUPPORT_ALLOCATIONS_HPP
