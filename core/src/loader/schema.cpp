// Schemas for what the host itself offers by name (init schemes, schedules, generators):
// entries, resolution by name and lookup. Plugin components use the same resolve_params
// (params.cpp).
#include <neuronlab/schema.hpp>

#include <stdexcept>

namespace neuronlab {

const ParamInfo* Schema::param(std::string_view wanted) const {
  for (const auto& p : params)
    if (p.name == wanted) return &p;
  return nullptr;
}

ParamInfo real_param(const char* name, double default_value, double min_value, double max_value,
                     const char* doc, bool min_open, bool max_open) {
  return {name, ParamType::real, default_value, min_value, max_value, min_open, max_open, {}, doc};
}

ParamInfo integer_param(const char* name, long default_value, long min_value, long max_value,
                        const char* doc) {
  return {name,
          ParamType::integer,
          double(default_value),
          double(min_value),
          double(max_value),
          false,
          false,
          {},
          doc};
}

ParamInfo choice_param(const char* name, std::vector<std::string> choices,
                       std::size_t default_index, const char* doc) {
  return {
      name, ParamType::choice, double(default_index), 0.0, 0.0, false, false, std::move(choices),
      doc};
}

ParamValues::ParamValues(const std::vector<ParamInfo>& params, std::vector<double> values)
    : params_(&params), values_(std::move(values)) {}

std::size_t ParamValues::index(std::string_view name) const {
  for (std::size_t i = 0; i < params_->size(); ++i)
    if ((*params_)[i].name == name) return i;
  throw std::logic_error("reading undeclared parameter '" + std::string(name) + "'");
}

double ParamValues::real(std::string_view name) const { return values_[index(name)]; }
long ParamValues::integer(std::string_view name) const {
  return static_cast<long>(values_[index(name)]);
}
bool ParamValues::flag(std::string_view name) const { return values_[index(name)] != 0.0; }
const std::string& ParamValues::choice(std::string_view name) const {
  const std::size_t i = index(name);
  return (*params_)[i].choices.at(static_cast<std::size_t>(values_[i]));
}

ParamValues resolve(const Schema& schema, const ParamMap& given) {
  return ParamValues(schema.params,
                     resolve_params(schema.params, given, schema.kind + " '" + schema.name + "'",
                                    "neuronlab plugins " + schema.kind + "/" + schema.name));
}

ParamMap resolved_params(const std::vector<ParamInfo>& params, const std::vector<double>& values,
                         const ParamMap& given) {
  ParamMap out;
  for (std::size_t i = 0; i < params.size(); ++i) {
    const ParamInfo& p = params[i];
    ParamValue value;
    if (p.type == ParamType::boolean)
      value.value = values[i] != 0.0;
    else if (p.type == ParamType::choice)
      value.value = p.choices.at(static_cast<std::size_t>(values[i]));
    else
      value.value = values[i];
    for (const auto& [written, v] : given)
      if (written == p.name) value.where = v.where;
    out.emplace_back(p.name, std::move(value));
  }
  return out;
}

std::vector<const Schema*> schema_list(const std::vector<Schema>& table) {
  std::vector<const Schema*> out;
  for (const Schema& s : table) out.push_back(&s);
  return out;
}

const Schema& find_schema(const std::vector<const Schema*>& schemas, std::string_view name,
                          const std::string& kind, const std::string& plural,
                          const std::string& where) {
  std::vector<std::string> names;
  for (const Schema* s : schemas) {
    if (s->name == name) return *s;
    names.push_back(s->name);
  }
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  throw Error((where.empty() ? "" : where + ": ") + "unknown " + kind + " '" + std::string(name) +
              "'" + did_you_mean(name, names) + "; the " + plural + " are: " + list);
}

}  // namespace neuronlab
