#include "palette.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace neuronlab::picture {
namespace {

constexpr Rgb okabe_ito[] = {{0x00, 0x72, 0xb2}, {0xd5, 0x5e, 0x00}, {0x00, 0x9e, 0x73},
                             {0xcc, 0x79, 0xa7}, {0xe6, 0x9f, 0x00}, {0x56, 0xb4, 0xe9},
                             {0xf0, 0xe4, 0x42}, {0x00, 0x00, 0x00}};

// viridis at 0, 1/8, ..., 1; linear between (the ramp is smooth enough at this spacing).
constexpr Rgb viridis_stops[] = {{0x44, 0x01, 0x54}, {0x47, 0x2d, 0x7b}, {0x3b, 0x52, 0x8b},
                                 {0x2c, 0x72, 0x8e}, {0x21, 0x91, 0x8c}, {0x28, 0xae, 0x80},
                                 {0x5e, 0xc9, 0x62}, {0xad, 0xdc, 0x30}, {0xfd, 0xe7, 0x25}};

double clamp(double t, double lo, double hi) {
  if (!(t >= lo)) return lo;  // NaN too
  return t > hi ? hi : t;
}

}  // namespace

Rgb category(std::size_t k) { return okabe_ito[k % std::size(okabe_ito)]; }

Rgb mix(Rgb a, Rgb b, double t) {
  t = clamp(t, 0, 1);
  auto channel = [t](std::uint8_t x, std::uint8_t y) {
    return static_cast<std::uint8_t>(std::lround(x + (y - x) * t));
  };
  return {channel(a.r, b.r), channel(a.g, b.g), channel(a.b, b.b)};
}

Rgb viridis(double t) {
  const double at = clamp(t, 0, 1) * (std::size(viridis_stops) - 1);
  const std::size_t i =
      std::min<std::size_t>(static_cast<std::size_t>(at), std::size(viridis_stops) - 2);
  return mix(viridis_stops[i], viridis_stops[i + 1], at - static_cast<double>(i));
}

Rgb diverging(double t) {
  t = clamp(t, -1, 1);
  const Rgb white{0xff, 0xff, 0xff};
  return t < 0 ? mix(white, negative_colour(), -t) : mix(white, positive_colour(), t);
}

std::string hex(Rgb c) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", c.r, c.g, c.b);
  return buffer;
}

}  // namespace neuronlab::picture
