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

// The first control character in text — C0 but tab and newline, DEL, or C1 (U+0080 to
// U+009F, as UTF-8) — which a terminal could obey when the text is printed (clearing the
// screen, moving the cursor, changing its title): its byte offset and code point; npos when
// there is none.
struct ControlCharacter {
  std::size_t offset = std::string::npos;
  unsigned code = 0;
};
inline ControlCharacter find_control_character(const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) return {i, c};
    if (c == 0xc2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9f) return {i, next};
    }
  }
  return {};
}

// "U+001B"
inline std::string code_point(unsigned code) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", code);
  return buffer;
}

// "where: " or nothing, to start a message.
inline std::string prefix(const std::string& where) { return where.empty() ? "" : where + ": "; }

}  // namespace neuronlab::detail

#endif  // NEURONLAB_SRC_DATA_TEXT_HPP
