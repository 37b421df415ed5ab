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
#include <ctime>
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
    root = YAML::Load(in.read(file_));
  } catch (const YAML::ParserException& e) {
    throw Error(in.where(e.mark) + ": the progress file is damaged: " + e.msg + hint(file_));
  } catch (const std::exception& e) {  // YAML::Exception, or the stream's own failure
    throw Error(file_.string() + ": cannot read the progress file: " + e.what() + hint(file_));
  }
  try {
    in.check_keys(root, "the progress file", {"format_version", "completed", "lessons"});
    const YAML::Node version =
        in.require(root, "format_version", "the progress file", "it is written by neuronlab learn");
    const long v = in.integer(version, "format_version", 0, 1000000);
    version_ = static_cast<int>(v);
    if (v != 1 && v != progress_format_version)
      in.fail(version, "this progress file has format_version " + version.Scalar() +
                           "; this neuronlab reads format_version 1 and 2");
    if (root["completed"]) completed_ = in.text_list(root["completed"], "completed");
    if (const YAML::Node lessons = root["lessons"]) {
      if (v == 1) in.fail(lessons, "lessons: is not part of format_version 1");
      in.expect_map(lessons, "lessons");
      for (auto it = lessons.begin(); it != lessons.end(); ++it) {
        const std::string id = in.text(it->first, "a lesson id");
        const YAML::Node l = it->second;
        in.expect_map(l, "lessons." + id);
        in.check_keys(l, "lessons." + id, {"step", "asked", "right", "hints"});
        LessonState st;
        auto count = [&](const char* key) {
          return l[key] ? std::size_t(in.integer(l[key], key, 0, 1000000)) : std::size_t{0};
        };
        st.step = count("step");
        st.asked = count("asked");
        st.right = count("right");
        st.hints = count("hints");
        if (st.right > st.asked) in.fail(l, "lessons." + id + ": right is more than asked");
        lessons_[id] = st;
      }
    }
  } catch (const Error& e) {
    throw Error(e.what() + hint(file_));
  }
}

bool Progress::is_completed(const std::string& id) const {
  return std::find(completed_.begin(), completed_.end(), id) != completed_.end();
}

LessonState Progress::state(const std::string& id) const {
  const auto it = lessons_.find(id);
  return it == lessons_.end() ? LessonState{} : it->second;
}

void Progress::mark_completed(const std::string& id) { record(id, state(id), true); }

void Progress::record(const std::string& id, const LessonState& mine, bool completed) {
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
  std::map<std::string, LessonState> lessons_on_disk;
  bool old_format = false;
  if (fs::is_regular_file(file_, ec)) {
    const Progress there(file_.parent_path());
    on_disk = there.completed_;
    lessons_on_disk = there.lessons_;
    old_format = there.version_ != progress_format_version;
  }
  std::vector<std::string> merged = on_disk;
  for (const std::string& done : completed_)
    if (std::find(merged.begin(), merged.end(), done) == merged.end()) merged.push_back(done);
  completed_ = std::move(merged);
  if (completed && !is_completed(id)) completed_.push_back(id);
  std::map<std::string, LessonState> lessons = lessons_on_disk;
  for (const auto& [other, st] : lessons_)
    if (!lessons.count(other)) lessons[other] = st;
  if (mine == LessonState{})
    lessons.erase(id);  // nothing to resume, nothing asked: nothing to keep
  else
    lessons[id] = mine;
  lessons_ = std::move(lessons);
  if (completed_ != on_disk || lessons_ != lessons_on_disk || old_format) save();
}

Progress Progress::open(const fs::path& dir, std::string& warning) {
  const fs::path file = dir / "progress.yaml";
  std::error_code ec;
  try {
    return Progress(dir);
  } catch (const Error& e) {
    if (!fs::is_regular_file(file, ec)) throw;
    char stamp[32];
    const std::time_t now = std::time(nullptr);
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&now));
    const fs::path aside = dir / ("progress.yaml.damaged-" + std::string(stamp));
    fs::rename(file, aside, ec);
    if (ec) throw;
    std::string message = e.what();
    message = message.substr(0, message.find("\n  hint:"));
    warning = message + "\n  it is set aside as " + aside.string() +
              "; the course goes on with no lesson recorded as completed";
  }
  return Progress(dir);
}

bool Progress::forget(const std::string& id) {
  const bool kept = is_completed(id) || lessons_.count(id);
  if (!kept) return false;
  completed_.erase(std::remove(completed_.begin(), completed_.end(), id), completed_.end());
  lessons_.erase(id);
  save();
  return true;
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
       << YAML::Key << "completed" << YAML::Value << YAML::Flow << completed_;
  if (!lessons_.empty()) {
    yaml << YAML::Key << "lessons" << YAML::Value << YAML::BeginMap;
    for (const auto& [id, st] : lessons_)
      yaml << YAML::Key << id << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "step"
           << YAML::Value << st.step << YAML::Key << "asked" << YAML::Value << st.asked << YAML::Key
           << "right" << YAML::Value << st.right << YAML::Key << "hints" << YAML::Value << st.hints
           << YAML::EndMap;
    yaml << YAML::EndMap;
  }
  yaml << YAML::EndMap;
  const std::string text = std::string(yaml.c_str()) + "\n";

  std::error_code ec;
  fs::create_directories(file_.parent_path(), ec);
  if (ec)
    throw Error(file_.parent_path().string() + ": cannot create the progress directory: " +
                ec.message() + "\n  hint: set NEURONLAB_STATE_DIR to a writable directory");
  io::write_file_atomically(file_, text, "the progress file");
}

}  // namespace neuronlab::lesson
