// Internal to the loader: one opened plugin library and what opening it found.
#ifndef NEURONLAB_LOADER_LIBRARY_HPP
#define NEURONLAB_LOADER_LIBRARY_HPP

#include <neuronlab/sdk/abi.h>
#include <neuronlab/registry.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace neuronlab::loader {

// A loaded library. Every object created from it holds a shared_ptr to it, so it is
// unloaded only after the last of them is destroyed.
class Library {
 public:
  struct Native;
  Library(std::filesystem::path path, std::unique_ptr<Native> native, const nl_module* module);
  ~Library();
  const std::filesystem::path& path() const { return path_; }
  const nl_module& module() const { return *module_; }

 private:
  std::filesystem::path path_;
  std::unique_ptr<Native> native_;
  const nl_module* module_;
};

struct LoadedComponent {
  ComponentInfo info;
  const nl_component* raw;
};

struct Outcome {
  std::filesystem::path path;        // canonical, when it could be resolved
  std::shared_ptr<Library> library;  // null when the whole library was rejected
  std::string problem;               // why it was rejected
  bool not_a_plugin = false;         // rejected before loading: not ours at all
  std::vector<LoadedComponent> components;
  std::vector<std::string> component_problems;  // components skipped from an accepted library
};

Outcome open_library(const std::filesystem::path& path);

// What a descriptor holds, checked as open_library checks it once the library is loaded:
// everything is probed before it is read, so a hostile descriptor is a problem, never a
// crash. Needs no library (the descriptor fuzz target builds descriptors in memory).
struct Descriptor {
  std::string problem;                      // the whole descriptor is rejected
  std::vector<LoadedComponent> components;  // ComponentInfo::library left empty
  std::vector<std::string> component_problems;
};
Descriptor read_descriptor(const nl_module* module);

}  // namespace neuronlab::loader

#endif
