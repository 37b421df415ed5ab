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
