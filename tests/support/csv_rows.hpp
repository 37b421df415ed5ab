// A CSV file that neuronlab wrote (history.csv, sweep.csv), as rows of cells: plain
// comma-separated lines, no quoting needed by what the tests read.
#ifndef NEURONLAB_TESTS_SUPPORT_CSV_ROWS_HPP
#define NEURONLAB_TESTS_SUPPORT_CSV_ROWS_HPP

#include <sstream>
#include <string>
#include <vector>

namespace neuronlab::test {

inline std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    rows.emplace_back();
    std::istringstream cells(line);
    for (std::string cell; std::getline(cells, cell, ',');) rows.back().push_back(cell);
  }
  return rows;
}

}  // namespace neuronlab::test

#endif  // NEURONLAB_TESTS_SUPPORT_CSV_ROWS_HPP
