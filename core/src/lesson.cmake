# The course runner: lesson files, their steps (say, neuron, quiz, experiment), the progress
# store and the lessons directory. The host's learn command links it.
add_library(neuronlab_lesson STATIC
  src/lesson/catalog.cpp
  src/lesson/experiment_step.cpp
  src/lesson/lesson_reader.cpp
  src/lesson/neuron_step.cpp
  src/lesson/progress.cpp
  src/lesson/quiz_step.cpp
  src/lesson/runner.cpp
)
target_link_libraries(neuronlab_lesson PUBLIC neuronlab_frontdoor neuronlab_engine PRIVATE yaml-cpp)

# Where the executable finds the lessons (catalog.hpp): installed, <bindir>/../share/neuronlab/
# lessons; in the build tree, the source tree's lessons/.
set(NEURONLAB_LESSONS_INSTALL_DIR "${CMAKE_INSTALL_DATADIR}/neuronlab/lessons")
file(RELATIVE_PATH NEURONLAB_LESSONS_RELDIR "/prefix/${CMAKE_INSTALL_BINDIR}"
     "/prefix/${NEURONLAB_LESSONS_INSTALL_DIR}")
target_compile_definitions(neuronlab_lesson PRIVATE
  NEURONLAB_LESSONS_RELDIR="${NEURONLAB_LESSONS_RELDIR}"
  NEURONLAB_SOURCE_LESSONS_DIR="${PROJECT_SOURCE_DIR}/lessons"
  NEURONLAB_BUILD_BINDIR="${CMAKE_RUNTIME_OUTPUT_DIRECTORY}")
neuronlab_warnings(neuronlab_lesson)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/lessons/" DESTINATION "${NEURONLAB_LESSONS_INSTALL_DIR}")
