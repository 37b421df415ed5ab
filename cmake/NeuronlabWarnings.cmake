# Warnings are set per target, never globally, so that consumers of the package keep theirs.
# neuronlab_warnings(<target> [AVX512]): AVX512 for a target a portable build compiles for
# x86-64-v4 (its AVX-512 kernels).
function(neuronlab_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wold-style-cast -Wcast-align -Woverloaded-virtual)
  # GCC 12's AVX-512 headers start vectors from _mm512_undefined_*(), which it then reports
  # inside Eigen's kernels as (maybe) uninitialized (GCC bug 105593, fixed in 13). Only code
  # that may use AVX-512 drops the two: the native build, and a portable build's x86-64-v4
  # kernels. Everything else of the portable build keeps them, and CI compiles it with -Werror
  # twice: the package, and the whole suite under the sanitizers.
  if((NOT NEURONLAB_PORTABLE OR "AVX512" IN_LIST ARGN) AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU"
     AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized -Wno-uninitialized)
  endif()
  if(NEURONLAB_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
