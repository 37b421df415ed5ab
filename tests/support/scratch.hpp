// Scratch folders and files for tests that drive the host: a fresh folder under the build
// tree per test, never the source tree or the working directory.
#ifndef NEURONLAB_TESTS_SUPPORT_SCRATCH_HPP
#define NEURONLAB_TESTS_SUPPORT_SCRATCH_HPP

#include <filesystem>
#include <fstream>
#include <string>

namespace neuronlab::test {

// <build>/<area>-scratch/<name>, emptied.
inline std::filesystem::path scratch_dir(const std::string& area, const std::string& name) {
  const std::filesystem::path dir =
      std::filesystem::path(NEURONLAB_TEST_BINARY_DIR) / (area + "-scratch") / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::filesystem::path write_file(const std::filesystem::path& file,
                                        const std::string& text) {
  std::ofstream(file) << text;
  return file;
}

// Copies the course's data set `name` (lessons/data/NAME) into dir and returns NAME, for an
// experiment file in dir to name as csv: NAME: a file may read tables only in its own folder.
inline std::string copy_data_set(const std::filesystem::path& dir, const std::string& name) {
  std::filesystem::copy_file(
      std::filesystem::path(NEURONLAB_TEST_SOURCE_DIR) / "lessons" / "data" / name, dir / name,
      std::filesystem::copy_options::overwrite_existing);
  return name;
}

}  // namespace neuronlab::test

#endif  // NEURONLAB_TESTS_SUPPORT_SCRATCH_HPP
