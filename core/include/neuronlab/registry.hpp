// The host side of the plugin contract: finds plugin libraries, checks them before any C++
// object crosses, and creates components from validated parameters.
#ifndef NEURONLAB_REGISTRY_HPP
#define NEURONLAB_REGISTRY_HPP

#include <neuronlab/error.hpp>
#include <neuronlab/sdk/plugin.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace neuronlab {

enum class Kind { activation = 1, loss = 2, optimizer = 3, normalization = 4 };
const char* kind_name(Kind kind);  // "activation", ...
std::optional<Kind> parse_kind(std::string_view name);

enum class ParamType { real = 1, integer = 2, boolean = 3, choice = 4 };
const char* type_name(ParamType type);  // "real", "integer", "boolean", "choice"

struct ParamInfo {
  std::string name;
  ParamType type;
  double default_value;
  double min_value;
  double max_value;
  bool min_open;
  bool max_open;
  std::vector<std::string> choices;  // choice only
  std::string doc;

  std::string range_text() const;                // "[0, inf)", "{none, tanh}", "true or false"
  std::string format_value(double value) const;  // "0.01", "true", "tanh"
};

struct ComponentInfo {
  Kind kind;
  std::string name;
  std::string summary;
  std::string formula;
  std::string reference;
  std::uint32_t usage;  // nl_usage bits, normalization only
  std::vector<ParamInfo> params;
  std::filesystem::path library;
  std::string module_name;
  std::string module_version;

  const ParamInfo* param(std::string_view name) const;
};

// A parameter as the user wrote it, and where (e.g. "run.yaml:12:5"; may be empty).
struct ParamValue {
  std::variant<double, bool, std::string> value;
  std::string where;
};
using ParamMap = std::vector<std::pair<std::string, ParamValue>>;

struct Diagnostic {
  enum class Level { error, warning, note };  // note: shown with --verbose only
  Level level;
  std::filesystem::path path;
  std::string message;
};

// --plugin-dir flags, then NEURONLAB_PLUGIN_PATH (':'-separated), then the plugin directory
// next to the executable.
std::vector<std::filesystem::path> plugin_search_path(
    const std::vector<std::filesystem::path>& flags);

class Registry {
 public:
  Registry();
  ~Registry();
  Registry(Registry&&) noexcept;
  Registry& operator=(Registry&&) noexcept;

  // Loads every regular file of each directory in turn (sorted by name). A missing or empty
  // directory is a warning; a rejected file is a diagnostic, never an exception.
  void load_directories(const std::vector<std::filesystem::path>& dirs);
  // Loads one library; false (with diagnostics) if it was rejected.
  bool load_library(const std::filesystem::path& file);

  const std::vector<Diagnostic>& diagnostics() const;
  std::vector<const ComponentInfo*> components() const;  // by kind, then name
  const ComponentInfo* find(Kind kind, std::string_view name) const;
  // As find, but an unknown name throws Error naming `where`, the known names and the closest.
  const ComponentInfo& require(Kind kind, std::string_view name,
                               const std::string& where = {}) const;
  // Checks names, types and ranges against the schema and fills in defaults; throws Error.
  std::vector<double> resolve(const ComponentInfo& component, const ParamMap& params) const;

  // T is Activation, Loss, Optimizer or Normalization. The object keeps its library loaded.
  template <class T>
  std::shared_ptr<T> create(std::string_view name, const ParamMap& params = {},
                            const std::string& where = {}) const;
  template <class T>
  std::shared_ptr<T> create(const ComponentInfo& component,
                            const std::vector<double>& values) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace neuronlab

#endif  // NEURONLAB_REGISTRY_HPP
