// A plugin from a later minor of ABI 1, written without the SDK's register.hpp: each of its
// descriptor structs carries fields appended after the ones this host knows, and the tables
// are laid out with the larger element sizes. The host must step through them by the sizes
// recorded in the descriptor and ignore the extra fields.
//   FUTURE_SHRINK    records sizes smaller than the host's structs (must be refused)
//   FUTURE_MISFUSED  declares fuses_with on an activation (the component must be skipped)
#include <neuronlab/sdk/abi.h>
#include <neuronlab/sdk/plugin.hpp>

#include <cstring>
#include <new>

namespace {

// What a later minor might append. The extra fields hold values that would be read as
// garbage names or counts if the host used its own struct sizes as strides.
struct future_param {
  nl_param base;
  const char* unit;
  double step;
};
struct future_component {
  nl_component base;
  const char* homepage;
  std::uint64_t flags;
};
struct future_module {
  nl_module base;
  const char* license;
};

// y = (a·x + b), a and b from the parameters; each component adds its own offset to a.
template <int Offset>
class Affine final : public neuronlab::Activation {
 public:
  Affine(double a, double b) : a_(static_cast<float>(a + Offset)), b_(static_cast<float>(b)) {}
  void forward(neuronlab::ConstMatrixView x, neuronlab::MatrixView y) const override {
    for (std::size_t r = 0; r < x.rows; ++r)
      for (std::size_t c = 0; c < x.cols; ++c) y(r, c) = a_ * x(r, c) + b_;
  }
  void backward(neuronlab::ConstMatrixView, neuronlab::ConstMatrixView,
                neuronlab::ConstMatrixView dy, neuronlab::MatrixView dx) const override {
    for (std::size_t r = 0; r < dy.rows; ++r)
      for (std::size_t c = 0; c < dy.cols; ++c) dx(r, c) = a_ * dy(r, c);
  }

 private:
  float a_, b_;
};

template <int Offset>
int create(const double* values, void** object, char* error, std::size_t capacity) noexcept {
  *object = nullptr;
  neuronlab::Activation* created = new (std::nothrow) Affine<Offset>(values[0], values[1]);
  if (created == nullptr) {
    std::strncpy(error, "out of memory", capacity - 1);
    return NL_FAILED;
  }
  *object = created;
  return NL_CREATED;
}

void destroy(void* object) noexcept { delete static_cast<neuronlab::Activation*>(object); }

const future_param kParams[2][2] = {
    {{{"slope", NL_REAL, 2.0, 0.0, 10.0, 0, 0, nullptr, "the slope a"}, "per unit", 0.5},
     {{"offset", NL_REAL, 0.0, -5.0, 5.0, 0, 0, nullptr, "the offset b"}, "units", 0.25}},
    {{{"gain", NL_REAL, 3.0, 0.0, 10.0, 0, 0, nullptr, "the slope a"}, "per unit", 0.5},
     {{"shift", NL_REAL, 1.0, -5.0, 5.0, 0, 0, nullptr, "the offset b"}, "units", 0.25}},
};

#ifdef FUTURE_MISFUSED
constexpr const char* kFusesWith = "sigmoid";
#else
constexpr const char* kFusesWith = nullptr;
#endif

const future_component kComponents[2] = {
    {{NL_ACTIVATION, "future_first", "From a later minor (test plugin)", "y = a x + b", "none", 0,
      &kParams[0][0].base, 2, &create<0>, &destroy, nullptr},
     "https://example.org/first",
     0xffffffffffffffffu},
    {{NL_ACTIVATION, "future_second", "From a later minor (test plugin)", "y = (a + 10) x + b",
      "none", 0, &kParams[1][0].base, 2, &create<10>, &destroy, kFusesWith},
     "https://example.org/second",
     0xffffffffffffffffu},
};

#ifdef FUTURE_SHRINK
constexpr std::uint32_t kComponentSize = sizeof(nl_component) - 8;  // as if a field were lost
#else
constexpr std::uint32_t kComponentSize = sizeof(future_component);
#endif

const future_module kModule = {{NEURONLAB_ABI_MAJOR, NEURONLAB_ABI_MINOR + 1, sizeof(future_module),
                                kComponentSize, sizeof(future_param), NEURONLAB_TOOLCHAIN_TAG,
                                "loader-test-future-minor", "1.1.0", &kComponents[0].base, 2},
                               "MIT"};

}  // namespace

extern "C" __attribute__((visibility("default"))) const nl_module* neuronlab_module_v1(void) {
  return &kModule.base;
}
