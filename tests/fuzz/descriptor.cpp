// The plugin descriptor check on descriptors built from arbitrary bytes: the fuzz input is
// laid out as a descriptor's fields. A string points into the input (at an offset the input
// gives), a table at the harness's own table, and either may be null or an address nothing
// is mapped at. Whatever it holds, the check must say what is wrong without reading where it
// must not.
#include <neuronlab/sdk/abi.h>

#include "loader/library.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

namespace {

// Reads fields from the input in order; what runs out reads as zero.
class Fields {
 public:
  Fields(const std::uint8_t* data, std::size_t size, char* arena, std::size_t arena_size)
      : data_(data), size_(size), arena_(arena), arena_size_(arena_size) {}

  std::uint32_t u32() {
    std::uint32_t v = 0;
    take(&v, sizeof v);
    return v;
  }
  double real() {
    double v = 0;
    take(&v, sizeof v);
    return v;
  }
  // A pointer: null, unmapped, or into the arena (a copy of the input, NUL-terminated).
  template <class T>
  const T* pointer() {
    const std::uint32_t v = u32();
    switch (v % 4) {
      case 0:
        return nullptr;
      case 1:
        return reinterpret_cast<const T*>(std::uintptr_t{4096} * (1 + v % 7));
      default: {
        // Aligned as a T must be: the check reads tables it accepted in place.
        const std::size_t at = (v / 4) % arena_size_ / alignof(T) * alignof(T);
        return reinterpret_cast<const T*>(arena_ + at);
      }
    }
  }

  // A table: ours, null, or unmapped. (Never raw input bytes: a pointer inside them could
  // land anywhere mapped, such as a sanitizer's own shadow memory, which no real plugin
  // points at.)
  template <class T>
  const T* table(const T* ours) {
    const std::uint32_t v = u32();
    if (v % 4 == 0) return nullptr;
    if (v % 4 == 1) return reinterpret_cast<const T*>(std::uintptr_t{4096} * (1 + v % 7));
    return ours;
  }

 private:
  void take(void* out, std::size_t n) {
    const std::size_t left = size_ - std::min(at_, size_);
    std::memcpy(out, data_ + at_, std::min(n, left));
    at_ += n;
  }
  const std::uint8_t* data_;
  std::size_t size_, at_ = 0;
  char* arena_;
  std::size_t arena_size_;
};

int create(const double*, void** object, char*, std::size_t) noexcept {
  *object = nullptr;
  return NL_FAILED;
}
void destroy(void*) noexcept {}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Strings and tables point into this copy of the input, ended by a NUL.
  std::vector<char> arena(data, data + size);
  arena.push_back('\0');
  Fields in(data, size, arena.data(), arena.size());

  std::vector<nl_param> params(4);
  for (nl_param& p : params)
    p = {in.pointer<char>(), int(in.u32() % 6), in.real(),          in.real(),         in.real(),
         int(in.u32() % 2),  int(in.u32() % 2), in.pointer<char>(), in.pointer<char>()};
  std::vector<nl_component> components(3);
  for (nl_component& c : components)
    c = {int(in.u32() % 6),
         in.pointer<char>(),
         in.pointer<char>(),
         in.pointer<char>(),
         in.pointer<char>(),
         in.u32() % 4,
         in.table(params.data()),
         in.u32() % 8,
         in.u32() % 4 ? &create : nullptr,
         in.u32() % 4 ? &destroy : nullptr,
         in.pointer<char>()};
  const std::uint32_t count = in.u32();
  nl_module module = {NEURONLAB_ABI_MAJOR + (in.u32() % 8 == 0 ? 1u : 0u),
                      NEURONLAB_ABI_MINOR,
                      in.u32() % 4 ? std::uint32_t(sizeof(nl_module)) : in.u32(),
                      in.u32() % 4 ? std::uint32_t(sizeof(nl_component)) : in.u32() % 256,
                      in.u32() % 4 ? std::uint32_t(sizeof(nl_param)) : in.u32() % 256,
                      in.u32() % 2 ? NEURONLAB_TOOLCHAIN_TAG : in.pointer<char>(),
                      in.pointer<char>(),
                      in.pointer<char>(),
                      in.table(components.data()),
                      count % 2 ? count % 4 : count};
  // A stride larger than ours would read past the tables: keep the sizes the tables have
  // unless the descriptor is meant to be refused for its sizes.
  if (module.module_size > sizeof(nl_module)) module.module_size = sizeof(nl_module);
  if (module.component_size > sizeof(nl_component)) module.component_size = sizeof(nl_component);
  if (module.param_size > sizeof(nl_param)) module.param_size = sizeof(nl_param);
  if (module.components == components.data() && module.component_count > components.size())
    module.component_count = std::uint32_t(components.size());
  for (nl_component& c : components)
    if (c.params == params.data() && c.param_count > params.size())
      c.param_count = std::uint32_t(params.size());
  neuronlab::loader::read_descriptor(&module);
  return 0;
}
