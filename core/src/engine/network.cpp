// Building a network from its spec: its layers, plugins, buffers and parameters. The batch
// passes through it are in passes.cpp.
#include <neuronlab/sdk/abi.h>
#include <neuronlab/engine/random.hpp>
#include <neuronlab/error.hpp>

#include <algorithm>
#include <stdexcept>

#include "init.hpp"
#include "network_impl.hpp"
#include "plugin_call.hpp"

namespace neuronlab::engine {

std::string component_label(const std::string& role, const ComponentInfo& component) {
  return role + " '" + component.name + "' (" + component.library.string() + ")";
}

bool Network::Impl::fused(const Loss& loss) const {
  const char* name = loss.fused_activation();
  return name != nullptr && spec.layers.back().activation == name;
}

void Network::Impl::rebuild_parameters() {
  names.clear();
  parameters.clear();
  gradients.clear();
  for (std::size_t l = 0; l < layers.size(); ++l) {
    DenseLayer& layer = layers[l];
    const std::string prefix = "layer" + std::to_string(l + 1) + ".";
    names.push_back(prefix + "weight");
    parameters.push_back({nullptr, layer.w.data(), layer.dw.data(), layer.w.size()});
    gradients.push_back(layer.dw.data());
    names.push_back(prefix + "bias");
    parameters.push_back({nullptr, layer.b.data(), layer.db.data(), layer.b.size()});
    gradients.push_back(layer.db.data());
    if (!layer.normalization) continue;
    const std::size_t count = layer.normalization->parameter_count();
    layer.norm_grads.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
      const Tensor t = layer.normalization->parameter(i);
      layer.norm_grads[i].assign(t.size, 0.0f);
      names.push_back(prefix + "norm." + t.name);
      parameters.push_back({nullptr, t.value, layer.norm_grads[i].data(), t.size});
      gradients.push_back(layer.norm_grads[i].data());
    }
  }
  // Names last: the strings no longer move once every one is in place.
  for (std::size_t i = 0; i < parameters.size(); ++i) parameters[i].name = names[i].c_str();
}

Network::Network(const NetworkSpec& spec, const Registry& registry, std::uint64_t seed)
    : impl_(std::make_unique<Impl>()) {
  if (spec.inputs == 0)
    throw LayerError(std::nullopt, "the network has no inputs; give the data at least one feature");
  if (spec.layers.empty())
    throw LayerError(std::nullopt,
                     "the network has no layers; give at least the output layer, e.g. "
                     "{neurons: 1, activation: sigmoid}");
  Impl& m = *impl_;
  m.spec.inputs = spec.inputs;
  Random random(seed);
  std::size_t fan_in = spec.inputs;
  for (std::size_t l = 0; l < spec.layers.size(); ++l) {
    try {
      add_layer(spec.layers[l], l, fan_in, registry, random);
    } catch (const LayerError&) {
      throw;
    } catch (const Error& e) {  // the registry's and init's messages, now with their layer
      throw LayerError(l, e.what());
    }
    fan_in = spec.layers[l].neurons;
  }
  reserve(1);
}

void Network::add_layer(const LayerSpec& given, std::size_t l, std::size_t fan_in,
                        const Registry& registry, Random& random) {
  Impl& m = *impl_;
  if (given.neurons == 0)
    throw LayerError(l, "layer " + std::to_string(l + 1) + " has 0 neurons; give it 1 or more");
  LayerSpec resolved = given;
  resolved.weights.reset();
  resolved.bias.reset();
  DenseLayer layer;
  layer.fan_in = fan_in;
  layer.n = given.neurons;

  const ComponentInfo& activation = registry.require(Kind::activation, given.activation);
  const std::vector<double> activation_values =
      registry.resolve(activation, given.activation_params);
  layer.activation = registry.create<Activation>(activation, activation_values);
  const std::string role = "layer " + std::to_string(l + 1) + "'s ";
  layer.activation_label = component_label(role + "activation", activation);
  resolved.activation_params = resolved_params(activation.params, activation_values, {});

  if (!given.normalization.empty()) {
    const ComponentInfo& norm = registry.require(Kind::normalization, given.normalization);
    if ((norm.usage & NL_USAGE_LAYER) == 0)
      throw LayerError(l, "normalization '" + norm.name +
                              "' works on input data, not inside a layer; use a layer "
                              "normalization (batch_norm, layer_norm) here, or give '" +
                              norm.name + "' as the data's normalization");
    const std::vector<double> norm_values = registry.resolve(norm, given.normalization_params);
    layer.normalization = registry.create<Normalization>(norm, norm_values);
    layer.normalization_label = component_label(role + "normalization", norm);
    resolved.normalization_params = resolved_params(norm.params, norm_values, {});
  }

  std::vector<float> w, b;
  initialize_layer(given, fan_in, random, w, b);
  layer.w.assign(w.begin(), w.end());
  layer.b.assign(b.begin(), b.end());
  layer.dw.assign(layer.w.size(), 0.0f);
  layer.db.assign(layer.b.size(), 0.0f);
  m.layers.push_back(std::move(layer));
  m.spec.layers.push_back(std::move(resolved));
}

Network::~Network() = default;
Network::Network(Network&&) noexcept = default;
Network& Network::operator=(Network&&) noexcept = default;

std::size_t Network::inputs() const { return impl_->spec.inputs; }
std::size_t Network::outputs() const { return impl_->layers.back().n; }
std::size_t Network::layer_count() const { return impl_->layers.size(); }
std::size_t Network::neurons(std::size_t layer) const { return impl_->layers.at(layer).n; }
std::size_t Network::fan_in(std::size_t layer) const { return impl_->layers.at(layer).fan_in; }
const NetworkSpec& Network::spec() const { return impl_->spec; }
std::size_t Network::max_batch() const { return impl_->max_batch; }

void Network::reserve(std::size_t max_batch) {
  Impl& m = *impl_;
  if (max_batch <= m.max_batch) return;
  for (DenseLayer& layer : m.layers) {
    const std::size_t size = max_batch * layer.n;
    layer.z.assign(size, 0.0f);
    layer.a.assign(size, 0.0f);
    layer.da.assign(size, 0.0f);
    layer.forward_plan = m.products.plan(max_batch, layer.n, layer.fan_in);
    layer.weight_plan = m.products.plan(layer.n, layer.fan_in, max_batch);
    layer.input_plan = m.products.plan(max_batch, layer.fan_in, layer.n);
    if (!layer.normalization) continue;
    layer.h.assign(size, 0.0f);
    layer.dz.assign(size, 0.0f);
    // bind() starts parameters and state afresh; a larger batch must keep what was learned.
    Normalization& norm = *layer.normalization;
    std::vector<std::vector<float>> kept;
    if (m.max_batch > 0) {
      for (std::size_t i = 0; i < norm.parameter_count(); ++i) {
        const Tensor t = norm.parameter(i);
        kept.emplace_back(t.value, t.value + t.size);
      }
      for (std::size_t i = 0; i < norm.state_count(); ++i) {
        const Tensor t = norm.state(i);
        kept.emplace_back(t.value, t.value + t.size);
      }
    }
    norm.bind(layer.n, max_batch);
    if (!kept.empty()) {
      std::size_t k = 0;
      for (std::size_t i = 0; i < norm.parameter_count(); ++i, ++k)
        std::copy(kept[k].begin(), kept[k].end(), norm.parameter(i).value);
      for (std::size_t i = 0; i < norm.state_count(); ++i, ++k)
        std::copy(kept[k].begin(), kept[k].end(), norm.state(i).value);
    }
  }
  m.input.assign(max_batch * m.spec.inputs, 0.0f);
  m.max_batch = max_batch;
  m.batch = 0;
  m.rebuild_parameters();
}

void Network::save_values(std::vector<float>& into) const {
  std::size_t k = 0;
  auto put = [&](const float* value, std::size_t size) {
    if (into.size() < k + size) into.resize(k + size);
    std::copy(value, value + size, into.begin() + std::ptrdiff_t(k));
    k += size;
  };
  for (const Tensor& t : impl_->parameters) put(t.value, t.size);
  for (const DenseLayer& layer : impl_->layers)
    if (layer.normalization)
      for (std::size_t i = 0; i < layer.normalization->state_count(); ++i) {
        const Tensor t = layer.normalization->state(i);
        put(t.value, t.size);
      }
}

void Network::restore_values(const std::vector<float>& from) {
  std::size_t k = 0;
  auto take = [&](float* value, std::size_t size) {
    std::copy(from.begin() + std::ptrdiff_t(k), from.begin() + std::ptrdiff_t(k + size), value);
    k += size;
  };
  for (const Tensor& t : impl_->parameters) take(t.value, t.size);
  for (DenseLayer& layer : impl_->layers)
    if (layer.normalization)
      for (std::size_t i = 0; i < layer.normalization->state_count(); ++i) {
        const Tensor t = layer.normalization->state(i);
        take(t.value, t.size);
      }
}

const std::vector<Tensor>& Network::parameters() const { return impl_->parameters; }
float* Network::gradient(std::size_t i) { return impl_->gradients.at(i); }

MatrixView Network::weights(std::size_t layer) {
  DenseLayer& l = impl_->layers.at(layer);
  return view(l.w, l.n, l.fan_in);
}
ConstMatrixView Network::weights(std::size_t layer) const {
  const DenseLayer& l = impl_->layers.at(layer);
  return view(l.w, l.n, l.fan_in);
}
float* Network::bias(std::size_t layer) { return impl_->layers.at(layer).b.data(); }
const float* Network::bias(std::size_t layer) const { return impl_->layers.at(layer).b.data(); }
const Activation& Network::activation(std::size_t layer) const {
  return *impl_->layers.at(layer).activation;
}
Normalization* Network::normalization(std::size_t layer) {
  return impl_->layers.at(layer).normalization.get();
}
const Normalization* Network::normalization(std::size_t layer) const {
  return impl_->layers.at(layer).normalization.get();
}

}  // namespace neuronlab::engine
