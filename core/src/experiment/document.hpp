// A bound experiment as a document: the tree of a valid experiment file with every default
// and plugin parameter written out, as JSON (inside a run record) or as YAML (`neuronlab
// config`). Reading the YAML back gives an experiment that trains to the same record.
#ifndef NEURONLAB_SRC_EXPERIMENT_DOCUMENT_HPP
#define NEURONLAB_SRC_EXPERIMENT_DOCUMENT_HPP

#include <neuronlab/experiment/experiment.hpp>
#include <neuronlab/experiment/record.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace neuronlab::experiment::detail {

using Json = nlohmann::ordered_json;

// The resolved experiment (BoundExperiment::experiment) with the data it was bound to. Data
// come from an absolute csv: path (so that the document runs from any folder), an inline
// table or a generator with all its parameters; target, features and task are written as the
// data were read.
Json experiment_document(const Experiment& resolved, const DataSummary& data);

// A document as YAML: short maps and any list of scalars in flow style ({neurons: 8, ...}),
// the rest in block style; numbers as JSON writes them (the shortest text that reads back the same
// double), strings quoted where YAML would read them as something else.
std::string yaml_text(const Json& document);

}  // namespace neuronlab::experiment::detail

#endif  // NEURONLAB_SRC_EXPERIMENT_DOCUMENT_HPP
