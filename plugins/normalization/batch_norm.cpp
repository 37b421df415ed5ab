// batch_norm: normalize each feature over the rows of a mini-batch, then scale and shift.
//   training:  μ_c = mean_r x_rc,  σ²_c = mean_r (x_rc − μ_c)²   (biased: divides by n)
//              x̂_rc = (x_rc − μ_c) / √(σ²_c + eps),   y_rc = γ_c · x̂_rc + β_c
//              running_mean ← (1 − m)·running_mean + m·μ
//              running_var  ← (1 − m)·running_var  + m·σ²·n/(n − 1)   (unbiased estimate)
//   eval:      x̂_rc = (x_rc − running_mean_c) / √(running_var_c + eps)
//   backward (training), with s = 1/√(σ² + eps):
//              dβ_c = Σ_r dy_rc,   dγ_c = Σ_r dy_rc · x̂_rc
//              dx_rc = γ_c · s_c · (dy_rc − dβ_c/n − x̂_rc · dγ_c/n)
//   backward (eval): dx_rc = γ_c · s_c · dy_rc (the running statistics are constants).
// Training needs at least 2 rows: one value has no variance (PyTorch refuses it likewise).
// Reference: torch.nn.BatchNorm1d (momentum 0.1, eps 1e-5, affine, track_running_stats);
// Ioffe & Szegedy, ICML 2015.
#include <neuronlab/sdk/register.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "contract.hpp"

namespace {

using neuronlab::ConstMatrixView;
using neuronlab::MatrixView;
using neuronlab::Tensor;

class BatchNorm final : public neuronlab::Normalization {
 public:
  static constexpr const char* name = "batch_norm";
  static constexpr const char* summary =
      "Normalizes each feature over the mini-batch, then applies a learned scale and shift";
  static constexpr const char* formula =
      "y = gamma * (x - mean_batch) / sqrt(var_batch + eps) + beta; running stats for eval";
  static constexpr const char* reference = "torch.nn.BatchNorm1d";
  static constexpr std::uint32_t usage = NL_USAGE_LAYER;

  static std::vector<nl_param> schema() {
    return {
        neuronlab::real("momentum", 0.1, 0.0, 1.0,
                        "weight of the newest batch in the running mean and variance"),
        neuronlab::real("eps", 1e-5, 0.0, neuronlab::inf, "added to the variance before the root",
                        true),
        neuronlab::flag("affine", true, "learn the scale gamma (weight) and shift beta (bias)"),
    };
  }

  explicit BatchNorm(const neuronlab::Args& args)
      : momentum_(args.real("momentum")), eps_(args.real("eps")), affine_(args.flag("affine")) {}

  void bind(std::size_t features, std::size_t max_batch) override {
    features_ = features;
    max_batch_ = max_batch;
    weight_.assign(features, 1.0f);
    bias_.assign(features, 0.0f);
    weight_grad_.assign(features, 0.0f);
    bias_grad_.assign(features, 0.0f);
    running_mean_.assign(features, 0.0f);
    running_var_.assign(features, 1.0f);
    x_hat_.assign(features * max_batch, 0.0f);
    inv_std_.assign(features, 0.0);
    mean_.assign(features, 0.0);
    var_.assign(features, 0.0);
    sum_dy_.assign(features, 0.0);
    sum_dy_x_hat_.assign(features, 0.0);
    rows_ = 0;
  }

  // x, y: (rows ≤ max_batch, features).
  void forward(ConstMatrixView x, MatrixView y, bool training) override {
    check_forward(x, y);
    const std::size_t n = x.rows, k = features_;
    if (training && n < 2)
      throw std::invalid_argument(
          "batch_norm: training needs at least 2 rows per batch, got " + std::to_string(n) +
          "; the variance of a single value is undefined (use a batch size of 2 or more)");
    if (training) {
      std::fill(mean_.begin(), mean_.end(), 0.0);
      std::fill(var_.begin(), var_.end(), 0.0);
      for (std::size_t r = 0; r < n; ++r)
        for (std::size_t c = 0; c < k; ++c) mean_[c] += x(r, c);
      for (std::size_t c = 0; c < k; ++c) mean_[c] /= double(n);
      for (std::size_t r = 0; r < n; ++r)
        for (std::size_t c = 0; c < k; ++c) var_[c] += (x(r, c) - mean_[c]) * (x(r, c) - mean_[c]);
      for (std::size_t c = 0; c < k; ++c) {
        var_[c] /= double(n);
        inv_std_[c] = 1.0 / std::sqrt(var_[c] + eps_);
        running_mean_[c] =
            static_cast<float>((1.0 - momentum_) * running_mean_[c] + momentum_ * mean_[c]);
        running_var_[c] = static_cast<float>((1.0 - momentum_) * running_var_[c] +
                                             momentum_ * var_[c] * double(n) / double(n - 1));
      }
    } else {
      for (std::size_t c = 0; c < k; ++c) {
        mean_[c] = running_mean_[c];
        inv_std_[c] = 1.0 / std::sqrt(double(running_var_[c]) + eps_);
      }
    }
    for (std::size_t r = 0; r < n; ++r) {
      float* x_hat = &x_hat_[r * k];
      for (std::size_t c = 0; c < k; ++c) {
        x_hat[c] = static_cast<float>((x(r, c) - mean_[c]) * inv_std_[c]);
        y(r, c) = weight_[c] * x_hat[c] + bias_[c];
      }
    }
    rows_ = n;
    training_ = training;
  }

  // dy, dx: (rows of the last forward, features).
  void backward(ConstMatrixView dy, MatrixView dx) override {
    neuronlab::norm::expect(rows_ > 0, name, "backward called before forward");
    neuronlab::norm::expect_rows(name, "backward dy", dy.rows, rows_);
    neuronlab::norm::expect_rows(name, "backward dx", dx.rows, rows_);
    neuronlab::norm::expect_columns(name, "backward dy", dy.cols, features_);
    neuronlab::norm::expect_columns(name, "backward dx", dx.cols, features_);
    const std::size_t n = rows_, k = features_;
    std::vector<double>& d_bias = sum_dy_;
    std::vector<double>& d_weight = sum_dy_x_hat_;
    std::fill(d_bias.begin(), d_bias.end(), 0.0);
    std::fill(d_weight.begin(), d_weight.end(), 0.0);
    for (std::size_t r = 0; r < n; ++r)
      for (std::size_t c = 0; c < k; ++c) {
        d_bias[c] += dy(r, c);
        d_weight[c] += double(dy(r, c)) * x_hat_[r * k + c];
      }
    for (std::size_t r = 0; r < n; ++r)
      for (std::size_t c = 0; c < k; ++c) {
        const double g = double(weight_[c]) * inv_std_[c];
        const double centred = training_ ? dy(r, c) - d_bias[c] / double(n) -
                                               x_hat_[r * k + c] * d_weight[c] / double(n)
                                         : dy(r, c);
        dx(r, c) = static_cast<float>(g * centred);
      }
    for (std::size_t c = 0; c < k; ++c) {
      bias_grad_[c] = static_cast<float>(d_bias[c]);
      weight_grad_[c] = static_cast<float>(d_weight[c]);
    }
  }

  std::size_t parameter_count() const override { return affine_ ? 2 : 0; }
  Tensor parameter(std::size_t i) override {
    neuronlab::norm::expect(i < parameter_count(), name, "parameter index out of range");
    if (i == 0) return {"weight", weight_.data(), weight_grad_.data(), features_};
    return {"bias", bias_.data(), bias_grad_.data(), features_};
  }

  std::size_t state_count() const override { return 2; }
  Tensor state(std::size_t i) override {
    neuronlab::norm::expect(i < 2, name, "state index out of range");
    if (i == 0) return {"running_mean", running_mean_.data(), nullptr, features_};
    return {"running_var", running_var_.data(), nullptr, features_};
  }

 private:
  void check_forward(ConstMatrixView x, MatrixView y) const {
    neuronlab::norm::expect(max_batch_ > 0, name, "forward called before bind");
    neuronlab::norm::expect_columns(name, "forward input", x.cols, features_);
    neuronlab::norm::expect_columns(name, "forward output", y.cols, features_);
    neuronlab::norm::expect_at_most_rows(name, x.rows, max_batch_);
    neuronlab::norm::expect_rows(name, "forward output", y.rows, x.rows);
  }

  double momentum_;
  double eps_;
  bool affine_;
  std::size_t features_ = 0;
  std::size_t max_batch_ = 0;
  std::vector<float> weight_, bias_;            // γ, β: (features)
  std::vector<float> weight_grad_, bias_grad_;  // dγ, dβ: (features)
  std::vector<float> running_mean_, running_var_;
  std::vector<float> x_hat_;        // (max_batch, features), from the last forward
  std::vector<double> inv_std_;     // (features): 1/√(σ² + eps) used by the last forward
  std::vector<double> mean_, var_;  // (features): statistics the last forward used
  std::vector<double> sum_dy_, sum_dy_x_hat_;  // (features): backward's sums, dβ and dγ
  std::size_t rows_ = 0;                       // rows of the last forward
  bool training_ = false;
};

}  // namespace

NEURONLAB_REGISTER(BatchNorm);
