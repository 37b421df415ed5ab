#include <neuronlab/check.hpp>
#include <neuronlab/registry.hpp>

namespace neuronlab {

namespace {

void add(std::vector<CheckResult>& results, CheckResult result, const CheckProgress& progress) {
  if (progress.result) progress.result(result);
  results.push_back(std::move(result));
}

template <class T>
void try_create(const Registry& registry, const ComponentInfo& info,
                std::vector<CheckResult>& results, const CheckProgress& progress) {
  const std::string subject = std::string(kind_name(info.kind)) + " '" + info.name + "'";
  if (progress.stage) progress.stage(subject + ": its creation with the default parameters");
  try {
    auto object = registry.create<T>(info, registry.resolve(info, {}));
    add(results, {true, subject, "created with its default parameters"}, progress);
  } catch (const std::exception& e) {
    add(results, {false, subject, e.what()}, progress);
    return;
  }
  for (auto& result : check_component(registry, info, progress))
    results.push_back(std::move(result));
}

}  // namespace

std::vector<CheckResult> check_library(const std::filesystem::path& file,
                                       const CheckProgress& progress) {
  std::vector<CheckResult> results;
  Registry registry;
  if (progress.stage) progress.stage("library: its loading");
  bool loaded = registry.load_library(file);
  for (const auto& d : registry.diagnostics())
    add(results, {false, "library", d.message}, progress);
  if (!loaded) return results;

  auto components = registry.components();
  if (components.empty()) {
    add(results, {false, "library", "it declares no components"}, progress);
    return results;
  }
  const ComponentInfo& first = *components.front();
  add(results,
      {true, "library",
       "loaded " + first.module_name + " " + first.module_version + " with " +
           std::to_string(components.size()) + " component(s)"},
      progress);
  for (const ComponentInfo* info : components) {
    switch (info->kind) {
      case Kind::activation:
        try_create<Activation>(registry, *info, results, progress);
        break;
      case Kind::loss:
        try_create<Loss>(registry, *info, results, progress);
        break;
      case Kind::optimizer:
        try_create<Optimizer>(registry, *info, results, progress);
        break;
      case Kind::normalization:
        try_create<Normalization>(registry, *info, results, progress);
        break;
    }
  }
  return results;
}

}  // namespace neuronlab
