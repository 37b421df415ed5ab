// The replacements behind neuronlab::test::Allocations. New and delete are replaced together,
// so nothing is allocated by one provider and freed by another (AddressSanitizer reports
// exactly that); the aligned forms stay the runtime's own pair. A new is counted once, as a
// new, though it takes its memory from malloc.
#include "support/allocations.hpp"

#include <cstdlib>
#include <new>

using neuronlab::test::Allocations;

#if !defined(__SANITIZE_ADDRESS__)
extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
void __libc_free(void*);

void* malloc(std::size_t size) {
  if (Allocations::armed_) ++Allocations::mallocs_;
  return __libc_malloc(size);
}
void* calloc(std::size_t count, std::size_t size) {
  if (Allocations::armed_) ++Allocations::mallocs_;
  return __libc_calloc(count, size);
}
void* realloc(void* p, std::size_t size) {
  if (Allocations::armed_) ++Allocations::mallocs_;
  return __libc_realloc(p, size);
}
void free(void* p) { __libc_free(p); }
}

namespace {
void* raw_allocate(std::size_t size) noexcept { return __libc_malloc(size); }
void raw_release(void* p) noexcept { __libc_free(p); }
}  // namespace
#else
namespace {
void* raw_allocate(std::size_t size) noexcept { return std::malloc(size); }
void raw_release(void* p) noexcept { std::free(p); }
}  // namespace
#endif

namespace {
void* allocate(std::size_t size) noexcept {
  if (Allocations::armed_) ++Allocations::news_;
  return raw_allocate(size == 0 ? 1 : size);
}
}  // namespace

void* operator new(std::size_t size) {
  if (void* p = allocate(size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return allocate(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return allocate(size); }
void operator delete(void* p) noexcept { raw_release(p); }
void operator delete[](void* p) noexcept { raw_release(p); }
void operator delete(void* p, std::size_t) noexcept { raw_release(p); }
void operator delete[](void* p, std::size_t) noexcept { raw_release(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { raw_release(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { raw_release(p); }
