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
  std::string fuses_with;  // loss only: the output activation it fuses with, or empty

  const ParamInfo* param(std::string_view name) const;
};

// What Registry::create throws when the plugin refused the parameter values as a user's
// mistake (it threw neuronlab::PluginUserError): an Error like any other, so the host exits
// with status 2, but distinguishable from a fault of the plugin.
class ParameterError : public Error {
 public:
  using Error::Error;
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

  // Checks a loss against the network's output activation before anything is created, and
  // says whether they fuse (the engine then hands the loss the logits; see Loss). They fuse
  // when the loss declares fuses_with and the output activation has that name. Throws Error,
  // naming `where`, for an unknown loss or activation, a bad activation parameter, and a fused
  // output activation given a parameter away from its default: the loss computes the
  // activation itself and knows only its defaults. A loss paired with another activation
  // than its partner is allowed (it then receives the activation's output) and gives false.
  bool check_pairing(std::string_view loss, std::string_view output_activation,
                     const ParamMap& activation_params, const std::string& where = {}) const;

  // T is Activation, Loss, Optimizer or Normalization. The object keeps its library loaded.
  // When the plugin refuses the values as a user's mistake, throws ParameterError:
  // "[where: ]optimizer 'adam': <the plugin's message>" and a hint naming the library; any
  // other failure throws Error: "<kind> '<name>' from <library> failed to initialise: ...".
  template <class T>
  std::shared_ptr<T> create(std::string_view name, const ParamMap& params = {},
                            const std::string& where = {}) const;
  template <class T>
  std::shared_ptr<T> create(const ComponentInfo& component, const std::vector<double>& values,
                            const std::string& where = {}) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace neuronlab

#endif  // NEURONLAB_REGISTRY_HPP
