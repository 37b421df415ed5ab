// A library whose descriptor would crash or deceive a host that trusted it, written without
// the SDK's register.hpp. One variant per compile definition:
//   HOSTILE_COUNT     claims 100000000 components with a table of one
//   HOSTILE_POINTER   points its component table at an address nothing is mapped at
//   HOSTILE_ESCAPE    a summary holding terminal control codes (retitle, clear the screen)
//   HOSTILE_LONG      a summary of 10000 bytes
//   HOSTILE_DATA      exports the entry point as a data object (a null pointer), not code
#include <neuronlab/sdk/abi.h>

#include <cstring>

namespace {

int create(const double*, void** object, char*, std::size_t) noexcept {
  *object = nullptr;
  return NL_FAILED;
}
void destroy(void*) noexcept {}

#ifdef HOSTILE_ESCAPE
const char* const kSummary = "Looks harmless \x1b]0;owned\x07\x1b[2J";
#elif defined(HOSTILE_LONG)
struct LongText {
  char text[10001];
  LongText() {
    std::memset(text, 'a', sizeof text - 1);
    text[sizeof text - 1] = '\0';
  }
};
const LongText kLong;
const char* const kSummary = kLong.text;
#else
const char* const kSummary = "A hostile descriptor (test plugin)";
#endif

const nl_component kComponents[1] = {{NL_ACTIVATION, "hostile", kSummary, "y = x", "none", 0,
                                      nullptr, 0, &create, &destroy, nullptr}};

#ifdef HOSTILE_COUNT
constexpr std::uint32_t kCount = 100000000;
#else
constexpr std::uint32_t kCount = 1;
#endif

#ifdef HOSTILE_POINTER
const nl_component* const kTable = reinterpret_cast<const nl_component*>(std::uintptr_t{16});
#else
const nl_component* const kTable = kComponents;
#endif

const nl_module kModule = {NEURONLAB_ABI_MAJOR,
                           NEURONLAB_ABI_MINOR,
                           sizeof(nl_module),
                           sizeof(nl_component),
                           sizeof(nl_param),
                           NEURONLAB_TOOLCHAIN_TAG,
                           "loader-test-hostile",
                           "1.0.0",
                           kTable,
                           kCount};

}  // namespace

#ifdef HOSTILE_DATA
extern "C" {
__attribute__((visibility("default"))) const void* neuronlab_module_v1 = nullptr;
}
#else
extern "C" __attribute__((visibility("default"))) const nl_module* neuronlab_module_v1(void) {
  return &kModule;
}
#endif
