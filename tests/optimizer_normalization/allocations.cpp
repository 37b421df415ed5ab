// The replacement operator new behind reference::Allocations. Every non-aligned form is
// replaced, new and delete alike, so that no allocation is made by one provider and freed by
// another (AddressSanitizer reports exactly that); the aligned forms stay the runtime's pair.
#include "allocations.hpp"

#include <cstdlib>
#include <new>

namespace {

void* allocate(std::size_t size) noexcept {
  if (reference::Allocations::armed) ++reference::Allocations::count;
  return std::malloc(size == 0 ? 1 : size);
}

}  // namespace

void* operator new(std::size_t size) {
  if (void* p = allocate(size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return allocate(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return allocate(size); }

void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
