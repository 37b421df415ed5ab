// NEURONLAB_CLONES before a built-in plugin's hot loop. In a portable build with GCC on x86-64
// (plugins/CMakeLists.txt defines NEURONLAB_PLUGIN_CLONES) it compiles the function three times,
// for x86-64-v4 (AVX-512), x86-64-v3 (AVX2, FMA) and the x86-64 baseline, and the dynamic
// loader binds the best one this CPU runs when the plugin is loaded (GCC's target_clones, an
// ifunc). Elsewhere it is nothing: a build for this machine already compiles for its CPU.
// GCC clones free functions, not virtual ones: a virtual member calls a cloned free function.
#ifndef NEURONLAB_PLUGINS_CLONES_HPP
#define NEURONLAB_PLUGINS_CLONES_HPP

#if defined(NEURONLAB_PLUGIN_CLONES) && defined(__x86_64__) && defined(__GNUC__) && \
    !defined(__clang__)
#define NEURONLAB_CLONES \
  __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define NEURONLAB_CLONES
#endif

#endif  // NEURONLAB_PLUGINS_CLONES_HPP
