// Holding rows out: a test set for the final score and a validation set watched during
// training (early stopping). Both fractions are of all rows; each part gets
// ceil(fraction · rows) rows, as scikit-learn's train_test_split counts its test rows.
#ifndef NEURONLAB_DATA_SPLIT_HPP
#define NEURONLAB_DATA_SPLIT_HPP

#include <neuronlab/data/dataset.hpp>

#include <cstdint>
#include <vector>

namespace neuronlab::data {

struct Split {
  Dataset train, validation, test;
  // Row indices into the original data set, in the order the parts hold them.
  std::vector<std::size_t> train_rows, validation_rows, test_rows;
};

// With shuffle, rows are permuted by a Fisher–Yates shuffle seeded with `seed`; then the
// training rows come first, the validation rows next and the test rows last, so that without
// shuffling the last rows of the file are the test rows. Throws neuronlab::Error (prefixed with
// `where`) when the fractions leave no training row.
Split split(const Dataset& data, double test_fraction, double validation_fraction,
            std::uint64_t seed, bool shuffle = true, const std::string& where = {});

}  // namespace neuronlab::data

#endif  // NEURONLAB_DATA_SPLIT_HPP
