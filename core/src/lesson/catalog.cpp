// The lessons of a directory, choosing one by number or id, and where the course is installed.
#include <neuronlab/error.hpp>
#include <neuronlab/lesson/catalog.hpp>

#include <boost/dll/runtime_symbol_info.hpp>

#include <algorithm>
#include <cctype>

namespace fs = std::filesystem;

namespace neuronlab::lesson {
namespace {

// "input-layer" for "02-input-layer": the id without its leading number.
std::string slug(const std::string& id) {
  std::size_t i = 0;
  while (i < id.size() && std::isdigit(static_cast<unsigned char>(id[i]))) ++i;
  return i > 0 && i < id.size() && (id[i] == '-' || id[i] == '_') ? id.substr(i + 1) : id;
}

}  // namespace

std::vector<LessonEntry> list_lessons(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw Error(dir.string() +
                ": no lessons directory here\n  hint: give the course's lessons/ folder with "
                "--lessons-dir DIR");
  std::vector<LessonEntry> lessons;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".yaml")
      lessons.push_back({0, entry.path().stem().string(), entry.path()});
  if (lessons.empty())
    throw Error(dir.string() +
                ": this directory holds no lesson (*.yaml)\n  hint: give the course's lessons/ "
                "folder with --lessons-dir DIR");
  std::sort(lessons.begin(), lessons.end(),
            [](const LessonEntry& a, const LessonEntry& b) { return a.id < b.id; });
  for (std::size_t i = 0; i < lessons.size(); ++i) lessons[i].number = i + 1;
  return lessons;
}

const LessonEntry& find_lesson(const std::vector<LessonEntry>& lessons, const std::string& which) {
  const bool numeric =
      !which.empty() && which.size() <= 6 &&
      std::all_of(which.begin(), which.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
  if (numeric) {
    const std::size_t n = std::stoul(which);
    if (n >= 1 && n <= lessons.size()) return lessons[n - 1];
    throw Error("there is no lesson " + which + "; the course has lessons 1 to " +
                std::to_string(lessons.size()) + " ('neuronlab learn --list' shows them)");
  }
  std::vector<std::string> names;
  for (const LessonEntry& l : lessons) {
    if (which == l.id || which == slug(l.id)) return l;
    names.push_back(l.id);
  }
  throw Error("there is no lesson '" + which + "'" + did_you_mean(which, names) +
              "; 'neuronlab learn --list' shows the lessons");
}

fs::path default_lessons_directory() {
  std::error_code ec;
  const fs::path exe = boost::dll::program_location(ec);
  if (ec) return NEURONLAB_SOURCE_LESSONS_DIR;
  const fs::path bin = exe.parent_path();
  if (fs::equivalent(bin, NEURONLAB_BUILD_BINDIR, ec)) return NEURONLAB_SOURCE_LESSONS_DIR;
  return (bin / NEURONLAB_LESSONS_RELDIR).lexically_normal();
}

fs::path package_directory() {
  std::error_code ec;
  const fs::path exe = boost::dll::program_location(ec);
  if (ec) return NEURONLAB_BUILD_PACKAGE_DIR;
  const fs::path bin = exe.parent_path();
  // A program of the build tree (the host in bin/, a test in tests/) builds against it.
  for (fs::path dir = bin; !dir.empty() && dir != dir.root_path(); dir = dir.parent_path())
    if (fs::equivalent(dir, NEURONLAB_BUILD_PACKAGE_DIR, ec)) return NEURONLAB_BUILD_PACKAGE_DIR;
  return (bin / NEURONLAB_PACKAGE_RELDIR).lexically_normal();
}

}  // namespace neuronlab::lesson
