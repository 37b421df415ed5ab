// Reading files and running programs (files.hpp).
#include <neuronlab/error.hpp>
#include <neuronlab/io/files.hpp>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace neuronlab::io {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string read_input_file(const std::filesystem::path& path, const std::string& shown_as,
                            std::size_t max_bytes, const std::string& too_large) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    if (error == ENOENT)
      throw Error(shown_as +
                  ": no such file (check the path; a relative path is taken from "
                  "the current folder)");
    throw Error(shown_as + ": cannot open the file: " + std::strerror(error) +
                (error == EACCES ? " (check the file's permissions)" : ""));
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    throw Error(shown_as + ": this is a directory, not a file (give the path of a file in it)");
  }
  std::string text;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      throw Error(shown_as + ": cannot read the file: " + std::strerror(error));
    }
    if (n == 0) break;
    if (text.size() + std::size_t(n) > max_bytes) {
      ::close(fd);
      const auto mb = [](double bytes) {
        char shown[32];
        std::snprintf(shown, sizeof shown, bytes < 1e9 ? "%.3g MB" : "%.3g GB",
                      bytes < 1e9 ? bytes / 1e6 : bytes / 1e9);
        return std::string(shown);
      };
      throw Error(shown_as + ": the file " +
                  (S_ISREG(st.st_mode) ? "is " + mb(double(st.st_size)) + ", more than"
                                       : "holds more than") +
                  " the " + mb(double(max_bytes)) + " such a file may hold (" + too_large + ")");
    }
    text.append(buffer, std::size_t(n));
  }
  ::close(fd);
  return text;
}

namespace {
bool outside_allowed = false;
}  // namespace

void allow_outside_paths(bool allowed) { outside_allowed = allowed; }

bool inside_folder(const std::filesystem::path& folder, const std::filesystem::path& path) {
  if (outside_allowed) return true;
  std::error_code ec;
  const std::filesystem::path root =
      std::filesystem::weakly_canonical(folder.empty() ? "." : folder, ec);
  if (ec) return false;
  const std::filesystem::path target = std::filesystem::weakly_canonical(path, ec);
  if (ec) return false;
  auto r = root.begin(), t = target.begin();
  for (; r != root.end() && !r->empty(); ++r, ++t)
    if (t == target.end() || *r != *t) return false;
  return true;
}

pid_t start_program(const std::vector<std::string>& argv, const std::filesystem::path& out,
                    const std::filesystem::path& err) {
  if (argv.empty()) throw Error("start_program: no program to run");
  // posix_spawn, not fork: the child does not copy this process's pages first, which for a
  // sweep starting hundreds of runs from a large parent is most of the cost of starting one.
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&files, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (out == err)
    posix_spawn_file_actions_adddup2(&files, 1, 2);
  else
    posix_spawn_file_actions_addopen(&files, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  const int failed = posix_spawnp(&pid, args[0], &files, &attributes, args.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  posix_spawnattr_destroy(&attributes);
  if (failed) throw Error("cannot start " + argv[0] + ": " + std::strerror(failed));
  return pid;
}

int wait_program(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return 127;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace neuronlab::io
