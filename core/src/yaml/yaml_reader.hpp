// Reading YAML nodes with their source positions, for every YAML file neuronlab reads
// (experiments, lessons, the progress store, models): every value read through here that is
// missing, of the wrong type, out of range or unknown becomes a neuronlab::Error that starts
// with file:line:column (1-based) and ends with a hint.
#ifndef NEURONLAB_SRC_YAML_YAML_READER_HPP
#define NEURONLAB_SRC_YAML_YAML_READER_HPP

#include <neuronlab/registry.hpp>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace neuronlab::yaml {

class YamlReader {
 public:
  explicit YamlReader(std::string file) : file_(std::move(file)) {}

  const std::string& file() const { return file_; }

  // The most a YAML file neuronlab reads as input may hold: a lesson or experiment file is
  // written by a person, and tables of data belong in CSV files.
  static constexpr std::size_t max_file_bytes = 4'000'000;
  static constexpr int max_nesting = 32;
  // The file at `path` (shown as file()), read through io::read_input_file with that bound.
  std::string read(const std::filesystem::path& path) const;
  // Parses text as one YAML document. A NUL byte, text that is not valid YAML, a second
  // document ("---" after the first) and nesting deeper than max_nesting levels are errors at
  // their file:line:column. `document` names the file in hints: "an experiment".
  YAML::Node load(const std::string& text, const std::string& document) const;
  // Parses a versioned document (a lesson or experiment file): valid YAML, not empty, a map,
  // whose format_version is `version`, read before anything else so that a newer file's keys
  // are not reported as unknown. `document` names it: "an experiment", "a lesson".
  YAML::Node load_versioned(const std::string& text, const std::string& document,
                            long version) const;
  // "iris.yaml:7:5"
  std::string where(const YAML::Node& node) const;
  std::string where(const YAML::Mark& mark) const;

  // The keys of a map, checked against `allowed`; `what` names the map in messages ("layer").
  // An unknown key: "iris.yaml:7:5: unknown key 'neuron' in layer (did you mean 'neurons'?)".
  void expect_map(const YAML::Node& node, const std::string& what) const;
  void check_keys(const YAML::Node& map, const std::string& what,
                  const std::vector<std::string>& allowed) const;
  // The node at `key`, which must be present; `what` names the map.
  YAML::Node require(const YAML::Node& map, const std::string& key, const std::string& what,
                     const std::string& hint) const;
  // Where `key` is written in `map` (the key itself), or where the map is when it is absent.
  std::string key_where(const YAML::Node& map, const std::string& key) const;

  // Typed scalars; `name` is how the message names the value ("training.epochs").
  std::string text(const YAML::Node& node, const std::string& name) const;
  bool flag(const YAML::Node& node, const std::string& name) const;
  // Checked against [min, max] (max_open: [min, max)).
  double real(const YAML::Node& node, const std::string& name, double min, double max,
              bool max_open = false) const;
  long integer(const YAML::Node& node, const std::string& name, long min, long max) const;
  std::vector<std::string> text_list(const YAML::Node& node, const std::string& name) const;

  // A scalar as a plugin parameter: true/false → bool, a number → double, else the text.
  ParamValue param_value(const YAML::Node& node, const std::string& name) const;
  // A plugin: `relu` or `{name: leaky_relu, negative_slope: 0.2}`. Out: name, where, params.
  void plugin(const YAML::Node& node, const std::string& what, std::string& name,
              std::string& where, ParamMap& params) const;

  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const;

  // A node that was not read from the file but given elsewhere (a --set option): messages
  // about it, and about everything inside it, name `place` instead of a line of the file.
  void place(const YAML::Node& node, const std::string& place);

 private:
  std::string file_;
  std::vector<std::pair<YAML::Node, std::string>> placed_;
};

}  // namespace neuronlab::yaml

#endif  // NEURONLAB_SRC_YAML_YAML_READER_HPP
