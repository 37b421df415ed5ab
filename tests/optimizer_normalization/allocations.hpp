// Counts calls of the global operator new while a counter is alive. allocations.cpp replaces
// operator new in the test executable; the plugins' allocations resolve to that replacement
// like everyone else's, so a test can assert that a step or a forward pass allocates nothing.
#ifndef NEURONLAB_TESTS_OPTIMIZER_NORMALIZATION_ALLOCATIONS_HPP
#define NEURONLAB_TESTS_OPTIMIZER_NORMALIZATION_ALLOCATIONS_HPP

#include <cstddef>

namespace reference {

class Allocations {
 public:
  Allocations() {
    count = 0;
    armed = true;
  }
  ~Allocations() { armed = false; }
  Allocations(const Allocations&) = delete;
  Allocations& operator=(const Allocations&) = delete;
  std::size_t seen() const { return count; }

  static inline bool armed = false;
  static inline std::size_t count = 0;
};

}  // namespace reference

#endif  // NEURONLAB_TESTS_OPTIMIZER_NORMALIZATION_ALLOCATIONS_HPP
