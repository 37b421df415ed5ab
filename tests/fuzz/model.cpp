// The model loader on arbitrary files: a saved model is trusted by nobody, so every count in
// it is checked against what it holds before anything is allocated. The registry is empty,
// so a model that passes every check ends at its first activation, after the checks that
// matter here.
#include <neuronlab/engine/model_file.hpp>
#include <neuronlab/error.hpp>
#include <neuronlab/registry.hpp>

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = "/tmp/neuronlab-fuzz-model-" + std::to_string(getpid()) + ".yaml";
  static const neuronlab::Registry registry;
  if (FILE* file = std::fopen(path.c_str(), "wb")) {
    std::fwrite(data, 1, size, file);
    std::fclose(file);
  }
  try {
    neuronlab::engine::load_model(path, registry);
  } catch (const neuronlab::Error&) {
  }
  return 0;
}
