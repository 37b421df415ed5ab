// Errors about user input (YAML, CSV, flags, plugin files). The message is complete and
// meant for the user: where (file:line:column when known), what, and a hint.
#ifndef NEURONLAB_ERROR_HPP
#define NEURONLAB_ERROR_HPP

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace neuronlab {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// " (did you mean 'relu'?)" for the closest candidate within a small edit distance, else "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// Edit distance (insertions, deletions, substitutions), for suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace neuronlab

#endif  // NEURONLAB_ERROR_HPP
