// Neurons as views, and traces of one observation through the network: the numbers lessons
// show (inputs, weights, weighted sum, activation; deltas, gradients and updates).
#include <neuronlab/error.hpp>

#include <stdexcept>

#include "network_impl.hpp"

namespace neuronlab::engine {

namespace {

void check_neuron(const Network& network, std::size_t layer, std::size_t index) {
  if (layer >= network.layer_count() || index >= network.neurons(layer))
    throw Error("there is no neuron " + std::to_string(index + 1) + " in layer " +
                std::to_string(layer + 1) + "; the network has " +
                std::to_string(network.layer_count()) + " layers" +
                (layer < network.layer_count()
                     ? " and layer " + std::to_string(layer + 1) + " has " +
                           std::to_string(network.neurons(layer)) + " neurons"
                     : std::string()));
}

}  // namespace

Neuron Network::neuron(std::size_t layer, std::size_t index) const {
  check_neuron(*this, layer, index);
  const DenseLayer& l = impl_->layers[layer];
  return {layer, index, l.w.data() + index * l.fan_in, l.fan_in, l.b[index]};
}

NeuronTrace Network::trace_neuron(std::size_t layer, std::size_t index, const float* observation) {
  check_neuron(*this, layer, index);
  forward(ConstMatrixView(observation, 1, inputs(), inputs()), false);
  const Impl& m = *impl_;
  const DenseLayer& l = m.layers[layer];
  const float* in = m.input_of(layer).data;
  NeuronTrace trace;
  trace.inputs.assign(in, in + l.fan_in);
  trace.weights.assign(l.w.begin() + index * l.fan_in, l.w.begin() + (index + 1) * l.fan_in);
  trace.bias = l.b[index];
  trace.weighted_sum = l.z[index];
  trace.normalized = l.pre_activation()[index];
  trace.activation = l.a[index];
  return trace;
}

BackwardTrace Network::trace_backward(const float* observation, const float* target,
                                      const Loss& loss, double learning_rate) {
  // A training-mode forward moves running statistics; the trace must leave them as they were.
  std::vector<std::vector<float>> kept;
  for (DenseLayer& l : impl_->layers)
    if (l.normalization)
      for (std::size_t i = 0; i < l.normalization->state_count(); ++i) {
        const Tensor t = l.normalization->state(i);
        kept.emplace_back(t.value, t.value + t.size);
      }

  forward(ConstMatrixView(observation, 1, inputs(), inputs()), true);
  BackwardTrace trace;
  trace.loss = backward(loss, ConstMatrixView(target, 1, outputs(), outputs()));
  const float rate = static_cast<float>(learning_rate);
  for (DenseLayer& l : impl_->layers) {
    LayerBackwardTrace t;
    t.delta.assign(l.delta().begin(), l.delta().begin() + l.n);
    t.weight_gradient.assign(l.dw.begin(), l.dw.end());
    t.bias_gradient.assign(l.db.begin(), l.db.end());
    t.weight_update.resize(l.dw.size());
    t.bias_update.resize(l.db.size());
    for (std::size_t i = 0; i < l.dw.size(); ++i) t.weight_update[i] = -rate * l.dw[i];
    for (std::size_t i = 0; i < l.db.size(); ++i) t.bias_update[i] = -rate * l.db[i];
    trace.layers.push_back(std::move(t));
  }

  std::size_t k = 0;
  for (DenseLayer& l : impl_->layers)
    if (l.normalization)
      for (std::size_t i = 0; i < l.normalization->state_count(); ++i, ++k)
        std::copy(kept[k].begin(), kept[k].end(), l.normalization->state(i).value);
  return trace;
}

}  // namespace neuronlab::engine
