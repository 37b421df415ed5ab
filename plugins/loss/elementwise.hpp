// Shared by the built-in losses: the reduction parameter, the loop of the elementwise losses
// and the guards of the cross-entropies.
//
// A loss derived from Elementwise<T> defines, next to each other,
//   double value(double p, double t) const       ℓ(p, t) for one prediction p and its target t
//   double derivative(double p, double t) const  ∂ℓ/∂p
// and gets forward = Σ ℓ over every element of the (batch, n) views, divided by batch · n for
// reduction "mean" (PyTorch's mean over all elements), and backward = ∂forward/∂prediction.
// Sums run in double. backward reads an element before writing its gradient, so grad may
// alias the prediction.
#ifndef NEURONLAB_PLUGINS_LOSS_ELEMENTWISE_HPP
#define NEURONLAB_PLUGINS_LOSS_ELEMENTWISE_HPP

#include <neuronlab/sdk/register.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <stdexcept>

namespace neuronlab::loss {

// "mean" (index 0, the default) or "sum"; the doc says what the mean divides by.
inline nl_param reduction(const char* doc) { return choice("reduction", "mean|sum", 0, doc); }

template <class T>
class Elementwise : public Loss {
 public:
  explicit Elementwise(const Args& args) : sum_(args.choice("reduction") == 1) {}

  // prediction, target: (batch, n).
  double forward(ConstMatrixView prediction, ConstMatrixView target) const override {
    const T& f = static_cast<const T&>(*this);
    f.validate(prediction);
    double total = 0.0;
    for (std::size_t r = 0; r < prediction.rows; ++r)
      for (std::size_t c = 0; c < prediction.cols; ++c)
        total += f.value(prediction(r, c), target(r, c));
    return total * scale(prediction);
  }

  void backward(ConstMatrixView prediction, ConstMatrixView target,
                MatrixView grad) const override {
    const T& f = static_cast<const T&>(*this);
    f.validate(prediction);
    const double s = scale(prediction);
    for (std::size_t r = 0; r < prediction.rows; ++r)
      for (std::size_t c = 0; c < prediction.cols; ++c)
        grad(r, c) = static_cast<float>(s * f.derivative(prediction(r, c), target(r, c)));
  }

  // A component whose predictions have a domain hides this with its own check.
  void validate(ConstMatrixView) const {}

 protected:
  // The factor of the reduction for a (batch, n) prediction.
  double scale(ConstMatrixView p) const {
    return sum_ ? 1.0 : 1.0 / static_cast<double>(p.rows * p.cols);
  }

 private:
  bool sum_;
};

// The cross-entropies on probabilities follow torch.nn.BCELoss: each log is clamped to
// >= −100, so p = 0 or 1 gives a finite loss, and the gradients divide by no less than 1e-12
// (max(p (1 − p), 1e-12), or max(p, 1e-12) for the categorical), so they stay large but finite.
constexpr double kLogFloor = -100.0;
constexpr double kEpsilon = 1e-12;

// max(log_value, −100) that keeps a NaN (std::fmax would turn it into −100 and hide it); the
// gradients use std::max for the same reason.
inline double clamp_log(double log_value) { return std::max(log_value, kLogFloor); }

// Predictions outside [0, 1] mean the output layer is not a probability (NaN passes through,
// so that a diverged run is reported as such by the trainer).
inline void check_probabilities(const char* loss, const char* activation, ConstMatrixView p) {
  for (std::size_t r = 0; r < p.rows; ++r)
    for (std::size_t c = 0; c < p.cols; ++c)
      if (p(r, c) < 0.0f || p(r, c) > 1.0f) {
        char message[320];
        std::snprintf(message, sizeof message,
                      "%s: prediction[%zu][%zu] = %g is not a probability in [0, 1]; hint: give "
                      "the output layer the %s activation (the loss then works on its logits)",
                      loss, r, c, double(p(r, c)), activation);
        throw std::domain_error(message);
      }
}

}  // namespace neuronlab::loss

#endif  // NEURONLAB_PLUGINS_LOSS_ELEMENTWISE_HPP
