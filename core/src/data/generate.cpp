// The synthetic data sets of generate.hpp. Each maker receives its validated parameters in
// declaration order: values[0] = samples, values[1] = noise, then its own.
#include <neuronlab/data/generate.hpp>
#include <neuronlab/engine/random.hpp>
#include <neuronlab/error.hpp>

#include <cmath>

#include "text.hpp"

namespace neuronlab::data {
namespace {

using detail::format_number;
using detail::join;
using detail::prefix;

constexpr double pi = 3.14159265358979323846;

Dataset empty(Task task, std::size_t features, std::size_t rows,
              std::vector<std::string> class_names) {
  Dataset d;
  d.task = task;
  for (std::size_t i = 0; i < features; ++i) d.feature_names.push_back("x" + std::to_string(i + 1));
  d.target_name = "y";
  d.class_names = std::move(class_names);
  d.rows = rows;
  d.x.reserve(rows * features);
  d.y.reserve(rows * d.outputs());
  return d;
}

// Appends one row of a classification set: binary targets as 0/1, categorical as one-hot.
void add_class_row(Dataset& d, std::initializer_list<double> x, std::size_t label) {
  for (double v : x) d.x.push_back(static_cast<float>(v));
  if (d.task == Task::binary) {
    d.y.push_back(static_cast<float>(label));
  } else {
    for (std::size_t c = 0; c < d.class_names.size(); ++c) d.y.push_back(c == label ? 1.0f : 0.0f);
  }
}

std::vector<std::string> numbered_classes(std::size_t k) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < k; ++i) names.push_back(std::to_string(i));
  return names;
}

// Rows of class c when n rows are shared by k classes: the remainder goes to the first ones.
std::size_t share(std::size_t n, std::size_t k, std::size_t c) { return n / k + (c < n % k); }

// linspace(start, stop, count) as numpy: both ends included.
double linspace(double start, double stop, std::size_t count, std::size_t i) {
  return count < 2 ? start : start + (stop - start) * double(i) / double(count - 1);
}

template <int Gate>
Dataset gate(const std::vector<double>& v, std::uint64_t seed) {
  const auto n = static_cast<std::size_t>(v[0]);
  engine::Random random(seed);
  Dataset d = empty(Task::binary, 2, n, {"0", "1"});
  for (std::size_t i = 0; i < n; ++i) {
    int a = int(i % 4) / 2, b = int(i % 4) % 2;  // 00, 01, 10, 11, 00, ...
    int y = Gate == 0 ? (a & b) : Gate == 1 ? (a | b) : (a ^ b);
    double na = v[1] * random.normal();
    double nb = v[1] * random.normal();
    add_class_row(d, {a + na, b + nb}, static_cast<std::size_t>(y));
  }
  return d;
}

Dataset circles(const std::vector<double>& v, std::uint64_t seed) {
  const auto n = static_cast<std::size_t>(v[0]);
  const double noise = v[1], factor = v[2];
  engine::Random random(seed);
  Dataset d = empty(Task::binary, 2, n, {"outer", "inner"});
  const std::size_t outer = n / 2, inner = n - outer;
  for (std::size_t c = 0; c < 2; ++c) {
    std::size_t count = c == 0 ? outer : inner;
    double radius = c == 0 ? 1.0 : factor;
    for (std::size_t i = 0; i < count; ++i) {
      double angle = 2 * pi * double(i) / double(count);  // endpoint excluded
      double nx = noise * random.normal();
      double ny = noise * random.normal();
      add_class_row(d, {radius * std::cos(angle) + nx, radius * std::sin(angle) + ny}, c);
    }
  }
  return d;
}

Dataset moons(const std::vector<double>& v, std::uint64_t seed) {
  const auto n = static_cast<std::size_t>(v[0]);
  const double noise = v[1];
  engine::Random random(seed);
  Dataset d = empty(Task::binary, 2, n, {"upper", "lower"});
  const std::size_t upper = n / 2, lower = n - upper;
  for (std::size_t i = 0; i < upper; ++i) {
    double t = linspace(0, pi, upper, i);
    double nx = noise * random.normal();
    double ny = noise * random.normal();
    add_class_row(d, {std::cos(t) + nx, std::sin(t) + ny}, 0);
  }
  for (std::size_t i = 0; i < lower; ++i) {
    double t = linspace(0, pi, lower, i);
    double nx = noise * random.normal();
    double ny = noise * random.normal();
    add_class_row(d, {1 - std::cos(t) + nx, 0.5 - std::sin(t) + ny}, 1);
  }
  return d;
}

// Arm c: radius grows 0 → 1 while the angle sweeps 4 radians, starting at 4c, plus noise.
Dataset spiral(const std::vector<double>& v, std::uint64_t seed) {
  const auto n = static_cast<std::size_t>(v[0]);
  const auto k = static_cast<std::size_t>(v[2]);
  engine::Random random(seed);
  Dataset d = empty(Task::categorical, 2, n, numbered_classes(k));
  for (std::size_t c = 0; c < k; ++c) {
    std::size_t count = share(n, k, c);
    for (std::size_t i = 0; i < count; ++i) {
      double r = linspace(0, 1, count, i);
      double t = linspace(4.0 * double(c), 4.0 * double(c + 1), count, i) + v[1] * random.normal();
      add_class_row(d, {r * std::sin(t), r * std::cos(t)}, c);
    }
  }
  return d;
}

// Centres uniform in [-10, 10] per feature (as make_blobs' center_box); noise is the spread.
Dataset blobs(const std::vector<double>& v, std::uint64_t seed) {
  const auto n = static_cast<std::size_t>(v[0]);
  const auto k = static_cast<std::size_t>(v[2]);
  const auto f = static_cast<std::size_t>(v[3]);
  engine::Random random(seed);
  Dataset d = empty(Task::categorical, f, n, numbered_classes(k));
  std::vector<double> centres(k * f);
  for (double& c : centres) c = random.uniform(-10.0, 10.0);
  for (std::size_t c = 0; c < k; ++c) {
    for (std::size_t i = 0, count = share(n, k, c); i < count; ++i) {
      for (std::size_t j = 0; j < f; ++j)
        d.x.push_back(static_cast<float>(centres[c * f + j] + v[1] * random.normal()));
      for (std::size_t j = 0; j < k; ++j) d.y.push_back(j == c ? 1.0f : 0.0f);
    }
  }
  return d;
}

Dataset line(const std::vector<double>& v, std::uint64_t seed) {
  const auto n = static_cast<std::size_t>(v[0]);
  engine::Random random(seed);
  Dataset d = empty(Task::regression, 1, n, {});
  for (std::size_t i = 0; i < n; ++i) {
    double x = random.uniform(-1.0, 1.0);
    d.x.push_back(static_cast<float>(x));
    d.y.push_back(static_cast<float>(v[2] * x + v[3] + v[1] * random.normal()));
  }
  return d;
}

Dataset plane(const std::vector<double>& v, std::uint64_t seed) {
  const auto n = static_cast<std::size_t>(v[0]);
  engine::Random random(seed);
  Dataset d = empty(Task::regression, 2, n, {});
  for (std::size_t i = 0; i < n; ++i) {
    double x1 = random.uniform(-1.0, 1.0);
    double x2 = random.uniform(-1.0, 1.0);
    d.x.push_back(static_cast<float>(x1));
    d.x.push_back(static_cast<float>(x2));
    d.y.push_back(static_cast<float>(v[2] * x1 + v[3] * x2 + v[4] + v[1] * random.normal()));
  }
  return d;
}

Dataset sine(const std::vector<double>& v, std::uint64_t seed) {
  const auto n = static_cast<std::size_t>(v[0]);
  const double half_width = v[2] * pi;
  engine::Random random(seed);
  Dataset d = empty(Task::regression, 1, n, {});
  for (std::size_t i = 0; i < n; ++i) {
    double x = random.uniform(-half_width, half_width);
    d.x.push_back(static_cast<float>(x));
    d.y.push_back(static_cast<float>(std::sin(x) + v[1] * random.normal()));
  }
  return d;
}

GeneratorParam samples(double default_value) {
  return {"samples", default_value, 1, 1e6, true, "number of rows"};
}
GeneratorParam noise(double default_value, const char* doc) {
  return {"noise", default_value, 0, 100, false, doc};
}
constexpr const char* input_noise = "standard deviation of Gaussian noise added to the inputs";
constexpr const char* target_noise = "standard deviation of Gaussian noise added to the target";

}  // namespace

const GeneratorParam* Generator::param(const std::string& param_name) const {
  for (const auto& p : params)
    if (param_name == p.name) return &p;
  return nullptr;
}

const std::vector<Generator>& generators() {
  static const std::vector<Generator> list = {
      {"and",
       "logical AND of two inputs",
       Task::binary,
       {samples(4), noise(0, input_noise)},
       &gate<0>},
      {"or",
       "logical OR of two inputs",
       Task::binary,
       {samples(4), noise(0, input_noise)},
       &gate<1>},
      {"xor",
       "exclusive OR of two inputs: not separable by one line",
       Task::binary,
       {samples(4), noise(0, input_noise)},
       &gate<2>},
      {"circles",
       "a circle inside a circle",
       Task::binary,
       {samples(200),
        noise(0, input_noise),
        {"factor", 0.5, 0.01, 0.99, false, "inner radius as a fraction of the outer one"}},
       &circles},
      {"moons",
       "two interleaving half circles",
       Task::binary,
       {samples(200), noise(0, input_noise)},
       &moons},
      {"spiral",
       "arms of a spiral, one per class",
       Task::categorical,
       {samples(300),
        noise(0.2, "standard deviation of Gaussian noise added to the angle"),
        {"classes", 3, 2, 10, true, "number of arms"}},
       &spiral},
      {"blobs",
       "Gaussian clusters, one per class",
       Task::categorical,
       {samples(150),
        noise(1.0, "standard deviation of each cluster"),
        {"classes", 3, 2, 20, true, "number of clusters"},
        {"features", 2, 1, 100, true, "number of input columns"}},
       &blobs},
      {"line",
       "y = slope·x + intercept",
       Task::regression,
       {samples(100),
        noise(0, target_noise),
        {"slope", 2, -1e6, 1e6, false, "slope"},
        {"intercept", 1, -1e6, 1e6, false, "value at x = 0"}},
       &line},
      {"plane",
       "y = slope1·x1 + slope2·x2 + intercept",
       Task::regression,
       {samples(100),
        noise(0, target_noise),
        {"slope1", 1.5, -1e6, 1e6, false, "slope along x1"},
        {"slope2", -2, -1e6, 1e6, false, "slope along x2"},
        {"intercept", 0.5, -1e6, 1e6, false, "value at the origin"}},
       &plane},
      {"sine",
       "y = sin(x)",
       Task::regression,
       {samples(200),
        noise(0, target_noise),
        {"periods", 1, 0.1, 10, false, "x spans [-periods·π, periods·π]"}},
       &sine},
  };
  return list;
}

const Generator& require_generator(const std::string& name, const std::string& where) {
  std::vector<std::string> names;
  for (const auto& g : generators()) {
    if (name == g.name) return g;
    names.push_back(g.name);
  }
  throw Error(prefix(where) + "unknown generator '" + name + "'" + did_you_mean(name, names) +
              "; the generators are: " + join(names));
}

std::vector<double> resolve(const Generator& generator, const std::vector<GeneratorArg>& args) {
  std::vector<double> values;
  for (const auto& p : generator.params) values.push_back(p.default_value);
  for (const auto& arg : args) {
    const GeneratorParam* p = generator.param(arg.name);
    if (p == nullptr) {
      std::vector<std::string> names;
      for (const auto& q : generator.params) names.push_back(q.name);
      throw Error(prefix(arg.where) + "generator '" + generator.name + "' has no parameter '" +
                  arg.name + "'" + did_you_mean(arg.name, names) +
                  "; its parameters are: " + join(names));
    }
    if (p->integer && arg.value != std::floor(arg.value))
      throw Error(prefix(arg.where) + arg.name + " = " + format_number(arg.value) +
                  " must be a whole number (generator '" + generator.name + "')");
    if (!(arg.value >= p->min_value && arg.value <= p->max_value))
      throw Error(prefix(arg.where) + arg.name + " = " + format_number(arg.value) +
                  " is out of range for generator '" + generator.name + "': allowed [" +
                  format_number(p->min_value) + ", " + format_number(p->max_value) + "]");
    values[std::size_t(p - generator.params.data())] = arg.value;
  }
  return values;
}

Dataset generate(const std::string& name, const std::vector<GeneratorArg>& args, std::uint64_t seed,
                 const std::string& where) {
  const Generator& generator = require_generator(name, where);
  return generator.make(resolve(generator, args), seed);
}

}  // namespace neuronlab::data
