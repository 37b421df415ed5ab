// The built-in optimizers: one file per component, each registering itself.
#include <neuronlab/sdk/register.hpp>

NEURONLAB_MODULE("neuronlab-optimizers", "0.1.0");
