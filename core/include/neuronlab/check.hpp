// Checking one plugin library on its own, as `neuronlab plugins --check` does.
#ifndef NEURONLAB_CHECK_HPP
#define NEURONLAB_CHECK_HPP

#include <filesystem>
#include <string>
#include <vector>

namespace neuronlab {

struct CheckResult {
  bool passed;
  std::string subject;  // "library", "activation 'relu'", ...
  std::string detail;   // what was checked, or what is wrong
};

// Loads `file` into a registry of its own and checks the file, its descriptor, every
// component's schema and that every component can be created with its defaults.
std::vector<CheckResult> check_library(const std::filesystem::path& file);

}  // namespace neuronlab

#endif
