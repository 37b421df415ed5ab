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

// `text` with every control character a terminal could obey (C0 but tab and newline, DEL,
// and C1 written as UTF-8) shown as an escape instead: "\x1b", "\0", "\x7f", "\u009b".
// Everything neuronlab prints that came from a user's file, argument or plugin passes
// through here on its way to a terminal.
std::string printable(std::string_view text);

// Edit distance (insertions, deletions, substitutions), for suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace neuronlab

#endif  // NEURONLAB_ERROR_HPP
