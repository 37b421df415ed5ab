// The replacement operator new behind reference::Allocations.
#include "allocations.hpp"

#include <cstdlib>
#include <new>

void* operator new(std::size_t size) {
  if (reference::Allocations::armed) ++reference::Allocations::count;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}

void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
