// The built-in activations: one file per component, each registering itself.
#include <neuronlab/sdk/register.hpp>

NEURONLAB_MODULE("neuronlab-activations", "0.1.0");
