#include <neuronlab/check.hpp>
#include <neuronlab/registry.hpp>

namespace neuronlab {

namespace {

template <class T>
void try_create(const Registry& registry, const ComponentInfo& info,
                std::vector<CheckResult>& results) {
  const std::string subject = std::string(kind_name(info.kind)) + " '" + info.name + "'";
  try {
    auto object = registry.create<T>(info, registry.resolve(info, {}));
    results.push_back({true, subject, "created with its default parameters"});
  } catch (const std::exception& e) {
    results.push_back({false, subject, e.what()});
    return;
  }
  for (auto& result : check_component(registry, info)) results.push_back(std::move(result));
}

}  // namespace

std::vector<CheckResult> check_library(const std::filesystem::path& file) {
  std::vector<CheckResult> results;
  Registry registry;
  bool loaded = registry.load_library(file);
  for (const auto& d : registry.diagnostics()) results.push_back({false, "library", d.message});
  if (!loaded) return results;

  auto components = registry.components();
  if (components.empty()) {
    results.push_back({false, "library", "it declares no components"});
    return results;
  }
  const ComponentInfo& first = *components.front();
  results.push_back({true, "library",
                     "loaded " + first.module_name + " " + first.module_version + " with " +
                         std::to_string(components.size()) + " component(s)"});
  for (const ComponentInfo* info : components) {
    switch (info->kind) {
      case Kind::activation:
        try_create<Activation>(registry, *info, results);
        break;
      case Kind::loss:
        try_create<Loss>(registry, *info, results);
        break;
      case Kind::optimizer:
        try_create<Optimizer>(registry, *info, results);
        break;
      case Kind::normalization:
        try_create<Normalization>(registry, *info, results);
        break;
    }
  }
  return results;
}

}  // namespace neuronlab
