// The experiment and lesson readers on arbitrary text: the first byte chooses which, the rest
// is the file. Their files are shared between people, so every input is a hostile one.
#include <neuronlab/error.hpp>
#include <neuronlab/experiment/experiment.hpp>
#include <neuronlab/experiment/sweep.hpp>
#include <neuronlab/lesson/lesson.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    switch (data[0] % 3) {
      case 0:
        neuronlab::experiment::parse_experiment(text, "fuzz.yaml", "/nonexistent-fuzz-folder");
        break;
      case 1:
        neuronlab::experiment::parse_sweep(text, "fuzz.yaml");
        break;
      default:
        neuronlab::lesson::parse_lesson(text, "fuzz.yaml", "/nonexistent-fuzz-folder");
        break;
    }
  } catch (const neuronlab::Error&) {
    // A mistake in the file, reported as one: what these readers must do.
  }
  return 0;
}
