// The CSV reader and the table-to-data-set conversion on arbitrary bytes.
#include <neuronlab/data/csv.hpp>
#include <neuronlab/data/dataset.hpp>
#include <neuronlab/error.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const neuronlab::data::RawTable table = neuronlab::data::parse_csv(
        std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.csv");
    neuronlab::data::to_dataset(table, {});
  } catch (const neuronlab::Error&) {
  }
  return 0;
}
