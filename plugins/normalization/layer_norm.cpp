// layer_norm: normalize each row over its features, then scale and shift per feature.
//   μ_r = mean_c x_rc,  σ²_r = mean_c (x_rc − μ_r)²   (biased: divides by the feature count k)
//   x̂_rc = (x_rc − μ_r) / √(σ²_r + eps),   y_rc = γ_c · x̂_rc + β_c
//   backward, with s_r = 1/√(σ²_r + eps) and g_rc = γ_c · dy_rc:
//   dβ_c = Σ_r dy_rc,   dγ_c = Σ_r dy_rc · x̂_rc
//   dx_rc = s_r · (g_rc − mean_c' g_rc' − x̂_rc · mean_c' (g_rc' · x̂_rc'))
// Each row is normalized on its own, so training and evaluation compute the same thing and
// there is no running state. Reference: torch.nn.LayerNorm over the last dimension (eps 1e-5,
// elementwise_affine); Ba, Kiros & Hinton, 2016.
#include <neuronlab/sdk/register.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "contract.hpp"

namespace {

using neuronlab::ConstMatrixView;
using neuronlab::MatrixView;
using neuronlab::Tensor;

class LayerNorm final : public neuronlab::Normalization {
 public:
  static constexpr const char* name = "layer_norm";
  static constexpr const char* summary =
      "Normalizes each observation over its features, then applies a learned scale and shift";
  static constexpr const char* formula =
      "y = gamma * (x - mean_row) / sqrt(var_row + eps) + beta; the same in training and eval";
  static constexpr const char* reference = "torch.nn.LayerNorm";
  static constexpr std::uint32_t usage = NL_USAGE_LAYER;

  static std::vector<nl_param> schema() {
    return {
        neuronlab::real("eps", 1e-5, 0.0, neuronlab::inf, "added to the variance before the root",
                        true),
        neuronlab::flag("elementwise_affine", true,
                        "learn the scale gamma (weight) and shift beta (bias) per feature"),
    };
  }

  explicit LayerNorm(const neuronlab::Args& args)
      : eps_(args.real("eps")), affine_(args.flag("elementwise_affine")) {}

  void bind(std::size_t features, std::size_t max_batch) override {
    features_ = features;
    max_batch_ = max_batch;
    weight_.assign(features, 1.0f);
    bias_.assign(features, 0.0f);
    weight_grad_.assign(features, 0.0f);
    bias_grad_.assign(features, 0.0f);
    x_hat_.assign(features * max_batch, 0.0f);
    inv_std_.assign(max_batch, 0.0);
    rows_ = 0;
  }

  // x, y: (rows ≤ max_batch, features).
  void forward(ConstMatrixView x, MatrixView y, bool /*training*/) override {
    neuronlab::norm::expect(max_batch_ > 0, name, "forward called before bind");
    neuronlab::norm::expect_columns(name, "forward input", x.cols, features_);
    neuronlab::norm::expect_columns(name, "forward output", y.cols, features_);
    neuronlab::norm::expect_at_most_rows(name, x.rows, max_batch_);
    neuronlab::norm::expect_rows(name, "forward output", y.rows, x.rows);
    const std::size_t k = features_;
    for (std::size_t r = 0; r < x.rows; ++r) {
      const float* in = x.row(r);
      double mean = 0.0, var = 0.0;
      for (std::size_t c = 0; c < k; ++c) mean += in[c];
      mean /= double(k);
      for (std::size_t c = 0; c < k; ++c) var += (in[c] - mean) * (in[c] - mean);
      inv_std_[r] = 1.0 / std::sqrt(var / double(k) + eps_);
      float* x_hat = &x_hat_[r * k];
      for (std::size_t c = 0; c < k; ++c) {
        x_hat[c] = static_cast<float>((in[c] - mean) * inv_std_[r]);
        y(r, c) = weight_[c] * x_hat[c] + bias_[c];
      }
    }
    rows_ = x.rows;
  }

  // dy, dx: (rows of the last forward, features).
  void backward(ConstMatrixView dy, MatrixView dx) override {
    neuronlab::norm::expect(rows_ > 0, name, "backward called before forward");
    neuronlab::norm::expect_rows(name, "backward dy", dy.rows, rows_);
    neuronlab::norm::expect_rows(name, "backward dx", dx.rows, rows_);
    neuronlab::norm::expect_columns(name, "backward dy", dy.cols, features_);
    neuronlab::norm::expect_columns(name, "backward dx", dx.cols, features_);
    const std::size_t k = features_;
    std::fill(weight_grad_.begin(), weight_grad_.end(), 0.0f);
    std::fill(bias_grad_.begin(), bias_grad_.end(), 0.0f);
    for (std::size_t r = 0; r < rows_; ++r) {
      const float* x_hat = &x_hat_[r * k];
      double mean_g = 0.0, mean_g_x_hat = 0.0;
      for (std::size_t c = 0; c < k; ++c) {
        const double g = double(weight_[c]) * dy(r, c);
        mean_g += g;
        mean_g_x_hat += g * x_hat[c];
        bias_grad_[c] += dy(r, c);
        weight_grad_[c] += dy(r, c) * x_hat[c];
      }
      mean_g /= double(k);
      mean_g_x_hat /= double(k);
      for (std::size_t c = 0; c < k; ++c) {
        const double g = double(weight_[c]) * dy(r, c);
        dx(r, c) = static_cast<float>(inv_std_[r] * (g - mean_g - x_hat[c] * mean_g_x_hat));
      }
    }
  }

  std::size_t parameter_count() const override { return affine_ ? 2 : 0; }
  Tensor parameter(std::size_t i) override {
    neuronlab::norm::expect(i < parameter_count(), name, "parameter index out of range");
    if (i == 0) return {"weight", weight_.data(), weight_grad_.data(), features_};
    return {"bias", bias_.data(), bias_grad_.data(), features_};
  }

 private:
  double eps_;
  bool affine_;
  std::size_t features_ = 0;
  std::size_t max_batch_ = 0;
  std::vector<float> weight_, bias_;            // γ, β: (features)
  std::vector<float> weight_grad_, bias_grad_;  // dγ, dβ: (features)
  std::vector<float> x_hat_;                    // (max_batch, features), from the last forward
  std::vector<double> inv_std_;                 // (max_batch): 1/√(σ²_r + eps) per row
  std::size_t rows_ = 0;                        // rows of the last forward
};

}  // namespace

NEURONLAB_REGISTER(LayerNorm);
