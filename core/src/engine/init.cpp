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
#include <map>
#include <string>
#include <variant>

namespace neuronlab::engine {

namespace {

std::string at(const std::string& where) { return where.empty() ? std::string() : where + ": "; }

// The parameters a scheme accepts, with their defaults (mode: 0 = fan_in, 1 = fan_out).
const std::map<std::string, std::map<std::string, double>>& scheme_params() {
  static const std::map<std::string, std::map<std::string, double>> table = {
      {"default", {}},
      {"uniform", {{"limit", 0.05}}},
      {"normal", {{"std", 0.05}}},
      {"xavier_uniform", {{"gain", 1.0}}},
      {"xavier_normal", {{"gain", 1.0}}},
      {"kaiming_uniform", {{"a", 0.0}, {"mode", 0.0}}},
      {"kaiming_normal", {{"a", 0.0}, {"mode", 0.0}}},
      {"zeros", {}},
  };
  return table;
}

std::map<std::string, double> read_params(const LayerSpec& spec) {
  const auto& table = scheme_params();
  auto scheme = table.find(spec.init);
  if (scheme == table.end())
    throw Error(at(spec.where) + "unknown init '" + spec.init + "'" +
                did_you_mean(spec.init, init_schemes()) +
                "; choose one of default, uniform, normal, xavier_uniform, xavier_normal, "
                "kaiming_uniform, kaiming_normal, zeros");
  std::map<std::string, double> values = scheme->second;
  for (const auto& [name, given] : spec.init_params) {
    const std::string where = at(given.where.empty() ? spec.where : given.where);
    auto slot = values.find(name);
    if (slot == values.end()) {
      std::vector<std::string> known;
      for (const auto& entry : scheme->second) known.push_back(entry.first);
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      throw Error(where + "init '" + spec.init + "' has no parameter '" + name + "'" +
                  did_you_mean(name, known) +
                  (list.empty() ? std::string("; it takes none") : "; it takes " + list));
    }
    if (name == "mode") {
      const auto* text = std::get_if<std::string>(&given.value);
      if (text == nullptr || (*text != "fan_in" && *text != "fan_out"))
        throw Error(where + "init parameter 'mode' must be fan_in or fan_out");
      slot->second = *text == "fan_in" ? 0.0 : 1.0;
      continue;
    }
    const auto* number = std::get_if<double>(&given.value);
    if (number == nullptr || !std::isfinite(*number))
      throw Error(where + "init parameter '" + name + "' must be a number");
    if (name != "a" && !(*number > 0.0))
      throw Error(where + "init parameter '" + name + "' must be greater than 0");
    slot->second = *number;
  }
  return values;
}

}  // namespace

const std::vector<std::string>& init_schemes() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& entry : scheme_params()) out.push_back(entry.first);
    return out;
  }();
  return names;
}

void initialize_layer(const LayerSpec& spec, std::size_t fan_in, Random& random,
                      std::vector<float>& w, std::vector<float>& b) {
  const std::size_t n = spec.neurons;
  const auto p = read_params(spec);
  w.assign(n * fan_in, 0.0f);
  b.assign(n, 0.0f);

  const double fans = double(fan_in + n);
  const double kaiming_fan =
      spec.init.rfind("kaiming", 0) == 0 && p.at("mode") != 0.0 ? double(n) : double(fan_in);
  const double kaiming_gain =
      spec.init.rfind("kaiming", 0) == 0 ? std::sqrt(2.0 / (1.0 + p.at("a") * p.at("a"))) : 0.0;
  const double bound = 1.0 / std::sqrt(double(fan_in));  // default

  if (!spec.weights) {
    for (float& v : w) {
      double x = 0.0;
      if (spec.init == "default")
        x = random.uniform(-bound, bound);
      else if (spec.init == "uniform")
        x = random.uniform(-p.at("limit"), p.at("limit"));
      else if (spec.init == "normal")
        x = random.normal(0.0, p.at("std"));
      else if (spec.init == "xavier_uniform") {
        const double limit = p.at("gain") * std::sqrt(6.0 / fans);
        x = random.uniform(-limit, limit);
      } else if (spec.init == "xavier_normal")
        x = random.normal(0.0, p.at("gain") * std::sqrt(2.0 / fans));
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
      throw Error(at(spec.where) + "weights have " + std::to_string(rows.size()) +
                  " rows but the layer has " + std::to_string(n) +
                  " neurons; give one row per neuron, each with one weight per input");
    for (std::size_t i = 0; i < n; ++i) {
      if (rows[i].size() != fan_in)
        throw Error(at(spec.where) + "weights row " + std::to_string(i + 1) + " has " +
                    std::to_string(rows[i].size()) + " values but the layer has " +
                    std::to_string(fan_in) + " inputs; give one weight per input");
      for (std::size_t j = 0; j < fan_in; ++j) w[i * fan_in + j] = static_cast<float>(rows[i][j]);
    }
  }

  if (spec.bias) {
    if (spec.bias->size() != n)
      throw Error(at(spec.where) + "bias has " + std::to_string(spec.bias->size()) +
                  " values but the layer has " + std::to_string(n) +
                  " neurons; give one bias per neuron");
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<float>((*spec.bias)[i]);
  } else if (spec.init == "default") {
    for (float& v : b) v = static_cast<float>(random.uniform(-bound, bound));
  }
}

}  // namespace neuronlab::engine
