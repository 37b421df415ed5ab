// printable (error.hpp): control characters shown as escapes, so that text from a file, an
// argument or a plugin cannot act on the terminal it is printed to.
#include <neuronlab/error.hpp>

#include <cstdio>

namespace neuronlab {

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  char escape[8];
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0) {
      out += "\\0";
    } else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) {
      std::snprintf(escape, sizeof escape, "\\x%02x", c);
      out += escape;
    } else if (c == 0xc2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
      std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned char>(text[++i]));
      out += escape;
    } else {
      out += char(c);
    }
  }
  return out;
}

}  // namespace neuronlab
