// Small text helpers shared by the messages of the data and experiment layers.
#ifndef NEURONLAB_SRC_DATA_TEXT_HPP
#define NEURONLAB_SRC_DATA_TEXT_HPP

#include <cstdio>
#include <string>
#include <vector>

namespace neuronlab::detail {

// "0.2", "150", "1e-05": the shortest %g form, as a user would write the number.
inline std::string format_number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

// "a, b, c"
inline std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// "where: " or nothing, to start a message.
inline std::string prefix(const std::string& where) { return where.empty() ? "" : where + ": "; }

}  // namespace neuronlab::detail

#endif  // NEURONLAB_SRC_DATA_TEXT_HPP
