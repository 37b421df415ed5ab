// The built-in losses: one file per component, each registering itself.
#include <neuronlab/sdk/register.hpp>

NEURONLAB_MODULE("neuronlab-losses", "0.1.0");
