// write_file_atomically (atomic_file.hpp): mkstemp in the target's folder, write, fsync,
// rename, fsync the folder.
#include <neuronlab/error.hpp>
#include <neuronlab/io/atomic_file.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <string>

namespace neuronlab::io {
namespace {

const char* file_type(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISLNK(mode)) return "a symbolic link";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  return "not a regular file";
}

bool write_all(int fd, std::string_view text) {
  const char* p = text.data();
  std::size_t left = text.size();
  while (left) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = EIO;
      return false;
    }
    p += n;
    left -= std::size_t(n);
  }
  return true;
}

// The temporary being written, for the signal handler below: a fixed buffer, since a handler
// may only call async-signal-safe functions (unlink, signal, raise).
char active_temporary[4096];
volatile std::sig_atomic_t has_temporary = 0;

extern "C" void remove_temporary_and_end(int signal) {
  if (has_temporary) ::unlink(active_temporary);
  ::signal(signal, SIG_DFL);
  ::raise(signal);
}

// While it lives, SIGINT, SIGTERM and SIGHUP remove the temporary file before they end the
// process: those whose action is the default. A command that handles one itself (run's
// Ctrl-C stops training after its batch) goes on, and the write finishes.
class TemporaryGuard {
 public:
  TemporaryGuard() {
    for (std::size_t i = 0; i < std::size(kSignals); ++i) {
      struct sigaction now {};
      if (::sigaction(kSignals[i], nullptr, &now) != 0 || now.sa_handler != SIG_DFL) continue;
      struct sigaction cleanup {};
      cleanup.sa_handler = remove_temporary_and_end;
      sigemptyset(&cleanup.sa_mask);
      installed_[i] = ::sigaction(kSignals[i], &cleanup, &previous_[i]) == 0;
    }
  }
  // The temporary exists from now on (`path` as mkstemp filled it in).
  void created(const std::string& path) {
    if (path.size() >= sizeof active_temporary) return;
    std::memcpy(active_temporary, path.c_str(), path.size() + 1);
    has_temporary = 1;
  }
  // It is gone: renamed over the target, or removed.
  void gone() { has_temporary = 0; }
  ~TemporaryGuard() {
    has_temporary = 0;
    for (std::size_t i = 0; i < std::size(kSignals); ++i)
      if (installed_[i]) ::sigaction(kSignals[i], &previous_[i], nullptr);
  }
  TemporaryGuard(const TemporaryGuard&) = delete;
  TemporaryGuard& operator=(const TemporaryGuard&) = delete;

 private:
  static constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP};
  struct sigaction previous_[std::size(kSignals)]{};
  bool installed_[std::size(kSignals)] = {};
};

// "myhost": this machine's name as it goes into a temporary's name, so that a folder shared
// between machines (NFS) never has one machine remove another's temporaries.
std::string host_tag() {
  char name[256] = {};
  ::gethostname(name, sizeof name - 1);
  std::string tag;
  for (const char* c = name; *c && tag.size() < 32; ++c)
    if (std::isalnum(static_cast<unsigned char>(*c))) tag += *c;
  return tag.empty() ? "host" : tag;
}

// Temporaries for `path` that a writer on this machine left when it was killed (SIGKILL, a
// power cut before the rename): ".NAME.nl-HOST-PID-XXXXXX", a regular file of this user, whose
// process no longer exists. Only those are removed; anything else is left alone.
void remove_stale_temporaries(const std::filesystem::path& folder, const std::string& prefix) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string rest = name.substr(prefix.size());  // "PID-XXXXXX"
    const std::size_t dash = rest.find('-');
    if (dash == std::string::npos || dash == 0 || rest.size() != dash + 7 ||
        rest.find_first_not_of("0123456789") != dash)
      continue;
    const long pid = std::strtol(rest.substr(0, dash).c_str(), nullptr, 10);
    struct stat st {};
    if (pid <= 0 || ::lstat(entry.path().c_str(), &st) != 0 || !S_ISREG(st.st_mode) ||
        st.st_uid != ::geteuid())
      continue;
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) ::unlink(entry.path().c_str());
  }
}

}  // namespace

void sync_folder(const std::filesystem::path& folder) {
  const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

void write_file_atomically(const std::filesystem::path& path, std::string_view text,
                           const std::string& what, FolderSync folder_sync) {
  const std::string failed = path.string() + ": cannot write " + what + ": ";
  struct stat existing {};
  const bool exists = ::lstat(path.c_str(), &existing) == 0;
  if (exists && !S_ISREG(existing.st_mode))
    throw Error(failed + "it is " + file_type(existing.st_mode) +
                ", and neuronlab replaces only regular files\n  hint: give the path of a file "
                "(or of one to create)");

  const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : ".";
  const std::string prefix = "." + path.filename().string() + ".nl-" + host_tag() + "-";
  remove_stale_temporaries(folder, prefix);
  std::string temporary = (folder / (prefix + std::to_string(::getpid()) + "-XXXXXX")).string();
  TemporaryGuard guard;
  // The signals wait while the file is made and named to the guard: one in between would end
  // the program with the temporary made but not yet known to the handler.
  sigset_t cleanup_signals, before;
  sigemptyset(&cleanup_signals);
  for (const int s : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&cleanup_signals, s);
  ::pthread_sigmask(SIG_BLOCK, &cleanup_signals, &before);
  const int fd = ::mkstemp(temporary.data());
  const int made = errno;
  if (fd >= 0) guard.created(temporary);
  ::pthread_sigmask(SIG_SETMASK, &before, nullptr);
  if (fd < 0)
    throw Error(failed + std::strerror(made) + "\n  hint: check that the folder '" +
                folder.string() + "' exists and is writable");

  mode_t mode = exists ? existing.st_mode & 07777 : 0;
  if (!exists) {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  bool written = write_all(fd, text) && ::fchmod(fd, mode) == 0 && ::fsync(fd) == 0;
  int error = errno;
  if (::close(fd) != 0 && written) written = false, error = errno;
  if (written && ::rename(temporary.c_str(), path.c_str()) != 0) written = false, error = errno;
  if (written) guard.gone();
  if (!written) {
    ::unlink(temporary.c_str());
    guard.gone();
    throw Error(failed + std::strerror(error) +
                (error == ENOSPC ? "\n  hint: free some disk space" : ""));
  }
  // The rename itself reaches the disk with the folder's entry.
  if (folder_sync == FolderSync::now) sync_folder(folder);
}

}  // namespace neuronlab::io
