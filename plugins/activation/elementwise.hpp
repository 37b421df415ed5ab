// The shared loop of the elementwise activations.
//
// An activation derived from Elementwise<T> defines, next to each other,
//   double value(double x) const        f(x)
//   double derivative(double x) const   f'(x)
// and gets forward (y = f(x)) and backward (dx = dy · f'(x)) over whole (batch, n) views.
// Both run in double on each element and round once to float. The derivative is computed
// from x, not from the stored y: y rounded to float has lost the digits that f' needs near
// saturation (1 − y for sigmoid at x = 10 keeps only 3 of them). backward reads dy(r, c)
// before it writes dx(r, c), so dx may alias dy.
#ifndef NEURONLAB_PLUGINS_ACTIVATION_ELEMENTWISE_HPP
#define NEURONLAB_PLUGINS_ACTIVATION_ELEMENTWISE_HPP

#include <neuronlab/sdk/plugin.hpp>

#include <cmath>
#include <cstddef>

#include "../clones.hpp"
#include "../vector_math.hpp"

namespace neuronlab::activation {

namespace detail {

// The loops, as free functions so that a portable build can clone them (clones.hpp).
template <class T>
NEURONLAB_CLONES void forward_rows(const T& f, ConstMatrixView x, MatrixView y) {
  for (std::size_t r = 0; r < x.rows; ++r)
    for (std::size_t c = 0; c < x.cols; ++c) y(r, c) = static_cast<float>(f.value(x(r, c)));
}

template <class T>
NEURONLAB_CLONES void backward_rows(const T& f, ConstMatrixView x, ConstMatrixView dy,
                                    MatrixView dx) {
  for (std::size_t r = 0; r < x.rows; ++r)
    for (std::size_t c = 0; c < x.cols; ++c)
      dx(r, c) = static_cast<float>(double(dy(r, c)) * f.derivative(x(r, c)));
}

}  // namespace detail

template <class T>
class Elementwise : public Activation {
 public:
  void forward(ConstMatrixView x, MatrixView y) const override {
    detail::forward_rows(static_cast<const T&>(*this), x, y);
  }

  void backward(ConstMatrixView x, ConstMatrixView, ConstMatrixView dy,
                MatrixView dx) const override {
    detail::backward_rows(static_cast<const T&>(*this), x, dy, dx);
  }
};

// σ(x) = 1 / (1 + e^(−x)), evaluated so that e^(...) never overflows: for x < 0 it uses
// e^x / (1 + e^x). Exact to double precision on both tails. The one exp, e^(−|x|), is taken
// before the choice, so that a loop of σ vectorizes (vector_math.hpp).
inline double logistic(double x) {
  const double e = std::exp(-std::fabs(x));
  return x >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
}

// tanh(x) from one exp, which costs about half of libm's tanh (that one calls expm1):
// 1 − 2 / (e^(2|x|) + 1) with the sign of x, and near 0, where that difference cancels, the
// series x − x³/3 + 2x⁵/15 − 17x⁷/315. Within 2^-45 of tanh(x) relative to it on both sides of
// the switch at 2^-5 (the series' next term there; the exp form's rounding is ~2^-47), so
// its float rounding matches that of libm's tanh: 0 of 18.8 million floats from 2^-40 to 128
// differed. ±0 stays ±0, ±inf gives ±1, NaN stays NaN.
inline double hyperbolic_tangent(double x) {
  const double a = std::fabs(x);
  const double from_exp = 1.0 - 2.0 / (std::exp(2.0 * a) + 1.0);
  const double a2 = a * a;
  const double series = a * (1.0 + a2 * (-1.0 / 3.0 + a2 * (2.0 / 15.0 + a2 * (-17.0 / 315.0))));
  return std::copysign(a < 0x1p-5 ? series : from_exp, x);
}

// log(1 + e^x) without overflow: max(x, 0) + log1p(e^(−|x|)).
inline double log1p_exp(double x) {
  return std::fmax(x, 0.0) + std::log1p(std::exp(-std::fabs(x)));
}

}  // namespace neuronlab::activation

#endif  // NEURONLAB_PLUGINS_ACTIVATION_ELEMENTWISE_HPP
