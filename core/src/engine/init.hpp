// Weight initialization schemes for dense layers (see LayerSpec in network.hpp).
#ifndef NEURONLAB_ENGINE_INIT_HPP
#define NEURONLAB_ENGINE_INIT_HPP

#include <neuronlab/engine/network.hpp>
#include <neuronlab/engine/random.hpp>

#include <vector>

namespace neuronlab::engine {

// Fills w (neurons, fan_in) and b (neurons) as spec.init and spec.init_params say (the
// schemes are init_schemas(), network.hpp), drawing from random; explicit spec.weights /
// spec.bias replace what the scheme drew. Throws neuronlab::Error for an unknown scheme or
// parameter, or explicit values of the wrong shape.
void initialize_layer(const LayerSpec& spec, std::size_t fan_in, Random& random,
                      std::vector<float>& w, std::vector<float>& b);

}  // namespace neuronlab::engine

#endif  // NEURONLAB_ENGINE_INIT_HPP
