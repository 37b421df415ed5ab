// CSV reading: text → RawTable with the position of every cell (see csv.hpp for the dialect).
#include <neuronlab/data/csv.hpp>
#include <neuronlab/error.hpp>
#include <neuronlab/io/files.hpp>

#include <fstream>
#include <set>
#include <sstream>

#include "text.hpp"

namespace neuronlab::data {
namespace {

std::string at(const std::string& source, std::size_t line, std::size_t column) {
  return source + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
}

std::string_view trim(std::string_view s) {
  const char* space = " \t";
  std::size_t first = s.find_first_not_of(space);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(space) - first + 1);
}

// Splits one line into cells. A quoted field may not span lines (the data sets this reads
// are tables of numbers and labels), so an unclosed quote is an error on its own line.
std::vector<Cell> split_line(std::string_view line, std::size_t line_number,
                             const std::string& source) {
  std::vector<Cell> cells;
  std::size_t i = 0;
  while (true) {
    std::size_t start = i;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    Cell cell;
    cell.line = line_number;
    cell.column = i + 1;
    if (i < line.size() && line[i] == '"') {
      std::size_t quote = i++;
      while (true) {
        if (i >= line.size())
          throw Error(at(source, line_number, quote + 1) +
                      "quoted value is not closed (add the closing '\"')");
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            cell.text += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        cell.text += line[i++];
      }
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      if (i < line.size() && line[i] != ',')
        throw Error(at(source, line_number, i + 1) +
                    "unexpected text after a quoted value (put a comma after the closing '\"')");
    } else {
      std::size_t end = line.find(',', start);
      if (end == std::string_view::npos) end = line.size();
      cell.text = std::string(trim(line.substr(start, end - start)));
      i = end;
    }
    if (const auto c = neuronlab::detail::find_control_character(cell.text);
        c.offset != std::string::npos)
      throw Error(at(source, line_number, cell.column) + "the value holds the control character " +
                  neuronlab::detail::code_point(c.code) +
                  ", a terminal control code that would act on the screen when it is printed "
                  "(remove it; values are numbers and plain labels)");
    cells.push_back(std::move(cell));
    if (i >= line.size()) break;
    ++i;  // the comma
  }
  return cells;
}

}  // namespace

RawTable parse_csv(std::string_view text, const std::string& source) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  RawTable table;
  table.source = source;
  std::size_t line_number = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = end + 1;
    ++line_number;
    if (trim(line).empty()) continue;
    std::vector<Cell> cells = split_line(line, line_number, source);
    if (table.header.empty()) {
      std::set<std::string> seen;
      for (std::size_t c = 0; c < cells.size(); ++c) {
        if (cells[c].text.empty())
          throw Error(at(source, line_number, cells[c].column) + "column " + std::to_string(c + 1) +
                      " has no name in the header row (every column needs a unique name)");
        if (!seen.insert(cells[c].text).second)
          throw Error(at(source, line_number, cells[c].column) + "column '" + cells[c].text +
                      "' appears twice in the header row (column names must be unique)");
      }
      table.header = std::move(cells);
      continue;
    }
    if (cells.size() != table.header.size())
      throw Error(at(source, line_number, 1) + "row " + std::to_string(table.rows.size() + 1) +
                  " has " + std::to_string(cells.size()) + " values but the header has " +
                  std::to_string(table.header.size()) +
                  " columns (look for a missing or an extra comma)");
    table.rows.push_back(std::move(cells));
  }
  if (table.header.empty())
    throw Error(source + ": the file is empty (a CSV file starts with a header row naming " +
                "the columns, then one row per observation)");
  if (table.rows.empty())
    throw Error(at(source, table.header.front().line, 1) +
                "the header row has no data rows below it (add one row per observation)");
  return table;
}

RawTable read_csv(const std::filesystem::path& path, const std::string& shown_as) {
  std::string name = shown_as.empty() ? path.string() : shown_as;
  // The table is held in memory as text and as values: a bound well inside this machine's.
  return parse_csv(io::read_input_file(path, name, 1'000'000'000,
                                       "neuronlab holds a data set in memory; take a sample of "
                                       "the rows"),
                   name);
}

}  // namespace neuronlab::data
