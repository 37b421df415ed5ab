// Weight initialization: the torch.nn.init schemes, drawn from the engine's portable Random.
//   default          W, b ~ U(±1/√fan_in)      torch.nn.Linear.reset_parameters (kaiming_uniform
//                                              with a = √5 gives exactly this bound)
//   uniform          W ~ U(±limit)
//   normal           W ~ N(0, std²)
//   xavier_uniform   W ~ U(±gain·√(6/(fan_in + fan_out)))    Glorot & Bengio, AISTATS 2010
//   xavier_normal    W ~ N(0, (gain·√(2/(fan_in + fan_out)))²)
//   kaiming_uniform  W ~ U(±gain·√(3/fan)), gain = √(2/(1 + a²))   He et al., ICCV 2015
//   kaiming_normal   W ~ N(0, (gain/√fan)²), fan = fan_in or fan_out as `mode` says
//   zeros            W = 0
// Every scheme but `default` starts the bias at 0.
#include "init.hpp"

#include <neuronlab/error.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <variant>

namespace neuronlab::engine {

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

}  // namespace

const std::vector<const Schema*>& init_schemas() {
  static const std::vector<Schema> table = {
      {"init", "default", "torch.nn.Linear's own: W and b uniform in ±1/sqrt(fan_in)", "", {}},
      {"init",
       "uniform",
       "W uniform in ±limit, b = 0",
       "",
       {real_param("limit", 0.05, 0, inf, "half the width of the interval", true)}},
      {"init",
       "normal",
       "W normal with mean 0 and standard deviation std, b = 0",
       "",
       {real_param("std", 0.05, 0, inf, "the standard deviation", true)}},
      {"init",
       "xavier_uniform",
       "W uniform in ±gain·sqrt(6/(fan_in + fan_out)), b = 0",
       "",
       {real_param("gain", 1.0, 0, inf, "scales the bound", true)}},
      {"init",
       "xavier_normal",
       "W normal with std gain·sqrt(2/(fan_in + fan_out)), b = 0",
       "",
       {real_param("gain", 1.0, 0, inf, "scales the standard deviation", true)}},
      {"init",
       "kaiming_uniform",
       "W uniform in ±sqrt(2/(1 + a²))·sqrt(3/fan), b = 0",
       "",
       {real_param("a", 0.0, -inf, inf, "the negative slope of the rectifier that follows"),
        choice_param("mode", {"fan_in", "fan_out"}, 0, "which fan: inputs or neurons")}},
      {"init",
       "kaiming_normal",
       "W normal with std sqrt(2/(1 + a²))/sqrt(fan), b = 0",
       "",
       {real_param("a", 0.0, -inf, inf, "the negative slope of the rectifier that follows"),
        choice_param("mode", {"fan_in", "fan_out"}, 0, "which fan: inputs or neurons")}},
      {"init", "zeros", "W = 0 and b = 0", "", {}},
  };
  static const std::vector<const Schema*> schemas = schema_list(table);
  return schemas;
}

void initialize_layer(const LayerSpec& spec, std::size_t fan_in, Random& random,
                      std::vector<float>& w, std::vector<float>& b) {
  const std::size_t n = spec.neurons;
  const ParamValues p =
      resolve(find_schema(init_schemas(), spec.init, "init", "init schemes", ""), spec.init_params);
  w.assign(n * fan_in, 0.0f);
  b.assign(n, 0.0f);

  const double fans = double(fan_in + n);
  const double kaiming_fan = spec.init.rfind("kaiming", 0) == 0 && p.choice("mode") == "fan_out"
                                 ? double(n)
                                 : double(fan_in);
  const double kaiming_gain =
      spec.init.rfind("kaiming", 0) == 0 ? std::sqrt(2.0 / (1.0 + p.real("a") * p.real("a"))) : 0.0;
  const double bound = 1.0 / std::sqrt(double(fan_in));  // default

  if (!spec.weights) {
    for (float& v : w) {
      double x = 0.0;
      if (spec.init == "default")
        x = random.uniform(-bound, bound);
      else if (spec.init == "uniform")
        x = random.uniform(-p.real("limit"), p.real("limit"));
      else if (spec.init == "normal")
        x = random.normal(0.0, p.real("std"));
      else if (spec.init == "xavier_uniform") {
        const double limit = p.real("gain") * std::sqrt(6.0 / fans);
        x = random.uniform(-limit, limit);
      } else if (spec.init == "xavier_normal")
        x = random.normal(0.0, p.real("gain") * std::sqrt(2.0 / fans));
      else if (spec.init == "kaiming_uniform") {
        const double limit = kaiming_gain * std::sqrt(3.0 / kaiming_fan);
        x = random.uniform(-limit, limit);
      } else if (spec.init == "kaiming_normal")
        x = random.normal(0.0, kaiming_gain / std::sqrt(kaiming_fan));
      v = static_cast<float>(x);
    }
  } else {
    const auto& rows = *spec.weights;
    if (rows.size() != n)
      throw Error("weights have " + std::to_string(rows.size()) + " rows but the layer has " +
                  std::to_string(n) +
                  " neurons; give one row per neuron, each with one weight per input");
    for (std::size_t i = 0; i < n; ++i) {
      if (rows[i].size() != fan_in)
        throw Error("weights row " + std::to_string(i + 1) + " has " +
                    std::to_string(rows[i].size()) + " values but the layer has " +
                    std::to_string(fan_in) + " inputs; give one weight per input");
      for (std::size_t j = 0; j < fan_in; ++j) w[i * fan_in + j] = static_cast<float>(rows[i][j]);
    }
  }

  if (spec.bias) {
    if (spec.bias->size() != n)
      throw Error("bias has " + std::to_string(spec.bias->size()) + " values but the layer has " +
                  std::to_string(n) + " neurons; give one bias per neuron");
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<float>((*spec.bias)[i]);
  } else if (spec.init == "default") {
    for (float& v : b) v = static_cast<float>(random.uniform(-bound, bound));
  }
}

}  // namespace neuronlab::engine
