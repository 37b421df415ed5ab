// Lesson prose laid out for a terminal: paragraphs re-wrapped to the width (80 at most, 20 at
// least), indented and fenced blocks kept as written, list items with a hanging indent,
// *emphasis* and `code` with and without colour (each line closing the styles it opens), widths
// in code points, and the edges: long words, trailing spaces, empty text.
#define BOOST_TEST_MODULE lesson_text_layout
#include <boost/test/unit_test.hpp>

#include <sstream>

#include "../../core/src/lesson/text_layout.hpp"

using neuronlab::lesson::layout_text;
using neuronlab::lesson::TextStyle;

namespace {

TextStyle plain(std::size_t width) { return {width, false}; }
TextStyle coloured(std::size_t width) { return {width, true}; }

// The text of the lesson's knowledge paragraph; at 40 and at 80 a line ends exactly at the edge.
const char* knowledge =
    "The weights and the bias are the neuron's knowledge. Learning means finding good values "
    "for them; everything else is fixed.";

}  // namespace

BOOST_AUTO_TEST_CASE(a_paragraph_is_rewrapped_to_forty_columns) {
  BOOST_TEST(layout_text(knowledge, plain(40)) ==
             "The weights and the bias are the\n"
             "neuron's knowledge. Learning means\n"
             "finding good values for them; everything\n"  // 40 columns: still fits
             "else is fixed.\n");
}

BOOST_AUTO_TEST_CASE(a_paragraph_is_rewrapped_to_eighty_columns_and_no_wider) {
  const std::string eighty =
      "The weights and the bias are the neuron's knowledge. Learning means finding good\n"
      "values for them; everything else is fixed.\n";
  BOOST_TEST(layout_text(knowledge, plain(80)) == eighty);
  BOOST_TEST(layout_text(knowledge, plain(200)) == eighty);  // a wide terminal still reads 80
}

BOOST_AUTO_TEST_CASE(a_narrow_terminal_still_gets_twenty_columns) {
  BOOST_TEST(layout_text("one two three four five six", plain(5)) ==
             "one two three four\n"
             "five six\n");
}

BOOST_AUTO_TEST_CASE(the_authors_line_breaks_and_spaces_are_joined) {
  BOOST_TEST(layout_text("A neuron does\nthree   things,\tin\norder.", plain(80)) ==
             "A neuron does three things, in order.\n");
}

BOOST_AUTO_TEST_CASE(paragraphs_stay_apart_by_one_blank_line) {
  BOOST_TEST(layout_text("\n\nFirst\nparagraph.\n\n\n\nSecond.\n\n", plain(80)) ==
             "First paragraph.\n"
             "\n"
             "Second.\n");
}

BOOST_AUTO_TEST_CASE(an_indented_line_is_kept_as_written) {
  // Neither joined, nor wrapped though wider than 20, nor read for markup; only the trailing
  // spaces go.
  BOOST_TEST(layout_text("The weighted sum:\n"
                         "    z = x1·w1  +  x2·w2 + *b*   \n"
                         "\tis then squashed `f`.\n"
                         "by f.",
                         coloured(20)) ==
             "The weighted sum:\n"
             "    z = x1·w1  +  x2·w2 + *b*\n"
             "\tis then squashed `f`.\n"
             "by f.\n");
}

BOOST_AUTO_TEST_CASE(a_fenced_block_is_kept_and_its_fences_dropped) {
  BOOST_TEST(layout_text("Run it:\n"
                         "```text\n"
                         "neuronlab learn   *1*\n"
                         "\n"
                         "  --from `two`\n"
                         "```\n"
                         "Then\n"
                         "read on.",
                         coloured(80)) ==
             "Run it:\n"
             "neuronlab learn   *1*\n"
             "\n"
             "  --from `two`\n"
             "Then read on.\n");
}

BOOST_AUTO_TEST_CASE(list_items_start_a_line_and_hang_under_their_text) {
  // A following plain line continues an item; "10. " hangs four columns deep and its first
  // line fills to exactly 40.
  BOOST_TEST(layout_text("A neuron does three things:\n"
                         "- it receives input signals, numbers describing something\n"
                         "* it weighs\n"
                         "them and adds a bias\n"
                         "10. it applies an activation function to the sum\n"
                         "100. is not an item",
                         plain(40)) ==
             "A neuron does three things:\n"
             "- it receives input signals, numbers\n"
             "  describing something\n"
             "* it weighs them and adds a bias\n"
             "10. it applies an activation function to\n"
             "    the sum 100. is not an item\n");
}

BOOST_AUTO_TEST_CASE(markup_without_colour_drops_the_stars_and_keeps_the_backticks) {
  BOOST_TEST(layout_text("A *large* weight; run `neuronlab learn` and `a*b*c`.", plain(80)) ==
             "A large weight; run `neuronlab learn` and `a*b*c`.\n");
}

BOOST_AUTO_TEST_CASE(markup_with_colour_is_bold_and_cyan_without_markers) {
  BOOST_TEST(layout_text("A *large* weight; run `neuronlab learn` and `a*b*c`.", coloured(80)) ==
             "A \x1b[1mlarge\x1b[22m weight; run \x1b[36mneuronlab learn\x1b[39m and "
             "\x1b[36ma*b*c\x1b[39m.\n");
  // Code inside emphasis: both styles on, both closed at the end.
  BOOST_TEST(layout_text("*see `x`*", coloured(80)) == "\x1b[1msee \x1b[36mx\x1b[22m\x1b[39m\n");
}

BOOST_AUTO_TEST_CASE(a_styled_span_that_wraps_is_closed_and_reopened_on_each_line) {
  BOOST_TEST(layout_text("Learning means *finding good values for them* today.", coloured(20)) ==
             "Learning means\n"
             "\x1b[1mfinding good values\x1b[22m\n"
             "\x1b[1mfor them\x1b[22m today.\n");
  BOOST_TEST(layout_text("Type `neuronlab learn --from 2` to go on.", coloured(20)) ==
             "Type \x1b[36mneuronlab learn\x1b[39m\n"
             "\x1b[36m--from 2\x1b[39m to go on.\n");
}

BOOST_AUTO_TEST_CASE(stars_that_are_not_markup_stay_as_written) {
  // Followed by a space, never closed, or closing after a space; a lone backtick likewise.
  const char* text = "2 * 3 = 6, a*b, 4 *5, *open *, it`s.";
  BOOST_TEST(layout_text(text, plain(80)) == std::string(text) + "\n");
  BOOST_TEST(layout_text(text, coloured(80)) == std::string(text) + "\n");
  BOOST_TEST(layout_text("2 * 3 = 6", coloured(80)) == "2 * 3 = 6\n");
}

BOOST_AUTO_TEST_CASE(width_counts_code_points_not_bytes_nor_escapes) {
  // "σ′" is five bytes and two columns: the first line is exactly 20 columns wide.
  BOOST_TEST(layout_text("the slope σ′ is here now", plain(20)) ==
             "the slope σ′ is here\n"
             "now\n");
  BOOST_TEST(layout_text("the *slope* σ′ is here now", coloured(20)) ==
             "the \x1b[1mslope\x1b[22m σ′ is here\n"
             "now\n");
}

BOOST_AUTO_TEST_CASE(a_word_wider_than_the_line_gets_a_line_of_its_own) {
  BOOST_TEST(
      layout_text("See https://en.wikipedia.org/wiki/Backpropagation#Derivation for the proof.",
                  plain(40)) ==
      "See\n"
      "https://en.wikipedia.org/wiki/Backpropagation#Derivation\n"
      "for the proof.\n");
}

BOOST_AUTO_TEST_CASE(no_line_ends_with_a_space) {
  const std::string out = layout_text(
      "Some words   \nwith trailing spaces  \n\n- an item that wraps at twenty   \n"
      "    an indented line   \t\n",
      plain(20));
  BOOST_TEST(out ==
             "Some words with\n"
             "trailing spaces\n"
             "\n"
             "- an item that wraps\n"
             "  at twenty\n"
             "    an indented line\n");
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);)
    BOOST_TEST((line.empty() || line.back() != ' '), "line ends with a space: '" << line << "'");
}

BOOST_AUTO_TEST_CASE(the_result_ends_with_one_newline_and_empty_text_gives_nothing) {
  BOOST_TEST(layout_text("Done.\n\n\n", plain(80)) == "Done.\n");
  BOOST_TEST(layout_text("", plain(80)) == "");
  BOOST_TEST(layout_text("\n  \n\n", coloured(80)) == "");
}
