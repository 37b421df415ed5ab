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
