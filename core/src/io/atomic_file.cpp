// write_file_atomically (atomic_file.hpp): mkstemp in the target's folder, write, fsync,
// rename, fsync the folder.
#include <neuronlab/error.hpp>
#include <neuronlab/io/atomic_file.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
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
  std::string temporary = (folder / ("." + path.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(temporary.data());
  if (fd < 0)
    throw Error(failed + std::strerror(errno) + "\n  hint: check that the folder '" +
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
  if (!written) {
    ::unlink(temporary.c_str());
    throw Error(failed + std::strerror(error) +
                (error == ENOSPC ? "\n  hint: free some disk space" : ""));
  }
  // The rename itself reaches the disk with the folder's entry.
  if (folder_sync == FolderSync::now) sync_folder(folder);
}

}  // namespace neuronlab::io
