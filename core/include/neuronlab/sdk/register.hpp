// Registration of plugin components. A component is a class derived from one of the four
// interfaces in plugin.hpp with these static members:
//
//   static constexpr const char* name, *summary, *formula, *reference;
//   static std::vector<nl_param> schema();           // optional: the parameters
//   static constexpr std::uint32_t usage = ...;      // normalization only: nl_usage bits
//   static constexpr const char* fuses_with = ...;   // loss only, optional: see Loss
//   explicit T(const neuronlab::Args& args);         // reads its parameters by name;
//                                                    // throws PluginUserError for a bad
//                                                    // combination of values
//
// and one line, `NEURONLAB_REGISTER(T);`, in its own file. One file of the library says
// `NEURONLAB_MODULE("name", "version");` to export the descriptor. This header, like the
// rest of the SDK, needs nothing but the C++17 standard library.
#ifndef NEURONLAB_SDK_REGISTER_HPP
#define NEURONLAB_SDK_REGISTER_HPP

#include <neuronlab/sdk/abi.h>
#include <neuronlab/sdk/plugin.hpp>

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

namespace neuronlab {

constexpr double inf = std::numeric_limits<double>::infinity();

// Schema entries. Ranges are inclusive unless marked open.
inline nl_param real(const char* name, double default_value, double min_value, double max_value,
                     const char* doc, bool min_open = false, bool max_open = false) {
  return {name, NL_REAL, default_value, min_value, max_value, min_open, max_open, nullptr, doc};
}
inline nl_param integer(const char* name, long default_value, long min_value, long max_value,
                        const char* doc) {
  return {name,    NL_INTEGER, double(default_value), double(min_value), double(max_value), 0, 0,
          nullptr, doc};
}
inline nl_param flag(const char* name, bool default_value, const char* doc) {
  return {name, NL_BOOLEAN, default_value ? 1.0 : 0.0, 0.0, 1.0, 0, 0, nullptr, doc};
}
// options: "none|tanh"; default_index selects the default option.
inline nl_param choice(const char* name, const char* options, unsigned default_index,
                       const char* doc) {
  return {name, NL_CHOICE, double(default_index), 0.0, 0.0, 0, 0, options, doc};
}

// The validated parameter values a component is constructed with. Asking for a name the
// schema does not declare is a bug in the component.
class Args {
 public:
  Args(const nl_param* schema, std::size_t count, const double* values)
      : schema_(schema), count_(count), values_(values) {}
  double real(const char* name) const { return find(name); }
  long integer(const char* name) const { return static_cast<long>(find(name)); }
  bool flag(const char* name) const { return find(name) != 0.0; }
  std::size_t choice(const char* name) const { return static_cast<std::size_t>(find(name)); }

 private:
  double find(const char* name) const {
    for (std::size_t i = 0; i < count_; ++i)
      if (std::strcmp(schema_[i].name, name) == 0) return values_[i];
    throw std::logic_error(std::string("component reads undeclared parameter '") + name + "'");
  }
  const nl_param* schema_;
  std::size_t count_;
  const double* values_;
};

namespace detail {

template <class T>
using base_of =
    std::conditional_t<std::is_base_of<Activation, T>::value, Activation,
                       std::conditional_t<std::is_base_of<Loss, T>::value, Loss,
                                          std::conditional_t<std::is_base_of<Optimizer, T>::value,
                                                             Optimizer, Normalization>>>;

template <class T>
constexpr int kind_of() {
  using B = base_of<T>;
  if (std::is_same<B, Activation>::value) return NL_ACTIVATION;
  if (std::is_same<B, Loss>::value) return NL_LOSS;
  if (std::is_same<B, Optimizer>::value) return NL_OPTIMIZER;
  return NL_NORMALIZATION;
}

template <class T, class = void>
struct has_schema : std::false_type {};
template <class T>
struct has_schema<T, std::void_t<decltype(T::schema())>> : std::true_type {};

template <class T, class = void>
struct usage_of : std::integral_constant<std::uint32_t, 0> {};
template <class T>
struct usage_of<T, std::void_t<decltype(T::usage)>>
    : std::integral_constant<std::uint32_t, T::usage> {};

template <class T, class = void>
struct has_fuses_with : std::false_type {};
template <class T>
struct has_fuses_with<T, std::void_t<decltype(T::fuses_with)>> : std::true_type {};

template <class T>
constexpr const char* fuses_with_of() {
  if constexpr (has_fuses_with<T>::value) {
    static_assert(std::is_base_of<Loss, T>::value, "only a loss declares fuses_with");
    return T::fuses_with;
  } else {
    return nullptr;
  }
}

struct LossAccess {
  static void set_fuses_with(Loss& loss, const char* name) { loss.fuses_with_ = name; }
};

template <class T>
const std::vector<nl_param>& schema_of() {
  static const std::vector<nl_param> schema = [] {
    if constexpr (has_schema<T>::value)
      return std::vector<nl_param>(T::schema());
    else
      return std::vector<nl_param>{};
  }();
  return schema;
}

inline void write_error(char* error, std::size_t capacity, const char* message) {
  if (error == nullptr || capacity == 0) return;
  std::size_t n = std::min(std::strlen(message), capacity - 1);
  std::memcpy(error, message, n);
  error[n] = '\0';
}

// Exceptions never leave the library through the C entry points: PluginUserError becomes
// NL_USER_ERROR, anything else NL_FAILED, each with its message.
template <class T>
int create(const double* values, void** object, char* error, std::size_t capacity) noexcept {
  *object = nullptr;
  try {
    const auto& schema = schema_of<T>();
    base_of<T>* created = new T(Args(schema.data(), schema.size(), values));
    if constexpr (std::is_base_of<Loss, T>::value)
      LossAccess::set_fuses_with(*created, fuses_with_of<T>());
    *object = static_cast<void*>(created);
    return NL_CREATED;
  } catch (const PluginUserError& e) {
    write_error(error, capacity, e.what());
    return NL_USER_ERROR;
  } catch (const std::exception& e) {
    write_error(error, capacity, e.what());
  } catch (...) {
    write_error(error, capacity, "unknown exception");
  }
  return NL_FAILED;
}

template <class T>
void destroy(void* object) noexcept {
  delete static_cast<base_of<T>*>(object);
}

// This library's components; hidden visibility gives each library its own list.
inline std::vector<nl_component>& components() {
  static std::vector<nl_component> list;
  return list;
}

template <class T>
struct Registrar {
  Registrar() {
    const auto& schema = schema_of<T>();
    components().push_back({kind_of<T>(), T::name, T::summary, T::formula, T::reference,
                            usage_of<T>::value, schema.data(),
                            static_cast<std::uint32_t>(schema.size()), &create<T>, &destroy<T>,
                            fuses_with_of<T>()});
  }
};

inline const nl_module* module(const char* name, const char* version) {
  static const nl_module descriptor = [&] {
    auto& list = components();
    std::sort(list.begin(), list.end(), [](const nl_component& a, const nl_component& b) {
      return a.kind != b.kind ? a.kind < b.kind : std::strcmp(a.name, b.name) < 0;
    });
    return nl_module{NEURONLAB_ABI_MAJOR,
                     NEURONLAB_ABI_MINOR,
                     sizeof(nl_module),
                     sizeof(nl_component),
                     sizeof(nl_param),
                     NEURONLAB_TOOLCHAIN_TAG,
                     name,
                     version,
                     list.data(),
                     static_cast<std::uint32_t>(list.size())};
  }();
  return &descriptor;
}

}  // namespace detail
}  // namespace neuronlab

#define NEURONLAB_CONCAT_(a, b) a##b
#define NEURONLAB_CONCAT(a, b) NEURONLAB_CONCAT_(a, b)

#define NEURONLAB_REGISTER(T)                                                           \
  static const ::neuronlab::detail::Registrar<T> NEURONLAB_CONCAT(neuronlab_registrar_, \
                                                                  __COUNTER__) {}

// Exports the descriptor as a plain C function with default visibility, named after the ABI
// major (neuronlab_module_v1): it lands in the library's dynamic symbol table, where the host
// looks for it before loading the file, and stays there when the library is stripped.
#define NEURONLAB_MODULE(module_name, module_version)                                      \
  extern "C" __attribute__((visibility("default"))) const nl_module* NEURONLAB_ENTRY_NAME( \
      NEURONLAB_ABI_MAJOR)(void) {                                                         \
    return ::neuronlab::detail::module(module_name, module_version);                       \
  }                                                                                        \
  static_assert(true, "NEURONLAB_MODULE(...) is used as a statement, with a ;")

#endif  // NEURONLAB_SDK_REGISTER_HPP
