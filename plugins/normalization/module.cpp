// The built-in normalizations: one file per component, each registering itself.
#include <neuronlab/sdk/register.hpp>

NEURONLAB_MODULE("neuronlab-normalizations", "0.1.0");
