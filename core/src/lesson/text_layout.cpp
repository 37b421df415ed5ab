// Lesson prose for a terminal, in two passes. Lines are sorted into blocks: paragraphs and list
// items are gathered, then re-wrapped; indented lines and the lines inside ``` fences pass
// through as written. A paragraph or item is read once for markup into words that carry their
// styles and visible width, then filled greedily. Every output line opens and closes its own
// styles, so a line cut off by a pager never leaves the terminal bold or cyan.
#include "text_layout.hpp"

#include <algorithm>
#include <vector>

namespace neuronlab::lesson {
namespace {

constexpr std::size_t widest = 80, narrowest = 20;

// The styles a byte is shown in, as bits: emphasis and code nest and switch independently.
constexpr unsigned emphasis = 1, code = 2;

// One word of a paragraph: its bytes, the styles of each byte, and the columns it takes.
struct Word {
  std::string text;
  std::vector<unsigned> styles;  // one per byte of text
  unsigned gap = 0;              // the styles of the space before it, inside a span or not
  std::size_t width = 0;
};

// Code points of UTF-8 (a byte 10xxxxxx continues one); ESC [ ... sequences take no column.
std::size_t visible_width(std::string_view s) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\x1b' && i + 1 < s.size() && s[i + 1] == '[') {
      i += 2;
      while (i < s.size() && !(s[i] >= 0x40 && s[i] <= 0x7e)) ++i;  // up to the final byte
    } else if ((static_cast<unsigned char>(s[i]) & 0xc0) != 0x80) {
      ++width;
    }
  }
  return width;
}

// The lines of a paragraph as one line, each run of spaces and tabs a single space.
std::string join(const std::vector<std::string_view>& lines) {
  std::string joined;
  auto add = [&](char c) {
    if (c != ' ' && c != '\t')
      joined += c;
    else if (!joined.empty() && joined.back() != ' ')
      joined += ' ';
  };
  for (std::string_view line : lines) {
    for (char c : line) add(c);
    add(' ');  // the author's line break
  }
  if (!joined.empty() && joined.back() == ' ') joined.pop_back();
  return joined;
}

// The words of a paragraph with its markup read. Code spans are found first, so an asterisk
// inside one is text; an emphasis span may hold whole code spans.
std::vector<Word> read_words(const std::string& s, bool colour) {
  std::vector<unsigned> styles(s.size(), 0);
  std::vector<bool> marker(s.size(), false);  // a backtick or asterisk that opens or closes
  for (std::size_t i = 0; i < s.size(); ++i) {
    const std::size_t j = s[i] == '`' ? s.find('`', i + 1) : std::string::npos;
    if (j == std::string::npos) continue;
    std::fill(styles.begin() + i, styles.begin() + j + 1, code);
    marker[i] = marker[j] = true;
    i = j;
  }
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] != '*' || (styles[i] & code) || s[i + 1] == ' ') continue;
    std::size_t j = i + 2;  // the first star after a non-space, outside code
    while (j < s.size() && !(s[j] == '*' && !(styles[j] & code) && s[j - 1] != ' ')) ++j;
    if (j >= s.size()) continue;
    for (std::size_t k = i; k <= j; ++k) styles[k] |= emphasis;
    marker[i] = marker[j] = true;
    i = j;
  }

  std::vector<Word> words(1);
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (marker[i] && (s[i] == '*' || colour)) continue;  // plain text keeps the backticks
    if (s[i] == ' ') {
      if (!words.back().text.empty()) words.emplace_back();
      words.back().gap = styles[i];
      continue;
    }
    words.back().text += s[i];
    words.back().styles.push_back(styles[i]);
  }
  if (words.back().text.empty()) words.pop_back();
  for (Word& word : words) word.width = visible_width(word.text);
  return words;
}

// The SGR codes that take a terminal from styles `on` to `want`, changing only what differs.
void switch_styles(std::string& out, unsigned& on, unsigned want) {
  if ((on ^ want) & emphasis) out += want & emphasis ? "\x1b[1m" : "\x1b[22m";
  if ((on ^ want) & code) out += want & code ? "\x1b[36m" : "\x1b[39m";
  on = want;
}

// Words [first, last) as one line that starts and ends with no style on.
std::string render(const std::vector<Word>& words, std::size_t first, std::size_t last,
                   const std::string& indent, bool colour) {
  std::string line = indent;
  unsigned on = 0;
  auto style = [&](unsigned want) {
    if (colour) switch_styles(line, on, want);
  };
  for (std::size_t k = first; k < last; ++k) {
    if (k > first) {
      style(words[k].gap);
      line += ' ';
    }
    for (std::size_t i = 0; i < words[k].text.size(); ++i) {
      style(words[k].styles[i]);
      line += words[k].text[i];
    }
  }
  style(0);
  return line;
}

// Greedy fill: as many words on a line as fit in `width` after the indent. The first line
// starts with `lead` (a list item's marker), the others with as many spaces; a word wider than
// the room gets a line of its own.
void fill(const std::vector<Word>& words, const std::string& lead, std::size_t width, bool colour,
          std::vector<std::string>& out) {
  const std::string hanging(lead.size(), ' ');
  const std::size_t room = width - lead.size();  // a marker is at most 4 columns, width >= 20
  std::size_t first = 0, used = 0;
  for (std::size_t k = 0; k < words.size(); ++k) {
    if (k > first && used + 1 + words[k].width > room) {
      out.push_back(render(words, first, k, first ? hanging : lead, colour));
      first = k;
      used = 0;
    }
    used += (k > first ? 1 : 0) + words[k].width;
  }
  if (first < words.size())
    out.push_back(render(words, first, words.size(), first ? hanging : lead, colour));
}

// The length of "- ", "* " or "1. " to "99. " at the start of a line, or 0 for none.
std::size_t list_marker(std::string_view line) {
  if (line.size() >= 2 && (line[0] == '-' || line[0] == '*') && line[1] == ' ') return 2;
  std::size_t digits = 0;
  while (digits < 2 && digits < line.size() && line[digits] >= '0' && line[digits] <= '9') ++digits;
  const bool numbered = digits > 0 && line[0] != '0' && line.substr(digits, 2) == ". ";
  return numbered ? digits + 2 : 0;
}

}  // namespace

std::string layout_text(std::string_view text, const TextStyle& style) {
  const std::size_t width = std::clamp(style.width, narrowest, widest);
  std::vector<std::string> out;         // the lines, without their line breaks
  std::vector<std::string_view> block;  // the paragraph or list item being gathered
  std::string marker;                   // the item's "- " or "12. ", empty for a paragraph
  bool fenced = false, blank = false;   // inside ```; a blank line since the last block

  auto separate = [&] {
    if (blank && !out.empty()) out.emplace_back();
    blank = false;
  };
  auto flush = [&] {
    const std::vector<Word> words = read_words(join(block), style.colour);
    if (!words.empty()) {
      separate();
      fill(words, marker, width, style.colour, out);
    }
    block.clear();
    marker.clear();
  };

  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
      line.remove_suffix(1);

    if (line.substr(0, 3) == "```") {
      flush();
      fenced = !fenced;
    } else if (fenced || (!line.empty() && (line[0] == ' ' || line[0] == '\t'))) {
      flush();
      separate();
      out.emplace_back(line);
    } else if (line.empty()) {
      flush();
      blank = true;
    } else {
      if (const std::size_t m = list_marker(line)) {
        flush();
        marker = std::string(line.substr(0, m));
        line.remove_prefix(m);
      }
      block.push_back(line);
    }
  }
  flush();

  while (!out.empty() && out.back().empty()) out.pop_back();
  std::string result;
  for (const std::string& line : out) result += line + '\n';
  return result;
}

}  // namespace neuronlab::lesson
