// An ordinary shared library. Loading it would abort the process, so a test that
// survives proves the loader read the file without loading it.
#include <cstdlib>

namespace {
struct AbortOnLoad {
  AbortOnLoad() { std::abort(); }
} abort_on_load;
}  // namespace

extern "C" __attribute__((visibility("default"))) int neuronlab_test_unrelated_function() {
  return 42;
}
