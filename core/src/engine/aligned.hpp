// Buffers that start on a 64-byte boundary, the widest vector the kernels use (AVX-512).
//
// Eigen's vectorized reductions and small products peel leading elements up to an aligned
// address, so with malloc's 16-byte alignment the order of their sums, and the last bits of a
// run, would depend on where the heap happened to put a buffer (the length of a file's path
// was enough). The kernels of every x86-64 level see the same alignment.
#ifndef NEURONLAB_ENGINE_ALIGNED_HPP
#define NEURONLAB_ENGINE_ALIGNED_HPP

#include <cstddef>
#include <new>
#include <vector>

namespace neuronlab::engine {

template <typename T>
struct AlignedAllocator {
  using value_type = T;
  static constexpr std::align_val_t alignment{64};

  AlignedAllocator() = default;
  template <typename U>
  AlignedAllocator(const AlignedAllocator<U>&) noexcept {}

  T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), alignment)); }
  void deallocate(T* p, std::size_t) noexcept { ::operator delete(p, alignment); }

  template <typename U>
  bool operator==(const AlignedAllocator<U>&) const noexcept {
    return true;
  }
  template <typename U>
  bool operator!=(const AlignedAllocator<U>&) const noexcept {
    return false;
  }
};

using Floats = std::vector<float, AlignedAllocator<float>>;

}  // namespace neuronlab::engine

#endif  // NEURONLAB_ENGINE_ALIGNED_HPP
