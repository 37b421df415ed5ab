// Building a network from its spec, and the batch forward and backward passes.
//
// Per layer, with X (B, fan_in) the layer's input and W (n, fan_in):
//   forward   Z = X·Wᵀ + b,  H = norm(Z) (or Z),  A = f(H)
//   backward  dH = f'ᵀ(dA)              activation backward, in place in da
//             dZ = norm'ᵀ(dH) (or dH)
//             dW = dZᵀ·X,  db = Σ_rows dZ,  dX = dZ·W   (dX is the previous layer's dA)
// With a fused loss the output layer's dH comes straight from the loss's backward_logits.
#include <neuronlab/sdk/abi.h>
#include <neuronlab/engine/random.hpp>
#include <neuronlab/error.hpp>
#include <neuronlab/sdk/parallel.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <exception>
#include <stdexcept>

#include "init.hpp"
#include "network_impl.hpp"
#include "plugin_call.hpp"

namespace neuronlab::engine {

namespace {

// f(first, count) over row slices of a (rows, cols) batch: threads only for batches of at
// least 2^14 values a thread (the SDK lets activations run concurrently on disjoint rows).
template <class F>
void for_row_slices(std::size_t rows, std::size_t cols, F&& f) {
  constexpr std::size_t kElementsPerThread = 1 << 14;
  for_slices(rows, (kElementsPerThread + cols - 1) / std::max<std::size_t>(cols, 1), f);
}

// Rows [first, first + count) of a (·, cols) buffer.
MatrixView rows_of(Floats& buffer, std::size_t first, std::size_t count, std::size_t cols) {
  return {buffer.data() + first * cols, count, cols, cols};
}
ConstMatrixView rows_of(const Floats& buffer, std::size_t first, std::size_t count,
                        std::size_t cols) {
  return {buffer.data() + first * cols, count, cols, cols};
}

void copy_rows(ConstMatrixView from, float* to) {
  for (std::size_t r = 0; r < from.rows; ++r)
    std::memcpy(to + r * from.cols, from.row(r), from.cols * sizeof(float));
}

}  // namespace

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

ConstMatrixView Network::forward(ConstMatrixView x, bool training, Input input) {
  Impl& m = *impl_;
  if (x.cols != m.spec.inputs)
    throw Error("the network takes " + std::to_string(m.spec.inputs) +
                " inputs per observation but was given " + std::to_string(x.cols) +
                "; check the feature columns");
  if (x.rows > m.max_batch) reserve(x.rows);
  const std::size_t rows = x.rows;
  if (input == Input::copied) {
    copy_rows(x, m.input.data());
    m.in = {m.input.data(), x.rows, x.cols, x.cols};
  } else {
    m.in = x;
  }
  for (std::size_t l = 0; l < m.layers.size(); ++l) {
    DenseLayer& layer = m.layers[l];
    m.products.multiply(layer.forward_plan, rows, layer.n, layer.fan_in, m.input_of(l),
                        {layer.w.data(), layer.fan_in, true}, layer.z.data(), layer.n,
                        layer.b.data());
    if (layer.normalization)
      call_plugin(Kind::normalization, l, layer.normalization_label, [&] {
        layer.normalization->forward(view(layer.z, rows, layer.n), view(layer.h, rows, layer.n),
                                     training);
      });
    const Activation& activation = *layer.activation;
    const Floats& pre = layer.pre_activation();
    call_plugin(Kind::activation, l, layer.activation_label, [&] {
      for_row_slices(rows, layer.n, [&](std::size_t first, std::size_t count) {
        activation.forward(rows_of(pre, first, count, layer.n),
                           rows_of(layer.a, first, count, layer.n));
      });
    });
  }
  m.batch = rows;
  m.training = training;
  return output();
}

ConstMatrixView Network::output() const {
  const DenseLayer& last = impl_->layers.back();
  return view(last.a, impl_->batch, last.n);
}

ConstMatrixView Network::layer_output(std::size_t layer) const {
  const DenseLayer& l = impl_->layers.at(layer);
  return view(l.a, impl_->batch, l.n);
}

double Network::loss(const Loss& loss, ConstMatrixView target) const {
  const Impl& m = *impl_;
  const DenseLayer& last = m.layers.back();
  if (m.fused(loss))
    return loss.forward_logits(view(last.pre_activation(), m.batch, last.n), target);
  return loss.forward(view(last.a, m.batch, last.n), target);
}

double Network::backward(const Loss& loss, ConstMatrixView target) {
  Impl& m = *impl_;
  const std::size_t rows = m.batch;
  if (rows == 0) throw std::logic_error("Network::backward needs a forward pass first");
  DenseLayer& last = m.layers.back();
  const bool fused = m.fused(loss);
  double value;
  if (fused) {
    const ConstMatrixView logits = view(last.pre_activation(), rows, last.n);
    value = loss.forward_logits(logits, target);
    loss.backward_logits(logits, target, view(last.da, rows, last.n));  // already ∂loss/∂h
  } else {
    const ConstMatrixView prediction = view(last.a, rows, last.n);
    value = loss.forward(prediction, target);
    loss.backward(prediction, target, view(last.da, rows, last.n));
  }
  for (std::size_t l = m.layers.size(); l-- > 0;) {
    DenseLayer& layer = m.layers[l];
    const MatrixView da = view(layer.da, rows, layer.n);
    if (!(fused && l + 1 == m.layers.size())) {
      const Activation& activation = *layer.activation;
      const Floats& pre = layer.pre_activation();
      call_plugin(Kind::activation, l, layer.activation_label, [&] {
        for_row_slices(rows, layer.n, [&](std::size_t first, std::size_t count) {
          const MatrixView slice = rows_of(layer.da, first, count, layer.n);
          activation.backward(rows_of(pre, first, count, layer.n),
                              rows_of(layer.a, first, count, layer.n), slice, slice);
        });
      });
    }
    if (layer.normalization) {
      Normalization& norm = *layer.normalization;
      call_plugin(Kind::normalization, l, layer.normalization_label,
                  [&] { norm.backward(da, view(layer.dz, rows, layer.n)); });
      for (std::size_t i = 0; i < layer.norm_grads.size(); ++i) {
        const Tensor t = norm.parameter(i);
        std::copy(t.grad, t.grad + t.size, layer.norm_grads[i].data());
      }
    }
    const float* delta = layer.delta().data();
    m.products.multiply(layer.weight_plan, layer.n, layer.fan_in, rows, {delta, layer.n, true},
                        m.input_of(l), layer.dw.data(), layer.fan_in);
    Products::column_sums(delta, rows, layer.n, layer.db.data());
    if (l > 0)
      m.products.multiply(layer.input_plan, rows, layer.fan_in, layer.n, {delta, layer.n, false},
                          {layer.w.data(), layer.fan_in, false}, m.layers[l - 1].da.data(),
                          layer.fan_in);
  }
  return value;
}

namespace {

bool finite(const Floats& values, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i)
    if (!std::isfinite(values[i])) return false;
  return true;
}

}  // namespace

NonFiniteSource Network::find_non_finite() const {
  using Stage = NonFiniteSource::Stage;
  const Impl& m = *impl_;
  for (std::size_t l = 0; l < m.layers.size(); ++l) {
    const DenseLayer& layer = m.layers[l];
    const std::size_t values = m.batch * layer.n;
    if (!finite(layer.w, layer.w.size()) || !finite(layer.b, layer.b.size()))
      return {Stage::parameters, l};
    if (!finite(layer.z, values)) return {Stage::weighted_sum, l};
    if (layer.normalization && !finite(layer.h, values)) return {Stage::normalization, l};
    if (!finite(layer.a, values)) return {Stage::activation, l};
  }
  return {Stage::loss, m.layers.size()};
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
