# neuronlab_add_plugin(<target> [NO_INSTALL] <source>...)
#
# Builds a neuronlab plugin library: a MODULE with hidden visibility whose every symbol is
# resolved at link time (-z defs), so that a missing definition fails the build rather than
# the load. The same function serves the built-in plugins and out-of-tree authors (through
# find_package(neuronlab)). The library is installed into lib/neuronlab/plugins unless
# NO_INSTALL is given.
function(neuronlab_add_plugin target)
  cmake_parse_arguments(ARG "NO_INSTALL" "" "" ${ARGN})
  if(NOT ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "neuronlab_add_plugin(${target}): give at least one source file")
  endif()
  add_library(${target} MODULE ${ARG_UNPARSED_ARGUMENTS})
  target_link_libraries(${target} PRIVATE neuronlab::sdk)
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    CXX_STANDARD 17
    CXX_STANDARD_REQUIRED ON
    CXX_EXTENSIONS OFF)
  target_link_options(${target} PRIVATE "LINKER:-z,defs")
  # Nothing reads errno after a math call; without it, loops calling sqrt can vectorize.
  target_compile_options(${target} PRIVATE -fno-math-errno)
  if(COMMAND neuronlab_warnings)
    neuronlab_warnings(${target})
  endif()
  if(DEFINED NEURONLAB_PLUGIN_OUTPUT_DIR)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${NEURONLAB_PLUGIN_OUTPUT_DIR}")
  endif()
  if(ARG_NO_INSTALL)
    return()
  endif()
  include(GNUInstallDirs)
  install(TARGETS ${target} LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}/neuronlab/plugins")
endfunction()
