# The front door: data (CSV, inline tables, generators, splits, input normalization) and the
# experiment spec read from YAML, and the run pipeline (spec/run.cpp) that trains what a spec
# describes. The host's run and predict commands and the lessons link it.
add_library(neuronlab_frontdoor STATIC
  src/data/csv.cpp
  src/data/dataset.cpp
  src/data/generate.cpp
  src/data/input_normalizer.cpp
  src/data/split.cpp
  src/spec/bind.cpp
  src/spec/data_spec.cpp
  src/spec/experiment.cpp
  src/spec/run.cpp
  src/spec/yaml_reader.cpp
)
target_link_libraries(neuronlab_frontdoor PUBLIC neuronlab_loader neuronlab_engine PRIVATE yaml-cpp)
neuronlab_warnings(neuronlab_frontdoor)
