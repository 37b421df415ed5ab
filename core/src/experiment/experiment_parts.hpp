// The sections of an experiment file, each read in its own file.
#ifndef NEURONLAB_SRC_EXPERIMENT_EXPERIMENT_PARTS_HPP
#define NEURONLAB_SRC_EXPERIMENT_EXPERIMENT_PARTS_HPP

#include <neuronlab/experiment/experiment.hpp>

#include "../yaml/yaml_reader.hpp"

namespace neuronlab::experiment::detail {

using yaml::YamlReader;

// data: (data_spec.cpp). base_dir resolves a relative csv: path.
void read_data(const YamlReader& in, const YAML::Node& node, const std::filesystem::path& base_dir,
               DataSpec& out);

// network: (experiment.cpp): its layers into e.network and e.layer_places.
void read_network(const YamlReader& in, const YAML::Node& node, Experiment& e);

// The keys of an experiment besides format_version and kind (experiment.cpp).
extern const std::vector<std::string> experiment_fields;

// An experiment's fields from `root`, whose keys the caller has checked against
// experiment_fields: the top level of an experiment file, or an experiment inside a lesson.
// Sets o.path in the document to o.value (overrides.cpp), placing the new nodes at o.option
// for messages; a path through a key or item the document does not have is an error.
void apply_override(YamlReader& in, const YAML::Node& root, const Override& o);

Experiment read_experiment_fields(const YamlReader& in, const YAML::Node& root,
                                  const std::filesystem::path& base_dir,
                                  const std::string& default_name);

}  // namespace neuronlab::experiment::detail

#endif  // NEURONLAB_SRC_EXPERIMENT_EXPERIMENT_PARTS_HPP
