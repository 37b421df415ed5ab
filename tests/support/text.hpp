// Text helpers for tests that read a program's output: whether it holds a part, and its lines.
#ifndef NEURONLAB_TESTS_SUPPORT_TEXT_HPP
#define NEURONLAB_TESTS_SUPPORT_TEXT_HPP

#include <sstream>
#include <string>
#include <vector>

namespace neuronlab::test {

inline bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The lines of text, without their line ends; a last line without one still counts.
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace neuronlab::test

#endif  // NEURONLAB_TESTS_SUPPORT_TEXT_HPP
