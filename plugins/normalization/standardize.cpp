// standardize: z-score each column with statistics fitted on the training rows.
//   fit:        mean_c = (1/n) Σ x_rc,   scale_c = √((1/n) Σ (x_rc − mean_c)²)
//   transform:  y_rc = (x_rc − mean_c) / scale_c
// The standard deviation is the population one (divides by n, ddof 0). A column whose
// training values are all equal gets scale 1, so it is centred to 0 and otherwise left alone
// instead of divided by zero. PyTorch has no such transform; this follows
// sklearn.preprocessing.StandardScaler (with_mean, with_std), whose mean_ and scale_ are the
// state "mean" and "scale" here.
#include <neuronlab/sdk/register.hpp>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "contract.hpp"

namespace {

using neuronlab::ConstMatrixView;
using neuronlab::MatrixView;
using neuronlab::Tensor;

class Standardize final : public neuronlab::Normalization {
 public:
  static constexpr const char* name = "standardize";
  static constexpr const char* summary =
      "Shifts and scales each column to mean 0 and standard deviation 1 on the training rows";
  static constexpr const char* formula =
      "y = (x - mean) / std, per column; std over n rows (ddof 0), 1 for a constant column";
  static constexpr const char* reference = "sklearn.preprocessing.StandardScaler";
  static constexpr std::uint32_t usage = NL_USAGE_DATA;

  explicit Standardize(const neuronlab::Args&) {}

  // Sizes the state for a saved model to be restored into: mean 0, scale 1 until then.
  void bind(std::size_t features, std::size_t) override {
    mean_.assign(features, 0.0f);
    scale_.assign(features, 1.0f);
  }

  // x: (rows, features).
  void fit(ConstMatrixView x) override {
    if (x.rows == 0) throw std::invalid_argument("standardize: cannot fit on zero rows");
    const std::size_t n = x.rows, k = x.cols;
    std::vector<double> sum(k, 0.0), squares(k, 0.0);
    std::vector<bool> constant(k, true);
    for (std::size_t r = 0; r < n; ++r)
      for (std::size_t c = 0; c < k; ++c) {
        sum[c] += x(r, c);
        constant[c] = constant[c] && x(r, c) == x(0, c);
      }
    mean_.assign(k, 0.0f);
    scale_.assign(k, 1.0f);
    for (std::size_t c = 0; c < k; ++c) sum[c] /= double(n);
    // Two passes: the centred squares lose nothing to cancellation.
    for (std::size_t r = 0; r < n; ++r)
      for (std::size_t c = 0; c < k; ++c) squares[c] += (x(r, c) - sum[c]) * (x(r, c) - sum[c]);
    for (std::size_t c = 0; c < k; ++c) {
      mean_[c] = static_cast<float>(sum[c]);
      if (!constant[c]) scale_[c] = static_cast<float>(std::sqrt(squares[c] / double(n)));
    }
  }

  // x, y: (rows, features); y may alias x.
  void transform(ConstMatrixView x, MatrixView y) const override {
    neuronlab::norm::expect(!mean_.empty(), name, "transform called before fit or bind");
    neuronlab::norm::expect_columns(name, "transform input", x.cols, mean_.size());
    neuronlab::norm::expect_columns(name, "transform output", y.cols, mean_.size());
    neuronlab::norm::expect_rows(name, "transform output", y.rows, x.rows);
    for (std::size_t r = 0; r < x.rows; ++r)
      for (std::size_t c = 0; c < x.cols; ++c)
        y(r, c) = static_cast<float>((double(x(r, c)) - mean_[c]) / scale_[c]);
  }

  // Empty until fit or bind; a saved model stores both.
  std::size_t state_count() const override { return 2; }
  Tensor state(std::size_t i) override {
    if (i == 0) return {"mean", mean_.data(), nullptr, mean_.size()};
    if (i == 1) return {"scale", scale_.data(), nullptr, scale_.size()};
    throw std::out_of_range("standardize: state index out of range");
  }

 private:
  std::vector<float> mean_;   // (features)
  std::vector<float> scale_;  // (features)
};

}  // namespace

NEURONLAB_REGISTER(Standardize);
