// Colours that stay apart for readers with a colour-vision deficiency: the Okabe–Ito set for
// classes and series, viridis (perceptually uniform) for a quantity, and a diverging
// orange–white–blue ramp for signed values (weights, a neuron's output).
#ifndef NEURONLAB_PICTURE_PALETTE_HPP
#define NEURONLAB_PICTURE_PALETTE_HPP

#include <cstddef>
#include <cstdint>
#include <string>

namespace neuronlab::picture {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
};

// Series and class k: blue, vermillion, bluish green, reddish purple, orange, sky blue,
// yellow, black, then the same again.
Rgb category(std::size_t k);
// t in [0, 1] (clamped) along viridis: dark purple → blue → green → yellow.
Rgb viridis(double t);
// t in [-1, 1] (clamped): orange (negative) → white (0) → blue (positive).
Rgb diverging(double t);
// a toward b by t in [0, 1].
Rgb mix(Rgb a, Rgb b, double t);
// "#0072b2"
std::string hex(Rgb colour);

// The sign colours of weights: positive blue, negative vermillion.
inline Rgb positive_colour() { return category(0); }
inline Rgb negative_colour() { return category(1); }

}  // namespace neuronlab::picture

#endif  // NEURONLAB_PICTURE_PALETTE_HPP
