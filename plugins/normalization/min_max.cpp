// min_max: rescale each column linearly so that its training range maps onto [lo, hi].
//   fit:        data_min_c = min_r x_rc,   data_range_c = max_r x_rc − data_min_c
//   transform:  y_rc = lo + (x_rc − data_min_c) · (hi − lo) / data_range_c
// lo and hi are feature_range_min and feature_range_max (PyTorch has no such transform; this
// follows sklearn.preprocessing.MinMaxScaler, whose `feature_range=(lo, hi)` tuple is the two
// parameters). A column that is constant on the training rows has data_range 0 and is divided
// by 1 instead, so its training value maps to lo. Values outside the training range are not
// clipped: they land outside [lo, hi].
#include <neuronlab/sdk/register.hpp>

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include "contract.hpp"

namespace {

using neuronlab::ConstMatrixView;
using neuronlab::MatrixView;
using neuronlab::Tensor;

class MinMax final : public neuronlab::Normalization {
 public:
  static constexpr const char* name = "min_max";
  static constexpr const char* summary =
      "Rescales each column so that its training minimum and maximum become the range ends";
  static constexpr const char* formula =
      "y = lo + (x - min) * (hi - lo) / (max - min), per column; a constant column maps to lo";
  static constexpr const char* reference = "sklearn.preprocessing.MinMaxScaler";
  static constexpr std::uint32_t usage = NL_USAGE_DATA;

  static std::vector<nl_param> schema() {
    using neuronlab::inf;
    return {
        neuronlab::real("feature_range_min", 0.0, -inf, inf, "where each column's minimum lands"),
        neuronlab::real("feature_range_max", 1.0, -inf, inf, "where each column's maximum lands"),
    };
  }

  explicit MinMax(const neuronlab::Args& args)
      : lo_(args.real("feature_range_min")), hi_(args.real("feature_range_max")) {
    if (!(lo_ < hi_)) {
      char message[200];
      std::snprintf(message, sizeof message,
                    "min_max: feature_range_min (%g) must be smaller than feature_range_max (%g)",
                    lo_, hi_);
      throw neuronlab::PluginUserError(message);
    }
  }

  // Sizes the state for a saved model to be restored into: min 0, range 1 until then.
  void bind(std::size_t features, std::size_t) override {
    data_min_.assign(features, 0.0f);
    data_range_.assign(features, 1.0f);
  }

  // x: (rows, features).
  void fit(ConstMatrixView x) override {
    if (x.rows == 0) throw std::invalid_argument("min_max: cannot fit on zero rows");
    data_min_.assign(x.row(0), x.row(0) + x.cols);
    std::vector<float> data_max(data_min_);
    for (std::size_t r = 1; r < x.rows; ++r)
      for (std::size_t c = 0; c < x.cols; ++c) {
        data_min_[c] = std::min(data_min_[c], x(r, c));
        data_max[c] = std::max(data_max[c], x(r, c));
      }
    data_range_.resize(x.cols);
    for (std::size_t c = 0; c < x.cols; ++c)
      data_range_[c] = static_cast<float>(double(data_max[c]) - data_min_[c]);
  }

  // x, y: (rows, features); y may alias x.
  void transform(ConstMatrixView x, MatrixView y) const override {
    neuronlab::norm::expect(!data_min_.empty(), name, "transform called before fit or bind");
    neuronlab::norm::expect_columns(name, "transform input", x.cols, data_min_.size());
    neuronlab::norm::expect_columns(name, "transform output", y.cols, data_min_.size());
    neuronlab::norm::expect_rows(name, "transform output", y.rows, x.rows);
    for (std::size_t c = 0; c < x.cols; ++c) {
      const double range = data_range_[c] == 0.0f ? 1.0 : double(data_range_[c]);
      const double scale = (hi_ - lo_) / range;
      for (std::size_t r = 0; r < x.rows; ++r)
        y(r, c) = static_cast<float>(lo_ + (double(x(r, c)) - data_min_[c]) * scale);
    }
  }

  // Empty until fit or bind; a saved model stores both.
  std::size_t state_count() const override { return 2; }
  Tensor state(std::size_t i) override {
    if (i == 0) return {"data_min", data_min_.data(), nullptr, data_min_.size()};
    if (i == 1) return {"data_range", data_range_.data(), nullptr, data_range_.size()};
    throw std::out_of_range("min_max: state index out of range");
  }

 private:
  double lo_;
  double hi_;
  std::vector<float> data_min_;    // (features)
  std::vector<float> data_range_;  // (features); 0 for a constant column
};

}  // namespace

NEURONLAB_REGISTER(MinMax);
