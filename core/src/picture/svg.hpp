// A small SVG writer: elements appended to one text, attributes escaped, every number written
// with two decimals at most, so the same picture always gives the same bytes. No library in
// Debian writes SVG from C++ at this level (Cairo's SVG surface writes glyph outlines and
// opaque ids, which tests cannot read), and a picture here needs only rectangles, lines,
// paths, circles and text.
#ifndef NEURONLAB_PICTURE_SVG_HPP
#define NEURONLAB_PICTURE_SVG_HPP

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace neuronlab::picture {

// "12.5", "3", "-0.25": at most two decimals, no trailing zeros, no "-0".
std::string num(double value);
// A number with enough digits to read back the same double ("0.1", "1e-07"), for the data
// attributes that let a reader map pixels back to values.
std::string num_exact(double value);
// Text with &, <, >, " and ' escaped, and control characters other than tab and newline
// dropped, for element content and attribute values.
std::string escape_xml(std::string_view text);

struct Attribute {
  std::string name;
  std::string value;
  Attribute(std::string n, std::string v) : name(std::move(n)), value(std::move(v)) {}
  Attribute(std::string n, const char* v) : name(std::move(n)), value(v) {}
  Attribute(std::string n, double v) : name(std::move(n)), value(num(v)) {}
  Attribute(std::string n, int v) : name(std::move(n)), value(std::to_string(v)) {}
  Attribute(std::string n, std::size_t v) : name(std::move(n)), value(std::to_string(v)) {}
};
// An attribute whose value is empty is left out, so optional ones can be written inline.
using Attributes = std::initializer_list<Attribute>;

class Svg {
 public:
  // The document's size in pixels; title becomes its <title> (what a viewer shows as the
  // name and a screen reader reads).
  Svg(double width, double height, std::string_view title);

  void open(std::string_view tag, Attributes attributes = {});  // <g ...>
  void close();                                                 // </g>
  void element(std::string_view tag, Attributes attributes);    // <rect .../>
  void text(double x, double y, std::string_view content, Attributes attributes = {});
  // An SVG fragment written by another Svg (an inner picture) or by this file's callers.
  void raw(std::string_view fragment);

  // The whole document, closed. The writer can still be used after (a test may look twice).
  std::string str() const;
  // The body without the <svg> element around it, to nest in another picture.
  const std::string& body() const { return body_; }
  double width() const { return width_; }
  double height() const { return height_; }

 private:
  void attributes(Attributes list);
  double width_, height_;
  std::string title_;
  std::string body_;
  std::string open_tags_;  // for close(): the names, newline-separated, innermost last
};

// "M1 2L3 4L5 6": a polyline's path data.
class PathData {
 public:
  void move(double x, double y);
  void line(double x, double y);
  bool empty() const { return text_.empty(); }
  const std::string& str() const { return text_; }

 private:
  std::string text_;
};

}  // namespace neuronlab::picture

#endif  // NEURONLAB_PICTURE_SVG_HPP
