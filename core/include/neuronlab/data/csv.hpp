// CSV files: comma-separated, a header row naming the columns, one observation per row.
// Fields may be double-quoted ("a, b" and "say ""hi""" as in RFC 4180); spaces around an
// unquoted field are dropped; blank lines are skipped; CRLF line ends and a UTF-8 byte order
// mark are accepted.
#ifndef NEURONLAB_DATA_CSV_HPP
#define NEURONLAB_DATA_CSV_HPP

#include <neuronlab/data/dataset.hpp>

#include <filesystem>
#include <string>
#include <string_view>

namespace neuronlab::data {

// Parses CSV text; `source` names it in messages. Throws neuronlab::Error for an empty
// text, a header without data rows, an empty or repeated column name, a row whose number of
// values differs from the header's, and an unclosed quote, each at its line and column.
RawTable parse_csv(std::string_view text, const std::string& source);

// Reads and parses a file; `shown_as` is how messages name it (default: the path).
RawTable read_csv(const std::filesystem::path& path, const std::string& shown_as = {});

}  // namespace neuronlab::data

#endif  // NEURONLAB_DATA_CSV_HPP
