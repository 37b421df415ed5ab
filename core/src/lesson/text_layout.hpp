// Lesson prose laid out for a terminal: paragraphs re-wrapped to its width, indented and fenced
// blocks kept as written, list items with a hanging indent, *emphasis* and `code` shown in
// ANSI styles when the terminal wants them.
#ifndef NEURONLAB_SRC_LESSON_TEXT_LAYOUT_HPP
#define NEURONLAB_SRC_LESSON_TEXT_LAYOUT_HPP

#include <cstddef>
#include <string>
#include <string_view>

namespace neuronlab::lesson {

struct TextStyle {
  std::size_t width = 80;  // the terminal's columns; text is laid out to min(width, 80)
  bool colour = false;     // ANSI styles for markup (a terminal that wants them)
};

// Lays out lesson prose for a terminal:
//  - paragraphs are separated by blank lines; the lines of a paragraph are joined and
//    re-wrapped at word boundaries to min(style.width, 80) columns (never below 20);
//  - a line that starts with a space or tab is kept exactly as written (an indented block,
//    a formula, a table), and so is every line of a fenced block between lines of ``` (the
//    fence lines themselves are dropped);
//  - a list item ("- ", "* ", or "1. " up to "99. " at the start of a line) starts a new line
//    and wraps with a hanging indent under its text; following non-blank, non-indented lines
//    continue the item;
//  - markup: *emphasis* and `code`. With colour, emphasis is bold (ESC[1m … ESC[22m) and code
//    is cyan (ESC[36m … ESC[39m), the markers removed; without colour the asterisks are
//    removed and code keeps its backticks (so a command stays recognisable in plain text).
//    An asterisk is markup only when it opens before a non-space and closes after a
//    non-space on the same paragraph (so "2 * 3" and "a*b" with no closing star stay as
//    written); markup inside `code` is not markup; a lone backtick stays as written;
//  - width is counted in code points of UTF-8 (escape sequences count zero), so "σ′" counts 2;
//    a word longer than the width is put on its own line, never broken;
//  - no line ends with a space; the result ends with exactly one newline (empty text gives "").
std::string layout_text(std::string_view text, const TextStyle& style);

}  // namespace neuronlab::lesson

#endif  // NEURONLAB_SRC_LESSON_TEXT_LAYOUT_HPP
