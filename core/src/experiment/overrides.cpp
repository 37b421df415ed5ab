// Keys of an experiment set from the command line (--set key.path=value, --seed): applied to
// the parsed document before it is read, so that they are checked exactly as the file is,
// and their mistakes are named by the option that made them.
#include <neuronlab/experiment/experiment.hpp>

#include <cctype>

#include "../data/text.hpp"
#include "experiment_parts.hpp"

namespace neuronlab::experiment {
namespace {

std::vector<std::string> segments(const std::string& path) {
  std::vector<std::string> out(1);
  for (char c : path) {
    if (c == '.')
      out.emplace_back();
    else
      out.back() += c;
  }
  return out;
}

bool is_index(const std::string& s) {
  return !s.empty() && s.size() <= 6 &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

std::string joined(const std::vector<std::string>& parts, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) out += (i ? "." : "") + parts[i];
  return out;
}

}  // namespace

Override parse_override(const std::string& text, const std::string& option) {
  const std::size_t eq = text.find('=');
  const std::string shown = option + " " + text;
  if (eq == std::string::npos)
    throw Error(shown + ": write key=value, such as " + option + " optimizer.learning_rate=0.01");
  Override o{text.substr(0, eq), text.substr(eq + 1), shown};
  const std::vector<std::string> parts = segments(o.path);
  if (std::any_of(parts.begin(), parts.end(), [](const std::string& s) { return s.empty(); }))
    throw Error(shown + ": the key '" + o.path +
                "' has an empty part; name it as the file nests it: training.epochs, "
                "network.layers.0.neurons");
  return o;
}

void detail::apply_override(YamlReader& in, const YAML::Node& root, const Override& o) {
  YAML::Node value;
  try {
    value = YAML::Load(o.value);
  } catch (const YAML::ParserException& e) {
    throw Error(o.option + ": the value '" + o.value + "' is not valid YAML (" + e.msg +
                "); quote a text that contains YAML's signs, and write a map as {key: value}");
  }
  const std::vector<std::string> parts = segments(o.path);
  YAML::Node at = root;
  for (std::size_t i = 0; i + 1 <= parts.size(); ++i) {
    const std::string& part = parts[i];
    const std::string so_far = i ? joined(parts, i) : "the experiment";
    const bool last = i + 1 == parts.size();
    if (at.IsSequence()) {
      if (!is_index(part) || std::stoul(part) >= at.size())
        throw Error(o.option + ": " + so_far + " is a list of " + std::to_string(at.size()) +
                    " item(s); name one by its number, 0 to " + std::to_string(at.size() - 1) +
                    " (" + joined(parts, i) + ".0" + ")");
      const std::size_t index = std::stoul(part);
      if (last) {
        at[index] = value;
        in.place(at[index], o.option);
        return;
      }
      at.reset(at[index]);
    } else if (at.IsMap()) {
      if (last) {
        at[part] = value;
        in.place(at[part], o.option);
        for (auto it = at.begin(); it != at.end(); ++it)
          if (it->first.IsScalar() && it->first.Scalar() == part) in.place(it->first, o.option);
        return;
      }
      if (!at[part]) {
        std::vector<std::string> keys;
        for (auto it = at.begin(); it != at.end(); ++it) keys.push_back(it->first.Scalar());
        throw Error(o.option + ": " + so_far + " has no '" + part + "'" + did_you_mean(part, keys) +
                    " in " + in.file() +
                    (keys.empty() ? std::string() : "; it has " + neuronlab::detail::join(keys)) +
                    " (--set changes a key the file has, or adds the last part of the path)");
      }
      at.reset(at[part]);
    } else {
      throw Error(o.option + ": " + so_far + " is a single value in " + in.file() +
                  ", not a map or a list, so it has no '" + part + "'");
    }
  }
}

}  // namespace neuronlab::experiment
