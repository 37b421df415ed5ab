// Reading a whole file, and running another program with its output going to files: what a
// plugin exercise does with CMake and the compiler, and a sweep with each of its runs.
#ifndef NEURONLAB_IO_FILES_HPP
#define NEURONLAB_IO_FILES_HPP

#include <filesystem>
#include <string>
#include <vector>

#include <sys/types.h>

namespace neuronlab::io {

// The whole file; empty when it cannot be read.
std::string read_file(const std::filesystem::path& path);

// The whole of a file the user gave as input (an experiment, a lesson, a CSV table, a
// model), shown in messages as `shown_as`. Throws neuronlab::Error "NAME: ..." when it does
// not exist, is a directory, cannot be opened (with the system's reason, such as "Permission
// denied") or holds more than max_bytes (then `too_large` is the advice). A FIFO is read as
// far as max_bytes allows.
std::string read_input_file(const std::filesystem::path& path, const std::string& shown_as,
                            std::size_t max_bytes, const std::string& too_large);

// Lesson and experiment files are data that people share, so a file they name (a csv:
// table) must lie in the naming file's own folder tree: a shared file cannot read what its
// reader did not mean it to (a key, a password file). The user lifts this for files they
// trust with --allow-outside-paths, which sets it for the process.
void allow_outside_paths(bool allowed);
// Whether `path` lies inside `folder` or below it, after resolving "..", "." and symbolic
// links in both (a link inside the folder to a file outside it is outside); always true once
// outside paths are allowed.
bool inside_folder(const std::filesystem::path& folder, const std::filesystem::path& path);

// Starts argv (argv[0] is looked up in PATH) with standard input from /dev/null, standard
// output into `out` and standard error into `err` (one file for both when they are the same
// path; created or emptied) and SIGINT at its default; returns its process id. Throws
// neuronlab::Error when it cannot start.
pid_t start_program(const std::vector<std::string>& argv, const std::filesystem::path& out,
                    const std::filesystem::path& err);
// Waits for it: its exit status, 128 + the signal that ended it, or 127 when the program
// could not be run at all.
int wait_program(pid_t pid);

}  // namespace neuronlab::io

#endif  // NEURONLAB_IO_FILES_HPP
