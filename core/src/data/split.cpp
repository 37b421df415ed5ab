// Seeded train/validation/test split (see split.hpp).
#include <neuronlab/data/split.hpp>
#include <neuronlab/engine/random.hpp>
#include <neuronlab/error.hpp>

#include <cmath>
#include <numeric>

#include "text.hpp"

namespace neuronlab::data {
namespace {

// ceil, forgiving the rounding of fraction · rows just above a whole number (0.2 · 150).
std::size_t part(double fraction, std::size_t rows) {
  return static_cast<std::size_t>(std::ceil(fraction * double(rows) - 1e-9));
}

}  // namespace

Split split(const Dataset& data, double test_fraction, double validation_fraction,
            std::uint64_t seed, bool shuffle, const std::string& where) {
  const std::size_t test = part(test_fraction, data.rows);
  const std::size_t validation = part(validation_fraction, data.rows);
  if (test + validation >= data.rows)
    throw Error(detail::prefix(where) + "test_split " + detail::format_number(test_fraction) +
                " and validation_split " + detail::format_number(validation_fraction) +
                " hold out " + std::to_string(test + validation) + " of " +
                std::to_string(data.rows) +
                " rows, leaving none to train on (use smaller fractions or more data)");

  std::vector<std::size_t> order(data.rows);
  std::iota(order.begin(), order.end(), std::size_t{0});
  if (shuffle) engine::Random(seed).shuffle(order);

  // Training rows first, then validation, then test: without shuffling, the last rows of
  // the file are the test rows.
  const auto train_end = order.begin() + std::ptrdiff_t(data.rows - test - validation);
  const auto validation_end = train_end + std::ptrdiff_t(validation);
  Split s;
  s.train_rows.assign(order.begin(), train_end);
  s.validation_rows.assign(train_end, validation_end);
  s.test_rows.assign(validation_end, order.end());
  s.train = data.select(s.train_rows);
  s.validation = data.select(s.validation_rows);
  s.test = data.select(s.test_rows);
  return s;
}

}  // namespace neuronlab::data
