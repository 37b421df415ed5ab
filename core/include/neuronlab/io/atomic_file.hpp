// Writing an output file so that it is never half-written: every file neuronlab writes
// (models, progress, run records) goes through here.
#ifndef NEURONLAB_IO_ATOMIC_FILE_HPP
#define NEURONLAB_IO_ATOMIC_FILE_HPP

#include <filesystem>
#include <string>
#include <string_view>

namespace neuronlab::io {

// Replaces `path` with `text`, so that at every moment the path holds either what it held
// before or all of the new text:
//   1. refuses a path that exists and is not a regular file (a directory, a device such as
//      /dev/null, a FIFO, a socket, a symbolic link): nothing is written;
//   2. creates the temporary file exclusively (mkstemp: O_CREAT|O_EXCL, mode 0600, never
//      through a planted symbolic link) in the target's own folder,
//      ".NAME.nl-HOST-PID-XXXXXX"; SIGINT, SIGTERM or SIGHUP while it exists (when the
//      program leaves them at their default action) remove it before they end the program,
//      and temporaries for the same target that a killed writer on this machine left (its
//      process gone, the file this user's) are removed first;
//   3. writes everything, checking each write, then fsync;
//   4. gives it the mode a new file would get (0666 less the umask, or the replaced file's
//      mode), renames it over the target and fsyncs the folder.
// On any failure the temporary file is removed and neuronlab::Error says
// "PATH: cannot write WHAT: the reason" and a hint; `what` names the file ("the model").
// With FolderSync::later the folder is not fsynced here: a caller that writes many files into
// one folder (a run folder) calls sync_folder once after the last of them.
enum class FolderSync { now, later };
void write_file_atomically(const std::filesystem::path& path, std::string_view text,
                           const std::string& what, FolderSync folder_sync = FolderSync::now);
// fsyncs the folder, so that the renames into it reach the disk.
void sync_folder(const std::filesystem::path& folder);

}  // namespace neuronlab::io

#endif  // NEURONLAB_IO_ATOMIC_FILE_HPP
