// The binary contract between the neuronlab host and a plugin library.
//
// Every plugin library exports one C function, `neuronlab_module_v<MAJOR>` (default
// visibility, in the ELF dynamic symbol table), that returns a pointer to a `nl_module`. The
// host reads the library file before loading it (the symbol must be present), then checks
// abi_major, struct sizes and the toolchain tag before any C++ object crosses the boundary.
// Only plain C data lives in this file.
//
// Growth within a major is append-only: a later minor may add fields at the end of nl_module,
// nl_component and nl_param, never change or remove one. Each struct's size as the plugin saw
// it is recorded in nl_module, and the host steps through the arrays by those sizes, so a
// host accepts structs at least as large as its own (it ignores the fields it does not know)
// and refuses smaller ones.
#ifndef NEURONLAB_SDK_ABI_H
#define NEURONLAB_SDK_ABI_H

#ifdef __cplusplus
#include <cstddef>  // defines _GLIBCXX_USE_CXX11_ABI, which the toolchain tag reads
#include <cstdint>
#else
#include <stddef.h>
#include <stdint.h>
#endif

// Overridable only so that the test suite can build deliberately mismatched libraries.
#ifndef NEURONLAB_ABI_MAJOR
#define NEURONLAB_ABI_MAJOR 1
#endif
#define NEURONLAB_ABI_MINOR 0

#define NEURONLAB_STRINGIFY_(x) #x
#define NEURONLAB_STRINGIFY(x) NEURONLAB_STRINGIFY_(x)
// The exported entry point: neuronlab_module_v1 for ABI major 1.
#define NEURONLAB_ENTRY_PREFIX "neuronlab_module_v"
#define NEURONLAB_ENTRY_NAME_(major) neuronlab_module_v##major
#define NEURONLAB_ENTRY_NAME(major) NEURONLAB_ENTRY_NAME_(major)

// The C++ objects that cross the boundary (std::string in exceptions, vtables) are only
// compatible between libraries built with the same C++ ABI; the tag records it.
#ifdef NEURONLAB_TOOLCHAIN_TAG
#elif defined(__GXX_ABI_VERSION) && defined(_GLIBCXX_USE_CXX11_ABI)
#define NEURONLAB_TOOLCHAIN_TAG                                                        \
  "gxx-abi-" NEURONLAB_STRINGIFY(__GXX_ABI_VERSION) "/cxx11-abi-" NEURONLAB_STRINGIFY( \
      _GLIBCXX_USE_CXX11_ABI)
#else
#define NEURONLAB_TOOLCHAIN_TAG "unknown-toolchain"
#endif

#ifdef __cplusplus
extern "C" {
#endif

enum nl_kind { NL_ACTIVATION = 1, NL_LOSS = 2, NL_OPTIMIZER = 3, NL_NORMALIZATION = 4 };

enum nl_param_type { NL_REAL = 1, NL_INTEGER = 2, NL_BOOLEAN = 3, NL_CHOICE = 4 };

// Where a normalization component may be used.
enum nl_usage { NL_USAGE_DATA = 1, NL_USAGE_LAYER = 2 };

// One parameter of a component. Values cross as doubles: booleans as 0/1, choices as the
// index into `choices` ("none|tanh" → 0 or 1), integers as whole numbers.
typedef struct nl_param {
  const char* name;
  int type;  // nl_param_type
  double default_value;
  double min_value;  // inclusive unless min_open
  double max_value;  // inclusive unless max_open; may be +inf
  int min_open;
  int max_open;
  const char* choices;  // NL_CHOICE only: options separated by '|'
  const char* doc;
} nl_param;

// What `create` reports. NL_USER_ERROR: the values, each inside its range, do not go
// together (the plugin threw neuronlab::PluginUserError); the message is for the user.
// NL_FAILED: anything else went wrong, a fault of the plugin; the message is for its author.
enum nl_create_status { NL_CREATED = 0, NL_USER_ERROR = 1, NL_FAILED = 2 };

// `create` receives one value per parameter, in schema order. On NL_CREATED it has stored
// the object in *object, as a pointer to the kind's base class (neuronlab::Activation*, ...)
// cast to void*; otherwise *object is NULL and `error` holds a NUL-terminated message.
typedef struct nl_component {
  int kind;  // nl_kind
  const char* name;
  const char* summary;
  const char* formula;
  const char* reference;
  uint32_t usage;  // nl_usage bits; normalization only
  const nl_param* params;
  uint32_t param_count;
  int (*create)(const double* values, void** object, char* error,
                size_t error_capacity);  // returns nl_create_status
  void (*destroy)(void* object);
  // Loss only: the output activation it fuses with (see neuronlab::Loss), or NULL.
  const char* fuses_with;
} nl_component;

typedef struct nl_module {
  uint32_t abi_major;
  uint32_t abi_minor;
  // The first three fields keep their place in every version of a major.
  uint32_t module_size;     // sizeof(nl_module) as the plugin saw it
  uint32_t component_size;  // sizeof(nl_component): the stride of `components`
  uint32_t param_size;      // sizeof(nl_param): the stride of every `params` table
  const char* toolchain;    // NEURONLAB_TOOLCHAIN_TAG
  const char* name;
  const char* version;
  const nl_component* components;
  uint32_t component_count;
} nl_module;

typedef const nl_module* (*nl_module_fn)(void);

#ifdef __cplusplus
}
#endif

#endif  // NEURONLAB_SDK_ABI_H
