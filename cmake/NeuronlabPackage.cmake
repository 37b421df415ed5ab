# Installs the SDK headers, the sdk target and neuronlab_add_plugin() as a CMake package, so
# that an outside project can say find_package(neuronlab CONFIG REQUIRED).
include(CMakePackageConfigHelpers)
set(NEURONLAB_CMAKE_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/neuronlab")

install(DIRECTORY "${PROJECT_SOURCE_DIR}/core/include/neuronlab/sdk"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/neuronlab")
install(TARGETS neuronlab_sdk EXPORT neuronlabTargets)
install(EXPORT neuronlabTargets NAMESPACE neuronlab:: DESTINATION "${NEURONLAB_CMAKE_INSTALL_DIR}")

configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/neuronlabConfig.cmake.in"
                              "${PROJECT_BINARY_DIR}/neuronlabConfig.cmake"
                              INSTALL_DESTINATION "${NEURONLAB_CMAKE_INSTALL_DIR}")
write_basic_package_version_file("${PROJECT_BINARY_DIR}/neuronlabConfigVersion.cmake"
                                 COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/neuronlabConfig.cmake"
              "${PROJECT_BINARY_DIR}/neuronlabConfigVersion.cmake"
              "${PROJECT_SOURCE_DIR}/cmake/NeuronlabPlugin.cmake"
        DESTINATION "${NEURONLAB_CMAKE_INSTALL_DIR}")

# The same package in the build tree, so that find_package(neuronlab) works against a build
# directory without installing (-Dneuronlab_DIR=<build>): plugin exercises build this way.
export(EXPORT neuronlabTargets NAMESPACE neuronlab:: FILE "${PROJECT_BINARY_DIR}/neuronlabTargets.cmake")
configure_file("${PROJECT_SOURCE_DIR}/cmake/NeuronlabPlugin.cmake"
               "${PROJECT_BINARY_DIR}/NeuronlabPlugin.cmake" COPYONLY)

# The documentation and the example plugin go with the program, where Debian keeps a
# package's documentation.
install(FILES "${PROJECT_SOURCE_DIR}/README.md" DESTINATION "${CMAKE_INSTALL_DOCDIR}")
# (docs/pictures/regenerate remakes the pictures in a source tree; it has no use there.)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/docs/" DESTINATION "${CMAKE_INSTALL_DOCDIR}"
        PATTERN regenerate EXCLUDE)

# The Debian package: `./setup --package` (a portable build configured for /usr), or
# `cpack -G DEB` in any build directory. dpkg-shlibdeps reads the runtime libraries off the
# host and the plugins, so Depends names exactly the Debian packages they link
# (libboost-program-options1.74.0, libyaml-cpp0.7, libstdc++6, ...). A compiler and CMake are
# only recommended: the course's plugin exercises and plugin authors need them, running
# lessons and experiments does not.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME neuronlab)
set(CPACK_PACKAGE_VENDOR neuronlab)
set(CPACK_PACKAGE_CONTACT "neuronlab developers <neuronlab-devel@lists.neuronlab.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
# Lines as Debian shows them: under 80 columns.
set(CPACK_PACKAGE_DESCRIPTION "neuronlab runs YAML files: a guided course that builds and trains neural
networks step by step, from a single neuron to deep networks on real data,
and config-driven experiments with run records, pictures, sweeps and
comparisons. Every activation, loss, optimizer and normalization is a plugin
library; the package ships the built-in ones, and the SDK and CMake package
to write your own.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION education)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "g++, cmake (>= 3.25)")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion, man-db")
set(CPACK_STRIP_FILES ON)
# The package installs to /usr. ./setup --package also configures for /usr, so that the paths
# compiled into the program (the manual page's FILES) are the package's; a package made from
# a tree configured for another prefix works the same but names that prefix there.
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
