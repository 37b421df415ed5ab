// blobs: `classes` Gaussian clusters around random centres.
#include "generator_parts.hpp"

namespace neuronlab::data::synthetic {
namespace {

Dataset blobs(const ParamValues& v, std::uint64_t seed) {
  const auto n = static_cast<std::size_t>(v.real("samples"));
  const auto k = static_cast<std::size_t>(v.real("classes"));
  const auto f = static_cast<std::size_t>(v.real("features"));
  engine::Random random(seed);
  Dataset d = empty(Task::categorical, f, n, numbered_classes(k));
  std::vector<double> centres(k * f);
  for (double& c : centres) c = random.uniform(-10.0, 10.0);
  for (std::size_t c = 0; c < k; ++c) {
    for (std::size_t i = 0, count = share(n, k, c); i < count; ++i) {
      for (std::size_t j = 0; j < f; ++j)
        d.x.push_back(static_cast<float>(centres[c * f + j] + v.real("noise") * random.normal()));
      for (std::size_t j = 0; j < k; ++j) d.y.push_back(j == c ? 1.0f : 0.0f);
    }
  }
  return d;
}

}  // namespace

const Generator& blobs_generator() {
  static const Generator generator{
      {"generator",
       "blobs",
       "Gaussian clusters, one per class",
       "",
       {samples(150), noise(1.0, "standard deviation of each cluster"),
        integer_param("classes", 3, 2, 20, "number of clusters"),
        integer_param("features", 2, 1, 100, "number of input columns")}},
      Task::categorical,
      &blobs};
  return generator;
}

}  // namespace neuronlab::data::synthetic
