# Warnings are set per target, never globally, so that consumers of the package keep theirs.
function(neuronlab_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wold-style-cast -Wcast-align -Woverloaded-virtual)
  if(NEURONLAB_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
