// The progress store (see progress.hpp): read leniently enough to name what is wrong, written
// with temp file + fsync + rename so that the file is always either the old or the new one.
#include <neuronlab/error.hpp>
#include <neuronlab/io/atomic_file.hpp>
#include <neuronlab/lesson/progress.hpp>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "../yaml/yaml_reader.hpp"

namespace fs = std::filesystem;

namespace neuronlab::lesson {
namespace {

std::string hint(const fs::path& file) {
  return "\n  hint: 'neuronlab learn --reset' starts again with no lesson completed (it removes " +
         file.string() + ")";
}

}  // namespace

fs::path state_directory() {
  auto set = [](const char* name) {
    const char* v = std::getenv(name);
    return v && *v ? v : nullptr;
  };
  if (const char* dir = set("NEURONLAB_STATE_DIR")) return dir;
  if (const char* dir = set("XDG_STATE_HOME")) return fs::path(dir) / "neuronlab";
  if (const char* home = set("HOME")) return fs::path(home) / ".local" / "state" / "neuronlab";
  throw Error(
      "cannot find where to keep the course progress: HOME is not set\n  hint: set "
      "NEURONLAB_STATE_DIR to a writable directory");
}

Progress::Progress(fs::path dir) : file_(std::move(dir) / "progress.yaml") {
  std::error_code ec;
  if (!fs::exists(file_, ec)) return;
  if (!fs::is_regular_file(file_, ec))
    throw Error(file_.string() + ": cannot read the progress file: it is not a regular file" +
                hint(file_));
  const yaml::YamlReader in(file_.string());
  YAML::Node root;
  try {
    root = YAML::LoadFile(file_.string());
  } catch (const YAML::ParserException& e) {
    throw Error(in.where(e.mark) + ": the progress file is damaged: " + e.msg + hint(file_));
  } catch (const std::exception& e) {  // YAML::Exception, or the stream's own failure
    throw Error(file_.string() + ": cannot read the progress file: " + e.what() + hint(file_));
  }
  try {
    in.check_keys(root, "the progress file", {"format_version", "completed"});
    const YAML::Node version =
        in.require(root, "format_version", "the progress file", "it is written by neuronlab learn");
    if (in.integer(version, "format_version", 0, 1000000) != progress_format_version)
      in.fail(version, "this progress file has format_version " + version.Scalar() +
                           "; this neuronlab reads format_version 1");
    if (root["completed"]) completed_ = in.text_list(root["completed"], "completed");
  } catch (const Error& e) {
    throw Error(e.what() + hint(file_));
  }
}

bool Progress::is_completed(const std::string& id) const {
  return std::find(completed_.begin(), completed_.end(), id) != completed_.end();
}

void Progress::mark_completed(const std::string& id) {
  std::error_code ec;
  fs::create_directories(file_.parent_path(), ec);
  if (ec)
    throw Error(file_.parent_path().string() + ": cannot create the progress directory: " +
                ec.message() + "\n  hint: set NEURONLAB_STATE_DIR to a writable directory");
  // Several `learn` processes may record lessons at once: under an exclusive lock on the
  // state directory, re-read what the others recorded, add this lesson, write.
  const int dir = ::open(file_.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0 || ::flock(dir, LOCK_EX) != 0) {
    const int error = errno;
    if (dir >= 0) ::close(dir);
    throw Error(file_.parent_path().string() +
                ": cannot lock the progress directory: " + std::strerror(error));
  }
  struct Unlock {
    int fd;
    ~Unlock() { ::close(fd); }  // closing releases the lock
  } unlock{dir};
  // What is there may not be a file (a directory, say): then the write below refuses it.
  std::vector<std::string> on_disk;
  if (fs::is_regular_file(file_, ec)) on_disk = Progress(file_.parent_path()).completed_;
  std::vector<std::string> merged = on_disk;
  for (const std::string& mine : completed_)
    if (std::find(merged.begin(), merged.end(), mine) == merged.end()) merged.push_back(mine);
  completed_ = std::move(merged);
  if (!is_completed(id)) completed_.push_back(id);
  if (completed_ != on_disk) save();
}

std::size_t Progress::reset(const fs::path& dir) {
  std::size_t count = 0;
  try {
    count = Progress(dir).completed().size();
  } catch (const Error&) {
    // Damaged: removing it is exactly what the learner asked for.
  }
  const fs::path file = dir / "progress.yaml";
  std::error_code ec;
  fs::remove(file, ec);
  if (ec) throw Error(file.string() + ": cannot remove the progress file: " + ec.message());
  return count;
}

void Progress::save() const {
  YAML::Emitter yaml;
  yaml << YAML::BeginMap << YAML::Key << "format_version" << YAML::Value << progress_format_version
       << YAML::Key << "completed" << YAML::Value << YAML::Flow << completed_ << YAML::EndMap;
  const std::string text = std::string(yaml.c_str()) + "\n";

  std::error_code ec;
  fs::create_directories(file_.parent_path(), ec);
  if (ec)
    throw Error(file_.parent_path().string() + ": cannot create the progress directory: " +
                ec.message() + "\n  hint: set NEURONLAB_STATE_DIR to a writable directory");
  io::write_file_atomically(file_, text, "the progress file");
}

}  // namespace neuronlab::lesson
