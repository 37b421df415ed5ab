// YamlReader: typed, located access to YAML nodes (see yaml_reader.hpp).
#include "yaml_reader.hpp"

#include <neuronlab/io/files.hpp>

#include <algorithm>
#include <cmath>
#include <set>

#include "../data/text.hpp"

namespace neuronlab::yaml {

using neuronlab::detail::format_number;
using neuronlab::detail::join;

namespace {

const char* type_of(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
      return "nothing";
    case YAML::NodeType::Scalar:
      return "a value";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a map";
    default:
      return "nothing";
  }
}

// "'many'" for a scalar, else what kind of node it is.
std::string shown(const YAML::Node& node) {
  return node.IsScalar() ? "'" + node.Scalar() + "'" : type_of(node);
}

bool quoted(const YAML::Node& node) { return node.Tag() == "!"; }

}  // namespace

std::string YamlReader::where(const YAML::Mark& mark) const {
  if (mark.is_null()) return file_;  // a node that was not read from the text
  return file_ + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

std::string YamlReader::where(const YAML::Node& node) const {
  for (const auto& [placed, place] : placed_)
    if (placed.is(node)) return place;
  return where(node.Mark());
}

void YamlReader::place(const YAML::Node& node, const std::string& place) {
  placed_.emplace_back(node, place);
  if (node.IsMap()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      placed_.emplace_back(it->first, place);
      this->place(it->second, place);
    }
  } else if (node.IsSequence()) {
    for (const YAML::Node& item : node) this->place(item, place);
  }
}

void YamlReader::fail(const YAML::Node& node, const std::string& message) const {
  throw Error(where(node) + ": " + message);
}

void YamlReader::expect_map(const YAML::Node& node, const std::string& what) const {
  if (!node.IsMap()) fail(node, what + " must be a map of 'key: value' lines, not " + shown(node));
}

void YamlReader::check_keys(const YAML::Node& map, const std::string& what,
                            const std::vector<std::string>& allowed) const {
  expect_map(map, what);
  std::set<std::string> seen;
  for (auto it = map.begin(); it != map.end(); ++it) {
    const YAML::Node key = it->first;
    if (!key.IsScalar()) fail(key, "a key in " + what + " must be a name");
    const std::string& name = key.Scalar();
    if (!seen.insert(name).second)
      fail(key, "key '" + name + "' appears twice in " + what + " (keep one)");
    bool known = false;
    for (const auto& a : allowed) known = known || a == name;
    if (!known)
      fail(key, "unknown key '" + name + "' in " + what + did_you_mean(name, allowed) +
                    "; allowed keys: " + join(allowed));
  }
}

std::string YamlReader::key_where(const YAML::Node& map, const std::string& key) const {
  for (auto it = map.begin(); it != map.end(); ++it)
    if (it->first.IsScalar() && it->first.Scalar() == key) return where(it->first);
  return where(map);
}

YAML::Node YamlReader::require(const YAML::Node& map, const std::string& key,
                               const std::string& what, const std::string& hint) const {
  YAML::Node node = map[key];
  if (!node.IsDefined() || node.IsNull())
    throw Error((node.IsDefined() ? key_where(map, key) : where(map)) + ": " + what + " needs '" +
                key + "' (" + hint + ")");
  return node;
}

std::string YamlReader::text(const YAML::Node& node, const std::string& name) const {
  if (!node.IsScalar()) fail(node, name + " must be a name or text, not " + shown(node));
  const std::string& text = node.Scalar();
  if (const auto c = neuronlab::detail::find_control_character(text); c.offset != std::string::npos)
    fail(node, name + " holds the control character " + neuronlab::detail::code_point(c.code) +
                   " (at byte " + std::to_string(c.offset + 1) +
                   "); text may not hold terminal control codes, which would act on the "
                   "screen when it is printed (remove it)");
  return text;
}

bool YamlReader::flag(const YAML::Node& node, const std::string& name) const {
  bool value = false;
  if (!node.IsScalar() || quoted(node) || !YAML::convert<bool>::decode(node, value))
    fail(node, name + " must be true or false, not " + shown(node));
  return value;
}

double YamlReader::real(const YAML::Node& node, const std::string& name, double min, double max,
                        bool max_open) const {
  double value = 0;
  const std::string range =
      "[" + format_number(min) + ", " + format_number(max) + (max_open ? ")" : "]");
  if (!node.IsScalar() || quoted(node) || !YAML::convert<double>::decode(node, value) ||
      !std::isfinite(value))
    fail(node, name + " must be a number in " + range + ", not " + shown(node));
  if (value < min || value > max || (max_open && value == max))
    fail(node, name + " is " + node.Scalar() + ", outside its range " + range);
  return value;
}

long YamlReader::integer(const YAML::Node& node, const std::string& name, long min,
                         long max) const {
  double value = 0;
  const std::string range = "[" + std::to_string(min) + ", " + std::to_string(max) + "]";
  if (!node.IsScalar() || quoted(node) || !YAML::convert<double>::decode(node, value) ||
      !std::isfinite(value) || value != std::floor(value))
    fail(node, name + " must be a whole number in " + range + ", not " + shown(node));
  if (value < double(min) || value > double(max))
    fail(node, name + " is " + node.Scalar() + ", outside its range " + range);
  return static_cast<long>(value);
}

std::vector<std::string> YamlReader::text_list(const YAML::Node& node,
                                               const std::string& name) const {
  if (!node.IsSequence())
    fail(node, name + " must be a list of names, like [a, b], not " + shown(node));
  std::vector<std::string> out;
  for (const auto& item : node) out.push_back(text(item, "each entry of " + name));
  return out;
}

ParamValue YamlReader::param_value(const YAML::Node& node, const std::string& name) const {
  if (!node.IsScalar())
    fail(node, "parameter '" + name + "' must be a single value, not " + shown(node));
  ParamValue out;
  out.where = where(node);
  bool b = false;
  double d = 0;
  if (!quoted(node) && (node.Scalar() == "true" || node.Scalar() == "false") &&
      YAML::convert<bool>::decode(node, b))
    out.value = b;
  else if (!quoted(node) && YAML::convert<double>::decode(node, d))
    out.value = d;
  else
    out.value = node.Scalar();
  return out;
}

void YamlReader::plugin(const YAML::Node& node, const std::string& what, std::string& name,
                        std::string& where_out, ParamMap& params) const {
  where_out = where(node);
  params.clear();
  if (node.IsScalar()) {
    name = node.Scalar();
    return;
  }
  if (!node.IsMap())
    fail(node, what + " must be a name (relu) or a map with name: and parameters " +
                   "({name: leaky_relu, negative_slope: 0.2}), not " + shown(node));
  bool named = false;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string key = text(it->first, "a key in " + what);
    if (key == "name") {
      name = text(it->second, what + " name");
      where_out = where(it->second);
      named = true;
      continue;
    }
    for (const auto& [seen, value] : params)
      if (seen == key)
        fail(it->first, "key '" + key + "' appears twice in " + what + " (keep one)");
    params.emplace_back(key, param_value(it->second, key));
  }
  if (!named)
    fail(node, what + " needs 'name:' when it is written as a map (for example {name: adam, " +
                   "learning_rate: 0.01})");
}

std::string YamlReader::read(const std::filesystem::path& path) const {
  return io::read_input_file(path, file_, max_file_bytes,
                             "put tables of data in a CSV file and name it with data: {csv: FILE}");
}

namespace {

// The line (0-based) where a second YAML document starts: a "---" line after the first
// document's content or marker, or content after a "..." end marker; npos when there is none.
// Found in the text, not with YAML::LoadAll, which yaml-cpp 0.7 can loop in forever on some
// broken input (found by the fuzz target).
std::size_t second_document_line(const std::string& text) {
  bool started = false, ended = false;
  std::size_t line = 0;
  for (std::size_t at = 0; at < text.size(); ++line) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    const std::string_view l(text.data() + at, end - at);
    at = end + 1;
    const auto marker = [&](std::string_view m) {
      return l.substr(0, 3) == m && (l.size() == 3 || l[3] == ' ' || l[3] == '\t' || l[3] == '\r');
    };
    const std::size_t first = l.find_first_not_of(" \t\r");
    const bool blank = first == std::string_view::npos || l[first] == '#';
    if (marker("---")) {
      if (started || ended) return line;
      started = true;
    } else if (marker("...")) {
      ended = true;
    } else if (!blank && !(l[0] == '%' && !started)) {
      if (ended) return line;
      started = true;
    }
  }
  return std::string::npos;
}

// The deepest node below `node` that is nested more than `limit` levels, or an undefined
// node when none is.
YAML::Node too_deep(const YAML::Node& node, int limit) {
  if (!node.IsMap() && !node.IsSequence()) return YAML::Node(YAML::NodeType::Undefined);
  if (limit == 0) return node;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const YAML::Node child = node.IsMap() ? it->second : *it;
    if (YAML::Node deep = too_deep(child, limit - 1); deep.IsDefined()) return deep;
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

}  // namespace

YAML::Node YamlReader::load(const std::string& text, const std::string& document) const {
  if (const std::size_t nul = text.find('\0'); nul != std::string::npos) {
    YAML::Mark mark;
    mark.line = int(std::count(text.begin(), text.begin() + long(nul), '\n'));
    const std::size_t line_start = text.rfind('\n', nul);
    mark.column = int(nul - (line_start == std::string::npos ? 0 : line_start + 1));
    throw Error(where(mark) + ": the file holds a NUL byte (" + document +
                " file is text: save it as UTF-8 text)");
  }
  if (const std::size_t line = second_document_line(text); line != std::string::npos) {
    YAML::Mark mark;
    mark.line = int(line);
    mark.column = 0;
    throw Error(where(mark) + ": a second YAML document (after '---' or '...'); " + document +
                " file holds one document (remove the '---' line and what follows, or put it "
                "in a file of its own)");
  }
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {
    throw Error(where(e.mark) + ": the YAML is nested too deeply (at most " +
                std::to_string(max_nesting) + " levels of lists and maps)");
  } catch (const YAML::ParserException& e) {
    throw Error(where(e.mark) + ": this is not valid YAML: " + e.msg +
                " (check the indentation and the brackets around this place)");
  }
  if (const YAML::Node deep = too_deep(root, max_nesting); deep.IsDefined())
    fail(deep, "the YAML is nested too deeply (at most " + std::to_string(max_nesting) +
                   " levels of lists and maps)");
  return root;
}

YAML::Node YamlReader::load_versioned(const std::string& text, const std::string& document,
                                      long version) const {
  const std::string what = document + " file";
  const YAML::Node root = load(text, document);
  if (!root.IsDefined() || root.IsNull())
    throw Error(file_ + ": the file is empty (" + document +
                " starts with format_version: " + std::to_string(version) + ")");
  expect_map(root, what);
  const long given =
      integer(require(root, "format_version", what,
                      "write format_version: " + std::to_string(version) + " on the first line"),
              "format_version", 0, 1000000);
  if (given != version)
    fail(root["format_version"], "format_version " + std::to_string(given) +
                                     " is not supported; this neuronlab reads format_version " +
                                     std::to_string(version));
  return root;
}

}  // namespace neuronlab::yaml
