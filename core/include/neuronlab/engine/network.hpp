// A feed-forward network of dense layers. Layers are matrices, neurons are views.
//
// Layer l with n neurons and m inputs stores its weights as one row-major (n, m) matrix W
// (row i holds neuron i's incoming weights, as torch.nn.Linear.weight) and a bias b (n). For
// a batch X (B, m) it computes
//   Z = X·Wᵀ + b            the weighted sums, (B, n): one matrix product per layer
//   H = norm(Z)             an optional layer-usage normalization plugin (else H = Z)
//   A = f(H)                the activation plugin, (B, n): the layer's output
// Every buffer is allocated for a maximum batch size up front (reserve), so forward and
// backward never allocate. Plugins are created through the Registry and called with whole
// batches.
//
// If the loss names the output layer's activation as its fused activation (softmax with
// cross-entropy), the loss is computed from H by the loss's *_logits pair, which is exact and
// stable, and the output layer's activation backward is skipped.
#ifndef NEURONLAB_ENGINE_NETWORK_HPP
#define NEURONLAB_ENGINE_NETWORK_HPP

#include <neuronlab/registry.hpp>
#include <neuronlab/schema.hpp>
#include <neuronlab/sdk/plugin.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace neuronlab::engine {

// One dense layer as the user describes it.
//
// Initialization schemes (fan_in = inputs of the layer, fan_out = its neurons). Weights are
// drawn row by row (neuron 0's weights first), then the bias, from a Random seeded with the
// network seed, layer by layer:
//   default          W, b ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in))   torch.nn.Linear's own init
//   uniform          W ~ U(-limit, limit), limit = 0.05         b = 0
//   normal           W ~ N(0, std²), std = 0.05                  b = 0
//   xavier_uniform   W ~ U(±gain·sqrt(6/(fan_in+fan_out))), gain = 1          b = 0
//   xavier_normal    W ~ N(0, (gain·sqrt(2/(fan_in+fan_out)))²), gain = 1      b = 0
//   kaiming_uniform  W ~ U(±sqrt(2/(1+a²))·sqrt(3/fan)), a = 0, mode = fan_in  b = 0
//   kaiming_normal   W ~ N(0, (sqrt(2/(1+a²))/sqrt(fan))²), a = 0, mode = fan_in  b = 0
//   zeros            W = 0, b = 0
// (torch.nn.init names and formulas; torch.nn.init.uniform_/normal_ default to U(0, 1) and
// N(0, 1), which are not usable weight scales, so `limit` and `std` default to 0.05.)
// Explicit `weights` (neurons rows of fan_in values) and `bias` override the scheme.
struct LayerSpec {
  std::size_t neurons = 0;
  std::string activation = "identity";
  ParamMap activation_params;
  std::string normalization;  // empty: none; else a plugin with layer usage, applied to Z
  ParamMap normalization_params;
  std::string init = "default";
  ParamMap init_params;  // limit | std | gain | a, mode ("fan_in" or "fan_out"), per scheme
  std::optional<std::vector<std::vector<double>>> weights;  // (neurons, inputs)
  std::optional<std::vector<double>> bias;                  // (neurons)
};

// The init schemes above as schemas (kind "init"): their parameters, defaults and ranges.
const std::vector<const Schema*>& init_schemas();

struct NetworkSpec {
  std::size_t inputs = 0;
  std::vector<LayerSpec> layers;  // the last one is the output layer
};

// A mistake in a network spec, with the layer it is in (none: the network as a whole). The
// engine knows no file: callers that know where the spec was written put that in front.
class LayerError : public Error {
 public:
  LayerError(std::optional<std::size_t> layer, const std::string& message)
      : Error(message), layer_(layer) {}
  const std::optional<std::size_t>& layer() const { return layer_; }  // 0-based

 private:
  std::optional<std::size_t> layer_;
};

// A view of one neuron: row `index` of layer `layer`'s weight matrix, and its bias.
struct Neuron {
  std::size_t layer;
  std::size_t index;
  const float* weights;  // (inputs)
  std::size_t inputs;
  float bias;
};

// One neuron's numbers for one observation, as the network computed them in evaluation mode.
struct NeuronTrace {
  std::vector<float> inputs;   // the layer's input for the observation, (fan_in)
  std::vector<float> weights;  // (fan_in)
  float bias = 0;
  float weighted_sum = 0;  // z = x1·w1 + … + xn·wn + b
  float normalized = 0;    // h = norm(z); equals z without a normalization
  float activation = 0;    // a = f(h)
};

// Backpropagation for one observation (a batch of one, training mode).
struct LayerBackwardTrace {
  std::vector<float> delta;            // ∂loss/∂z per neuron, (neurons)
  std::vector<float> weight_gradient;  // ∂loss/∂W, (neurons, inputs) row-major
  std::vector<float> bias_gradient;    // ∂loss/∂b, (neurons)
  std::vector<float> weight_update;    // what plain SGD would add: -learning_rate · gradient
  std::vector<float> bias_update;
};
struct BackwardTrace {
  double loss = 0;
  std::vector<LayerBackwardTrace> layers;
};

// Where the last forward and backward pass first produced a value that is not finite,
// looking in the order the values were computed: layer by layer its parameters (an update
// made them so), its weighted sums Z, its normalization's output H, its activation's output
// A; then the loss, when every output was finite.
struct NonFiniteSource {
  enum class Stage { parameters, weighted_sum, normalization, activation, loss };
  Stage stage = Stage::loss;
  std::size_t layer = 0;  // 0-based; the layer count for the loss
};

// An exception from plugin code during training or evaluation, with the component it came
// from: "layer 2's normalization 'batch_norm' (/usr/lib/.../libnl_normalizations.so): the
// plugin's message". A user error (the plugin refused what it was given), not a host bug;
// callers that know where the component is written put that in front.
class PluginFailure : public Error {
 public:
  PluginFailure(Kind kind, std::optional<std::size_t> layer, const std::string& label,
                const std::string& message)
      : Error(label + ": " + message), kind_(kind), layer_(layer) {}
  Kind kind() const { return kind_; }
  const std::optional<std::size_t>& layer() const { return layer_; }  // 0-based

 private:
  Kind kind_;
  std::optional<std::size_t> layer_;
};

// "layer 2's activation 'relu' (/path/libnl_activations.so)": how messages name a component.
std::string component_label(const std::string& role, const ComponentInfo& component);

class Random;  // random.hpp

class Network {
 public:
  // Creates every plugin through the registry and initializes the weights from `seed`.
  // Throws LayerError for a zero-sized layer, an unknown plugin, init scheme or init
  // parameter, a plugin that refuses its parameters, a normalization without layer usage, or
  // explicit weights/bias of the wrong shape.
  Network(const NetworkSpec& spec, const Registry& registry, std::uint64_t seed);
  ~Network();
  Network(Network&&) noexcept;
  Network& operator=(Network&&) noexcept;

  std::size_t inputs() const;
  std::size_t outputs() const;
  std::size_t layer_count() const;
  std::size_t neurons(std::size_t layer) const;
  std::size_t fan_in(std::size_t layer) const;
  // The spec the network was built from, with every plugin's parameters resolved (defaults
  // filled in) and without explicit weights.
  const NetworkSpec& spec() const;

  // Allocates every buffer for batches of up to max_batch rows. forward() grows the buffers
  // for a larger batch (that allocates); the trainer reserves once, before its first step.
  void reserve(std::size_t max_batch);
  std::size_t max_batch() const;

  // Where forward() reads x: copied into the network's own buffer, or borrowed, read where it
  // lies until backward() has returned, which saves a copy of the batch but needs x to stay
  // valid and unchanged that long. The trainer borrows the batches it gathers itself and
  // copies a caller's: the copy also brings rows from memory into the cache
  // (docs/performance.md, item 15).
  enum class Input { copied, borrowed };
  // x: (batch, inputs) → (batch, outputs). The view stays valid until the next forward or
  // reserve. training selects batch statistics in normalizations.
  ConstMatrixView forward(ConstMatrixView x, bool training = false, Input input = Input::copied);
  ConstMatrixView output() const;
  // Layer `layer`'s activations A of the last forward pass, (batch, neurons(layer)): what a
  // picture of each neuron's output is drawn from.
  ConstMatrixView layer_output(std::size_t layer) const;

  // The loss of the last forward's output against target (batch, outputs).
  double loss(const Loss& loss, ConstMatrixView target) const;
  // After forward(x, true): the loss, and the gradient of every parameter (overwritten).
  double backward(const Loss& loss, ConstMatrixView target);

  // Every learnable tensor, in a fixed order: per layer "layer1.weight" (neurons·inputs,
  // row-major), "layer1.bias", then the normalization's parameters ("layer1.norm.weight"...).
  // value and grad point into the network (or its normalization) for the network's lifetime.
  const std::vector<Tensor>& parameters() const;
  // The gradient buffer of parameters()[i], writable (for clipping and weight decay).
  float* gradient(std::size_t i);

  MatrixView weights(std::size_t layer);  // (neurons, inputs)
  ConstMatrixView weights(std::size_t layer) const;
  float* bias(std::size_t layer);  // (neurons)
  const float* bias(std::size_t layer) const;
  const Activation& activation(std::size_t layer) const;
  Normalization* normalization(std::size_t layer);  // null without one
  const Normalization* normalization(std::size_t layer) const;

  // After a forward pass of the last batch (see NonFiniteSource); not in the hot path.
  NonFiniteSource find_non_finite() const;

  // Every parameter and every normalization state value, in a fixed order: a snapshot that
  // restore() puts back (the best epoch of early stopping). `into` is resized once.
  void save_values(std::vector<float>& into) const;
  void restore_values(const std::vector<float>& from);

  Neuron neuron(std::size_t layer, std::size_t index) const;
  // Runs the observation (inputs values) through the network in evaluation mode.
  NeuronTrace trace_neuron(std::size_t layer, std::size_t index, const float* observation);
  // One observation and its target (outputs values), in training mode; the gradients are
  // overwritten, parameters and running statistics are not changed. A normalization that
  // needs several rows in training mode (batch_norm) refuses it with its own error.
  BackwardTrace trace_backward(const float* observation, const float* target, const Loss& loss,
                               double learning_rate);

 private:
  void add_layer(const LayerSpec& given, std::size_t index, std::size_t fan_in,
                 const Registry& registry, Random& random);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace neuronlab::engine

#endif  // NEURONLAB_ENGINE_NETWORK_HPP
