// The inside of a Network, shared by the engine's source files (never installed).
#ifndef NEURONLAB_ENGINE_NETWORK_IMPL_HPP
#define NEURONLAB_ENGINE_NETWORK_IMPL_HPP

#include <neuronlab/engine/network.hpp>

#include "aligned.hpp"
#include "products.hpp"

#include <memory>
#include <string>
#include <vector>

namespace neuronlab::engine {

inline MatrixView view(Floats& buffer, std::size_t rows, std::size_t cols) {
  return {buffer.data(), rows, cols, cols};
}
inline ConstMatrixView view(const Floats& buffer, std::size_t rows, std::size_t cols) {
  return {buffer.data(), rows, cols, cols};
}

// One dense layer: fan_in inputs, n neurons. Batch buffers hold max_batch rows.
struct DenseLayer {
  std::size_t fan_in = 0;
  std::size_t n = 0;
  Floats w, dw;  // (n, fan_in)
  Floats b, db;  // (n)
  std::shared_ptr<Activation> activation;
  std::shared_ptr<Normalization> normalization;       // may be null
  std::string activation_label, normalization_label;  // component_label(), for failures
  std::vector<Floats> norm_grads;                     // copies of the normalization's gradients
  Floats z;                                           // (B, n) weighted sums
  Floats h;   // (B, n) normalized sums; only with a normalization
  Floats a;   // (B, n) activations: the layer's output
  Floats da;  // (B, n) ∂loss/∂a, then in place ∂loss/∂h
  Floats dz;  // (B, n) ∂loss/∂z; only with a normalization (it may not alias)

  Products::Plan forward_plan;  // Z = X·Wᵀ      (B, n) from (B, fan_in)·(fan_in, n)
  Products::Plan weight_plan;   // dW = dZᵀ·X    (n, fan_in) from (n, B)·(B, fan_in)
  Products::Plan input_plan;    // dX = dZ·W     (B, fan_in) from (B, n)·(n, fan_in)

  const Floats& pre_activation() const { return normalization ? h : z; }
  Floats& pre_activation() { return normalization ? h : z; }
  Floats& delta() { return normalization ? dz : da; }
};

struct Network::Impl {
  NetworkSpec spec;  // resolved parameters, no explicit weights
  std::vector<DenseLayer> layers;
  std::size_t max_batch = 0;
  std::size_t batch = 0;  // rows of the last forward
  bool training = false;
  // The last forward's input: input's rows when it was copied, or the caller's (borrowed).
  Floats input;  // (B, inputs)
  ConstMatrixView in{nullptr, 0, 0, 0};
  Products products;  // the layers' matrix products and their buffers
  std::vector<std::string> names;
  std::vector<Tensor> parameters;
  std::vector<float*> gradients;

  void rebuild_parameters();
  bool fused(const Loss& loss) const;
  // Layer l's input of the last forward: the network's input for the first layer, the layer
  // before's activations for the others.
  Operand input_of(std::size_t l) const {
    return l == 0 ? Operand{in.data, in.stride, false}
                  : Operand{layers[l - 1].a.data(), layers[l - 1].n, false};
  }
};

}  // namespace neuronlab::engine

#endif  // NEURONLAB_ENGINE_NETWORK_IMPL_HPP
