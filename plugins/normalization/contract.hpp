// Shape checks shared by the built-in normalizations. The shapes are the host's side of the
// contract, so a mismatch is a bug in the caller and is reported as std::logic_error, naming
// the component, the call and both shapes.
#ifndef NEURONLAB_PLUGINS_NORMALIZATION_CONTRACT_HPP
#define NEURONLAB_PLUGINS_NORMALIZATION_CONTRACT_HPP

#include <cstddef>
#include <stdexcept>
#include <string>

namespace neuronlab::norm {

inline void expect_columns(const char* component, const char* what, std::size_t got,
                           std::size_t expected) {
  if (got != expected)
    throw std::logic_error(std::string(component) + ": " + what + " has " + std::to_string(got) +
                           " columns, expected " + std::to_string(expected));
}

inline void expect_rows(const char* component, const char* what, std::size_t got,
                        std::size_t expected) {
  if (got != expected)
    throw std::logic_error(std::string(component) + ": " + what + " has " + std::to_string(got) +
                           " rows, expected " + std::to_string(expected));
}

inline void expect_at_most_rows(const char* component, std::size_t got, std::size_t max_batch) {
  if (got > max_batch)
    throw std::logic_error(std::string(component) + ": forward got " + std::to_string(got) +
                           " rows but bind allowed at most " + std::to_string(max_batch));
}

inline void expect(bool condition, const char* component, const char* message) {
  if (!condition) throw std::logic_error(std::string(component) + ": " + message);
}

}  // namespace neuronlab::norm

#endif  // NEURONLAB_PLUGINS_NORMALIZATION_CONTRACT_HPP
