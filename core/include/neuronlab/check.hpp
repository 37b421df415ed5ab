// Checking one plugin library on its own, as `neuronlab plugins --check` does.
#ifndef NEURONLAB_CHECK_HPP
#define NEURONLAB_CHECK_HPP

#include <neuronlab/registry.hpp>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace neuronlab {

struct CheckResult {
  bool passed;
  std::string subject;  // "library", "activation 'relu'", ...
  std::string detail;   // what was checked, or what is wrong
};

// Called as the checks go, for a caller that shows them one at a time or runs them in another
// process: `stage` before each check, with what it checks ("activation 'relu': the gradient
// check at moderate inputs (|x| ~ 1)"), and `result` with each result as it is made.
struct CheckProgress {
  std::function<void(const std::string& stage)> stage;
  std::function<void(const CheckResult& result)> result;
};

// Loads `file` into a registry of its own and checks the file, its descriptor, every
// component's schema, that every component can be created with its defaults, and then each
// component's numeric conformance (check_component).
std::vector<CheckResult> check_library(const std::filesystem::path& file,
                                       const CheckProgress& progress = {});

// The numeric conformance of one component, created with its defaults: determinism; for
// activations, losses and layer normalizations, gradients against central differences at
// moderate, large and small magnitudes (relative error below 1e-2) and finite results on
// extreme finite inputs; for layer normalizations, that backward overwrites the parameter
// gradients and that a second bind followed by the host's restore computes as a fresh
// instance; for optimizers, descent and convergence on a convex quadratic. Then the same
// checks once per numeric (real or integer) parameter, created with that parameter at a
// value inside its range other than the default and the others at theirs: one result per
// parameter, "with NAME = V (default D): ..." naming the first failure.
std::vector<CheckResult> check_component(const Registry& registry, const ComponentInfo& component,
                                         const CheckProgress& progress = {});

}  // namespace neuronlab

#endif
