// What a user configures by name with parameters — a plugin component, a weight init scheme,
// a learning-rate schedule, a data generator — is described by one kind of schema: named
// parameters with a type, a default, a range and a doc. One function checks what the user
// wrote against it (unknown names get a did-you-mean, values outside a range name the range),
// fills in the defaults and hands the values out by name; `neuronlab plugins` describes
// every schema the same way.
#ifndef NEURONLAB_SCHEMA_HPP
#define NEURONLAB_SCHEMA_HPP

#include <neuronlab/registry.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace neuronlab {

struct Schema {
  std::string kind;  // as messages name it: "init", "schedule", "generator"
  std::string name;
  std::string summary;
  std::string formula;
  std::vector<ParamInfo> params;

  const ParamInfo* param(std::string_view name) const;
};

// Schema entries, as the SDK's real() / integer() / flag() / choice() declare plugin ones.
ParamInfo real_param(const char* name, double default_value, double min_value, double max_value,
                     const char* doc, bool min_open = false, bool max_open = false);
ParamInfo integer_param(const char* name, long default_value, long min_value, long max_value,
                        const char* doc);
ParamInfo choice_param(const char* name, std::vector<std::string> choices,
                       std::size_t default_index, const char* doc);

// One value per parameter of `params`, in its order: the written ones checked against their
// type and range, defaults for the rest. `what` names the owner in messages ("optimizer
// 'sgd'", "generator 'spiral'"); `see` is the command that describes it. Throws Error at the
// parameter's `where`.
std::vector<double> resolve_params(const std::vector<ParamInfo>& params, const ParamMap& given,
                                   const std::string& what, const std::string& see);

// Resolved values, read by name. Asking for a name the schema does not declare is a bug.
class ParamValues {
 public:
  ParamValues(const std::vector<ParamInfo>& params, std::vector<double> values);
  double real(std::string_view name) const;
  long integer(std::string_view name) const;
  bool flag(std::string_view name) const;
  const std::string& choice(std::string_view name) const;
  const std::vector<double>& values() const { return values_; }

 private:
  std::size_t index(std::string_view name) const;
  const std::vector<ParamInfo>* params_;
  std::vector<double> values_;
};

ParamValues resolve(const Schema& schema, const ParamMap& given);

// Every parameter with its value as a ParamMap (booleans as bool, choices as their text), the
// written ones keeping where they were written: what `neuronlab config` writes out.
ParamMap resolved_params(const std::vector<ParamInfo>& params, const std::vector<double>& values,
                         const ParamMap& given);

// Pointers to every schema of a table, in its order: the form find_schema takes.
std::vector<const Schema*> schema_list(const std::vector<Schema>& table);

// The schema called `name`; else Error at `where` naming the closest and the known ones:
// "unknown init 'xavier_unifrom' (did you mean 'xavier_uniform'?); the init schemes are: ...".
const Schema& find_schema(const std::vector<const Schema*>& schemas, std::string_view name,
                          const std::string& kind, const std::string& plural,
                          const std::string& where);

}  // namespace neuronlab

#endif  // NEURONLAB_SCHEMA_HPP
