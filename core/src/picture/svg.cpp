#include "svg.hpp"

#include <cmath>
#include <cstdio>

namespace neuronlab::picture {

std::string num(double value) {
  if (!std::isfinite(value)) return "0";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  std::string text = buffer;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  if (text == "-0") text = "0";
  return text;
}

std::string num_exact(double value) {
  if (!std::isfinite(value)) return "0";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

std::string escape_xml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        // XML 1.0 allows no other control character, even escaped.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n') out += c;
    }
  }
  return out;
}

Svg::Svg(double width, double height, std::string_view title)
    : width_(width), height_(height), title_(title) {}

void Svg::attributes(Attributes list) {
  for (const Attribute& a : list) {
    if (a.value.empty()) continue;
    body_ += ' ';
    body_ += a.name;
    body_ += "=\"";
    body_ += escape_xml(a.value);
    body_ += '"';
  }
}

void Svg::open(std::string_view tag, Attributes list) {
  body_ += '<';
  body_ += tag;
  attributes(list);
  body_ += ">\n";
  open_tags_ += tag;
  open_tags_ += '\n';
}

void Svg::close() {
  open_tags_.pop_back();
  const std::size_t start = open_tags_.rfind('\n');
  const std::size_t from = start == std::string::npos ? 0 : start + 1;
  body_ += "</" + open_tags_.substr(from) + ">\n";
  open_tags_.erase(from);
}

void Svg::element(std::string_view tag, Attributes list) {
  body_ += '<';
  body_ += tag;
  attributes(list);
  body_ += "/>\n";
}

void Svg::text(double x, double y, std::string_view content, Attributes list) {
  body_ += "<text x=\"" + num(x) + "\" y=\"" + num(y) + '"';
  attributes(list);
  body_ += '>';
  body_ += escape_xml(content);
  body_ += "</text>\n";
}

void Svg::raw(std::string_view fragment) { body_ += fragment; }

std::string Svg::str() const {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(width_) + "\" height=\"" +
         num(height_) + "\" viewBox=\"0 0 " + num(width_) + " " + num(height_) +
         "\" font-family=\"DejaVu Sans, Verdana, sans-serif\" font-size=\"12\">\n";
  out += "<title>" + escape_xml(title_) + "</title>\n";
  out += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
  out += body_;
  std::string tags = open_tags_;  // close what is still open, innermost first
  while (!tags.empty()) {
    tags.pop_back();
    const std::size_t start = tags.rfind('\n');
    const std::size_t from = start == std::string::npos ? 0 : start + 1;
    out += "</" + tags.substr(from) + ">\n";
    tags.erase(from);
  }
  return out + "</svg>\n";
}

void PathData::move(double x, double y) { text_ += "M" + num(x) + " " + num(y); }

void PathData::line(double x, double y) { text_ += "L" + num(x) + " " + num(y); }

}  // namespace neuronlab::picture
