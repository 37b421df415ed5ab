// Parameter schemas on the host side: describing them and validating what the user wrote.
#include <neuronlab/registry.hpp>
#include <neuronlab/schema.hpp>

#include <cmath>
#include <cstdio>

namespace neuronlab {

const char* type_name(ParamType type) {
  switch (type) {
    case ParamType::real:
      return "real";
    case ParamType::integer:
      return "integer";
    case ParamType::boolean:
      return "boolean";
    case ParamType::choice:
      return "choice";
  }
  return "?";
}

namespace {

std::string number(double v) {
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.9g", v);
  return buffer;
}

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

bool in_range(const ParamInfo& p, double v) {
  if (p.min_open ? !(v > p.min_value) : !(v >= p.min_value)) return false;
  if (p.max_open ? !(v < p.max_value) : !(v <= p.max_value)) return false;
  return true;
}

std::string interval(const ParamInfo& p) {
  return (p.min_open ? "(" : "[") + number(p.min_value) + ", " + number(p.max_value) +
         (p.max_open || std::isinf(p.max_value) ? ")" : "]");
}

std::string prefix(const std::string& where) {
  return where.empty() ? std::string() : where + ": ";
}

}  // namespace

std::string ParamInfo::range_text() const {
  switch (type) {
    case ParamType::boolean:
      return "true or false";
    case ParamType::choice:
      return "one of {" + join(choices, ", ") + "}";
    default:
      break;
  }
  return type == ParamType::integer ? "a whole number in " + interval(*this) : interval(*this);
}

std::string ParamInfo::format_value(double value) const {
  switch (type) {
    case ParamType::boolean:
      return value != 0.0 ? "true" : "false";
    case ParamType::choice: {
      // Compared as doubles first: a value from a damaged descriptor may not fit an index.
      if (!(value >= 0 && value < static_cast<double>(choices.size()))) return number(value);
      return choices[static_cast<std::size_t>(value)];
    }
    default:
      return number(value);
  }
}

std::vector<double> resolve_params(const std::vector<ParamInfo>& schema, const ParamMap& params,
                                   const std::string& what, const std::string& see) {
  std::vector<double> values;
  for (const auto& p : schema) values.push_back(p.default_value);

  for (std::size_t i = 0; i < params.size(); ++i) {
    const auto& [key, given] = params[i];
    for (std::size_t j = 0; j < i; ++j)
      if (params[j].first == key)
        throw Error(prefix(given.where) + "parameter '" + key + "' of " + what + " is given twice");

    const ParamInfo* info = nullptr;
    for (const auto& p : schema)
      if (p.name == key) info = &p;
    if (!info) {
      std::vector<std::string> names;
      for (const auto& p : schema) names.push_back(p.name);
      throw Error(prefix(given.where) + "unknown parameter '" + key + "' for " + what +
                  did_you_mean(key, names) + "\n  hint: its parameters are: " +
                  (names.empty() ? std::string("none") : join(names, ", ")) + "; see '" + see +
                  "'");
    }
    const std::string bad = prefix(given.where) + "parameter '" + key + "' of " + what;
    double value = 0.0;
    switch (info->type) {
      case ParamType::boolean:
        if (!std::holds_alternative<bool>(given.value)) throw Error(bad + " must be true or false");
        value = std::get<bool>(given.value) ? 1.0 : 0.0;
        break;
      case ParamType::choice: {
        const std::string* text = std::get_if<std::string>(&given.value);
        std::size_t index = info->choices.size();
        for (std::size_t c = 0; text && c < info->choices.size(); ++c)
          if (info->choices[c] == *text) index = c;
        if (index == info->choices.size())
          throw Error(bad + " must be " + info->range_text() +
                      (text ? ", not '" + *text + "'" + did_you_mean(*text, info->choices) : ""));
        value = static_cast<double>(index);
        break;
      }
      case ParamType::real:
      case ParamType::integer: {
        const double* v = std::get_if<double>(&given.value);
        if (!v) throw Error(bad + " must be a number in " + info->range_text());
        if (info->type == ParamType::integer && std::floor(*v) != *v)
          throw Error(bad + " must be " + info->range_text() + ", not " + number(*v));
        if (!std::isfinite(*v) || !in_range(*info, *v))
          throw Error(bad + " is " + number(*v) + ", outside its range " + interval(*info) +
                      "\n  hint: " + info->doc);
        value = *v;
        break;
      }
    }
    values[static_cast<std::size_t>(info - schema.data())] = value;
  }
  return values;
}

std::vector<double> Registry::resolve(const ComponentInfo& component,
                                      const ParamMap& params) const {
  return resolve_params(component.params, params,
                        std::string(kind_name(component.kind)) + " '" + component.name + "'",
                        "neuronlab plugins " + component.name);
}

const ParamInfo* ComponentInfo::param(std::string_view wanted) const {
  for (const auto& p : params)
    if (p.name == wanted) return &p;
  return nullptr;
}

}  // namespace neuronlab
