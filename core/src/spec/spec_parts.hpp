// The sections of an experiment file, each read in its own file.
#ifndef NEURONLAB_SRC_SPEC_SPEC_PARTS_HPP
#define NEURONLAB_SRC_SPEC_SPEC_PARTS_HPP

#include <neuronlab/spec/experiment.hpp>

#include "yaml_reader.hpp"

namespace neuronlab::spec::detail {

// data: (data_spec.cpp). base_dir resolves a relative csv: path.
void read_data(const YamlReader& in, const YAML::Node& node, const std::filesystem::path& base_dir,
               DataSpec& out);

}  // namespace neuronlab::spec::detail

#endif  // NEURONLAB_SRC_SPEC_SPEC_PARTS_HPP
