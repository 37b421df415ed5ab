// The course: the lesson files of a directory, in the order of their names (01-..., 02-...).
//
// Where the lessons are, without --lessons-dir: the executable finds them through the same
// relative layout in the build tree and the install tree, as it finds its plugins.
//   installed   <prefix>/bin/neuronlab  →  <prefix>/share/neuronlab/lessons
//               (cmake --install copies lessons/ there, data included)
//   build tree  <build>/bin/neuronlab   →  the source tree's lessons/ (a compile definition),
//               so that an edited lesson runs without a rebuild
#ifndef NEURONLAB_LESSON_CATALOG_HPP
#define NEURONLAB_LESSON_CATALOG_HPP

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace neuronlab::lesson {

struct LessonEntry {
  std::size_t number = 0;  // 1-based position in the course
  std::string id;          // the file name without .yaml
  std::filesystem::path file;
};

// Every *.yaml file directly in dir, sorted by name. Throws neuronlab::Error when dir does not
// exist or holds no lesson.
std::vector<LessonEntry> list_lessons(const std::filesystem::path& dir);

// By number ("2"), id ("02-input-layer") or id without its number ("input-layer"); an unknown
// one is a neuronlab::Error listing the lessons, with a suggestion.
const LessonEntry& find_lesson(const std::vector<LessonEntry>& lessons, const std::string& which);

// The lessons directory for the running executable, by the layout above.
std::filesystem::path default_lessons_directory();

// Where find_package(neuronlab) finds the SDK for a plugin the learner builds: the build
// directory when the program runs from it, else the installed lib/cmake/neuronlab.
std::filesystem::path package_directory();

}  // namespace neuronlab::lesson

#endif  // NEURONLAB_LESSON_CATALOG_HPP
