// Which of the engine's arithmetic kernels run in this process (the matrix products; see
// core/src/engine/kernels/kernels.hpp). A portable build holds a set per x86-64 level and
// takes the highest this CPU runs, or the one the environment variable NEURONLAB_KERNELS names.
#ifndef NEURONLAB_ENGINE_KERNELS_PUBLIC_HPP
#define NEURONLAB_ENGINE_KERNELS_PUBLIC_HPP

#include <string>
#include <vector>

namespace neuronlab::engine {

// What --version says: "built for this machine's CPU (AVX-512)", or in a portable build
// "portable build running its x86-64-v4 kernels (AVX-512), the best this CPU runs". Throws
// neuronlab::Error as the kernels' first use does when NEURONLAB_KERNELS is wrong.
std::string kernel_description();

// The levels a portable build holds, lowest first, and whether this CPU runs each; empty in a
// build for this machine's CPU.
struct KernelLevel {
  std::string name;
  bool runs;
};
std::vector<KernelLevel> kernel_levels();

}  // namespace neuronlab::engine

#endif  // NEURONLAB_ENGINE_KERNELS_PUBLIC_HPP
