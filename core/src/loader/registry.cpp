// The registry: every component of every accepted library, de-duplicated, and the creation
// of objects that keep their library loaded.
#include <neuronlab/registry.hpp>

#include "library.hpp"

#include <boost/dll/runtime_symbol_info.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>

#ifndef NEURONLAB_PLUGIN_RELDIR
#error "NEURONLAB_PLUGIN_RELDIR must give the plugin directory relative to the executable"
#endif

namespace neuronlab {

namespace fs = std::filesystem;

const char* kind_name(Kind kind) {
  switch (kind) {
    case Kind::activation:
      return "activation";
    case Kind::loss:
      return "loss";
    case Kind::optimizer:
      return "optimizer";
    case Kind::normalization:
      return "normalization";
  }
  return "?";
}

std::optional<Kind> parse_kind(std::string_view name) {
  for (Kind k : {Kind::activation, Kind::loss, Kind::optimizer, Kind::normalization})
    if (name == kind_name(k)) return k;
  return std::nullopt;
}

std::vector<fs::path> plugin_search_path(const std::vector<fs::path>& flags) {
  std::vector<fs::path> dirs = flags;
  if (const char* env = std::getenv("NEURONLAB_PLUGIN_PATH")) {
    std::string_view rest = env;
    while (!rest.empty()) {
      auto colon = rest.find(':');
      std::string_view entry = rest.substr(0, colon);
      if (!entry.empty()) dirs.emplace_back(std::string(entry));
      rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    }
  }
  std::error_code ec;
  fs::path exe = boost::dll::program_location(ec);
  if (!ec) dirs.push_back((exe.parent_path() / NEURONLAB_PLUGIN_RELDIR).lexically_normal());
  return dirs;
}

struct Registry::Impl {
  struct Entry {
    loader::LoadedComponent component;
    std::shared_ptr<loader::Library> library;
  };
  std::vector<Diagnostic> diagnostics;
  std::vector<fs::path> loaded_paths;           // canonical
  std::vector<std::unique_ptr<Entry>> entries;  // stable addresses: ComponentInfo* stay valid

  void report(Diagnostic::Level level, const fs::path& path, std::string message) {
    diagnostics.push_back({level, path, std::move(message)});
  }
  const Entry* find(Kind kind, std::string_view name) const {
    for (const auto& e : entries)
      if (e->component.info.kind == kind && e->component.info.name == name) return e.get();
    return nullptr;
  }
};

Registry::Registry() : impl_(std::make_unique<Impl>()) {}
Registry::~Registry() = default;
Registry::Registry(Registry&&) noexcept = default;
Registry& Registry::operator=(Registry&&) noexcept = default;

void Registry::load_directories(const std::vector<fs::path>& dirs) {
  std::vector<fs::path> seen;
  for (const auto& dir : dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      impl_->report(Diagnostic::Level::warning, dir,
                    "plugin directory does not exist\n  hint: check --plugin-dir and "
                    "NEURONLAB_PLUGIN_PATH");
      continue;
    }
    fs::path canonical = fs::canonical(dir, ec);
    if (std::find(seen.begin(), seen.end(), canonical) != seen.end()) continue;
    seen.push_back(canonical);

    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir, ec))
      if (entry.is_regular_file(ec)) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    if (files.empty()) {
      impl_->report(Diagnostic::Level::warning, dir, "plugin directory is empty");
      continue;
    }
    for (const auto& file : files) load_library(file);
  }
}

bool Registry::load_library(const fs::path& file) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(file, ec);
  auto& loaded = impl_->loaded_paths;
  if (!ec && std::find(loaded.begin(), loaded.end(), canonical) != loaded.end()) {
    impl_->report(Diagnostic::Level::note, file, "already loaded");
    return true;
  }

  loader::Outcome outcome = loader::open_library(file);
  if (!outcome.library) {
    impl_->report(outcome.not_a_plugin ? Diagnostic::Level::note : Diagnostic::Level::warning, file,
                  outcome.problem);
    return false;
  }
  loaded.push_back(outcome.path);
  for (const auto& problem : outcome.component_problems)
    impl_->report(Diagnostic::Level::warning, file, "component skipped: " + problem);

  for (auto& component : outcome.components) {
    const ComponentInfo& info = component.info;
    if (const Impl::Entry* first = impl_->find(info.kind, info.name)) {
      impl_->report(
          Diagnostic::Level::warning, file,
          std::string("duplicate ") + kind_name(info.kind) + " '" + info.name +
              "' ignored; the one from " + first->library->path().string() +
              " is used\n  hint: remove one of the two libraries, or rename one component");
      continue;
    }
    impl_->entries.push_back(
        std::make_unique<Impl::Entry>(Impl::Entry{std::move(component), outcome.library}));
  }
  std::stable_sort(impl_->entries.begin(), impl_->entries.end(), [](const auto& a, const auto& b) {
    const auto& x = a->component.info;
    const auto& y = b->component.info;
    return x.kind != y.kind ? x.kind < y.kind : x.name < y.name;
  });
  return true;
}

const std::vector<Diagnostic>& Registry::diagnostics() const { return impl_->diagnostics; }

std::vector<const ComponentInfo*> Registry::components() const {
  std::vector<const ComponentInfo*> out;
  for (const auto& e : impl_->entries) out.push_back(&e->component.info);
  return out;
}

const ComponentInfo* Registry::find(Kind kind, std::string_view name) const {
  const Impl::Entry* e = impl_->find(kind, name);
  return e ? &e->component.info : nullptr;
}

const ComponentInfo& Registry::require(Kind kind, std::string_view name,
                                       const std::string& where) const {
  if (const ComponentInfo* info = find(kind, name)) return *info;
  std::vector<std::string> names;
  for (const auto& e : impl_->entries)
    if (e->component.info.kind == kind) names.push_back(e->component.info.name);
  std::string known;
  for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
  throw Error((where.empty() ? std::string() : where + ": ") + "unknown " + kind_name(kind) + " '" +
              std::string(name) + "'" + did_you_mean(name, names) + "\n  hint: " +
              (names.empty()
                   ? std::string("no ") + kind_name(kind) +
                         " plugins are loaded; check --plugin-dir and NEURONLAB_PLUGIN_PATH"
                   : "known: " + known + " ('neuronlab plugins' lists them all)"));
}

namespace {
template <class T>
constexpr Kind kind_of() {
  if constexpr (std::is_same_v<T, Activation>) return Kind::activation;
  if constexpr (std::is_same_v<T, Loss>) return Kind::loss;
  if constexpr (std::is_same_v<T, Optimizer>) return Kind::optimizer;
  return Kind::normalization;
}
}  // namespace

template <class T>
std::shared_ptr<T> Registry::create(std::string_view name, const ParamMap& params,
                                    const std::string& where) const {
  const ComponentInfo& info = require(kind_of<T>(), name, where);
  return create<T>(info, resolve(info, params), where);
}

template <class T>
std::shared_ptr<T> Registry::create(const ComponentInfo& component,
                                    const std::vector<double>& values,
                                    const std::string& where) const {
  const Impl::Entry* entry = impl_->find(component.kind, component.name);
  if (!entry || component.kind != kind_of<T>())
    throw std::logic_error("create: component does not belong to this registry");
  const nl_component* raw = entry->component.raw;
  char message[512] = "";
  void* object = nullptr;
  int status = NL_FAILED;
  try {
    status = raw->create(values.data(), &object, message, sizeof message);
  } catch (const std::exception& e) {  // a hand-written create may throw past the SDK's guard
    std::snprintf(message, sizeof message, "%s", e.what());
  } catch (...) {
    std::snprintf(message, sizeof message, "unknown exception");
  }
  const std::string label = std::string(kind_name(component.kind)) + " '" + component.name + "'";
  const std::string at = where.empty() ? std::string() : where + ": ";
  if (status != NL_CREATED && object != nullptr) raw->destroy(object);  // broke the contract
  if (status == NL_USER_ERROR)
    throw ParameterError(at + label + ": " + (*message ? message : "refused its parameters") +
                         "\n  hint: the rule comes from " + entry->library->path().string() +
                         "; 'neuronlab plugins " + component.name + "' describes the parameters");
  if (status != NL_CREATED || object == nullptr)
    throw Error(at + label + " from " + entry->library->path().string() +
                " failed to initialise: " + (*message ? message : "create returned nothing"));
  // The deleter keeps the library loaded for as long as the object lives.
  auto destroy = raw->destroy;
  return std::shared_ptr<T>(static_cast<T*>(object),
                            [library = entry->library, destroy](T* p) { destroy(p); });
}

bool Registry::check_pairing(std::string_view loss_name, std::string_view activation_name,
                             const ParamMap& activation_params, const std::string& where) const {
  const ComponentInfo& loss = require(Kind::loss, loss_name, where);
  const ComponentInfo& activation = require(Kind::activation, activation_name, where);
  const std::vector<double> values = resolve(activation, activation_params);
  if (loss.fuses_with.empty() || loss.fuses_with != activation.name) return false;
  for (std::size_t i = 0; i < activation.params.size(); ++i) {
    const ParamInfo& p = activation.params[i];
    if (values[i] == p.default_value) continue;
    throw Error((where.empty() ? std::string() : where + ": ") + "loss '" + loss.name +
                "' fuses with the output activation '" + activation.name +
                "' and computes it itself at its default parameters, but '" + p.name + "' is " +
                p.format_value(values[i]) + " here (default " + p.format_value(p.default_value) +
                ")\n  hint: leave " + activation.name + "'s parameters at their defaults, or " +
                "choose a loss that takes the activation's output");
  }
  return true;
}

template std::shared_ptr<Activation> Registry::create(std::string_view, const ParamMap&,
                                                      const std::string&) const;
template std::shared_ptr<Loss> Registry::create(std::string_view, const ParamMap&,
                                                const std::string&) const;
template std::shared_ptr<Optimizer> Registry::create(std::string_view, const ParamMap&,
                                                     const std::string&) const;
template std::shared_ptr<Normalization> Registry::create(std::string_view, const ParamMap&,
                                                         const std::string&) const;
template std::shared_ptr<Activation> Registry::create(const ComponentInfo&,
                                                      const std::vector<double>&,
                                                      const std::string&) const;
template std::shared_ptr<Loss> Registry::create(const ComponentInfo&, const std::vector<double>&,
                                                const std::string&) const;
template std::shared_ptr<Optimizer> Registry::create(const ComponentInfo&,
                                                     const std::vector<double>&,
                                                     const std::string&) const;
template std::shared_ptr<Normalization> Registry::create(const ComponentInfo&,
                                                         const std::vector<double>&,
                                                         const std::string&) const;

}  // namespace neuronlab
