// The atomic write every output goes through: new and replaced files, what it refuses to
// replace, a failed write that leaves the old file and no temporary behind, a signal during
// a save, and what a killed writer left.
#define BOOST_TEST_MODULE io_atomic_file
#include <neuronlab/error.hpp>
#include <neuronlab/io/atomic_file.hpp>

#include <boost/test/unit_test.hpp>

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <csignal>
#include <filesystem>
#include <string>
#include <vector>

#include "support/errors.hpp"
#include "support/process.hpp"
#include "support/scratch.hpp"

namespace fs = std::filesystem;
using neuronlab::io::write_file_atomically;
using neuronlab::test::slurp;

namespace {

fs::path scratch(const std::string& name) {
  fs::path dir = fs::path(NEURONLAB_TEST_BINARY_DIR) / "io-scratch" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::vector<std::string> files_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

std::string error_of(const fs::path& path, const std::string& text) {
  return neuronlab::test::error_of([&] { write_file_atomically(path, text, "the model"); });
}

mode_t mode_of(const fs::path& path) {
  struct stat s {};
  ::stat(path.c_str(), &s);
  return s.st_mode & 07777;
}

}  // namespace

BOOST_AUTO_TEST_CASE(creates_and_replaces_regular_files) {
  const fs::path dir = scratch("regular");
  const fs::path file = dir / "m.yaml";
  const mode_t mask = ::umask(022);
  write_file_atomically(file, "first\n", "the model");
  BOOST_TEST(slurp(file.string()) == "first\n");
  BOOST_TEST(mode_of(file) == 0644u);  // as a new file: 0666 less the umask
  fs::permissions(file, fs::perms(0640));
  write_file_atomically(file, "second\n", "the model");
  BOOST_TEST(slurp(file.string()) == "second\n");
  BOOST_TEST(mode_of(file) == 0640u);  // the replaced file's mode
  BOOST_TEST(files_in(dir) == std::vector<std::string>{"m.yaml"});
  ::umask(mask);
}

BOOST_AUTO_TEST_CASE(refuses_to_replace_what_is_not_a_regular_file) {
  const fs::path dir = scratch("refused");
  const std::string hint =
      ", and neuronlab replaces only regular files\n  hint: give the path of a file (or of one to "
      "create)";
  fs::create_directory(dir / "folder");
  BOOST_TEST(error_of(dir / "folder", "x") ==
             (dir / "folder").string() + ": cannot write the model: it is a directory" + hint);
  BOOST_TEST_REQUIRE(::mkfifo((dir / "fifo").c_str(), 0600) == 0);
  BOOST_TEST(error_of(dir / "fifo", "x") ==
             (dir / "fifo").string() + ": cannot write the model: it is a FIFO" + hint);
  fs::create_symlink(dir / "elsewhere", dir / "link");
  BOOST_TEST(error_of(dir / "link", "x") ==
             (dir / "link").string() + ": cannot write the model: it is a symbolic link" + hint);
  BOOST_TEST(error_of("/dev/null", "x") ==
             "/dev/null: cannot write the model: it is a device" + hint);
  BOOST_TEST(fs::is_character_file("/dev/null"));
  BOOST_TEST(!fs::exists(dir / "elsewhere"));  // nothing was written through the link
  BOOST_TEST(files_in(dir) == (std::vector<std::string>{"fifo", "folder", "link"}));

  BOOST_TEST(error_of(dir / "missing" / "m.yaml", "x") ==
             (dir / "missing" / "m.yaml").string() +
                 ": cannot write the model: No such file or directory\n  hint: check that the "
                 "folder '" +
                 (dir / "missing").string() + "' exists and is writable");
}

BOOST_AUTO_TEST_CASE(a_failed_write_keeps_the_old_file_and_no_temporary) {
  // A file size limit makes the write itself fail (EFBIG), as a full disk would.
  const fs::path dir = scratch("failed");
  const fs::path file = dir / "m.yaml";
  write_file_atomically(file, "old\n", "the model");
  std::signal(SIGXFSZ, SIG_IGN);
  rlimit saved{};
  ::getrlimit(RLIMIT_FSIZE, &saved);
  rlimit small = saved;
  small.rlim_cur = 16;
  BOOST_TEST_REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
  const std::string error = error_of(file, std::string(1000, 'x'));
  ::setrlimit(RLIMIT_FSIZE, &saved);
  BOOST_TEST(error == file.string() + ": cannot write the model: File too large");
  BOOST_TEST(slurp(file.string()) == "old\n");
  BOOST_TEST(files_in(dir) == std::vector<std::string>{"m.yaml"});
}

namespace {

// The id of a process that has ended (and been reaped).
pid_t ended_process() {
  const pid_t pid = ::fork();
  if (pid == 0) _exit(0);
  ::waitpid(pid, nullptr, 0);
  return pid;
}

// Starts a child saving 200 MB to dir/big.yaml and sends it `signal` as soon as its
// temporary exists. Returns how the child ended (its raw wait status), or -1 when it
// finished before the temporary was seen.
int signal_during_a_save(const fs::path& dir, int signal) {
  const pid_t child = ::fork();
  if (child == 0) {
    write_file_atomically(dir / "big.yaml", std::string(200'000'000, 'x'), "the model");
    _exit(0);
  }
  bool seen = false;
  for (int waited = 0; !seen && waited < 20000; ++waited) {
    for (const std::string& name : files_in(dir))
      seen = seen || name.rfind(".big.yaml.nl-", 0) == 0;
    if (!seen) ::usleep(500);
  }
  if (seen) ::kill(child, signal);
  int status = 0;
  ::waitpid(child, &status, 0);
  return seen && WIFSIGNALED(status) ? status : -1;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_signal_during_a_save_removes_the_temporary_and_keeps_the_old_file) {
  const fs::path dir = scratch("signal");
  write_file_atomically(dir / "big.yaml", "old\n", "the model");
  for (const int signal : {SIGTERM, SIGINT, SIGHUP}) {
    int status = -1;
    for (int attempt = 0; attempt < 3 && status == -1; ++attempt)
      status = signal_during_a_save(dir, signal);
    BOOST_TEST_REQUIRE(status != -1, "the save kept finishing before the signal");
    BOOST_TEST(WTERMSIG(status) == signal);  // and the signal still ends the program
    BOOST_TEST(files_in(dir) == std::vector<std::string>{"big.yaml"});
    BOOST_TEST(slurp((dir / "big.yaml").string()) == "old\n");
  }
}

BOOST_AUTO_TEST_CASE(what_a_killed_writer_left_is_removed_by_the_next_write) {
  const fs::path dir = scratch("stale");
  int status = -1;
  for (int attempt = 0; attempt < 3 && status == -1; ++attempt)
    status = signal_during_a_save(dir, SIGKILL);
  BOOST_TEST_REQUIRE(status != -1);
  // SIGKILL cannot be caught: the temporary stays, ".big.yaml.nl-HOST-PID-XXXXXX".
  BOOST_TEST_REQUIRE(files_in(dir).size() == 1u);
  const std::string left = files_in(dir).front();
  BOOST_TEST_REQUIRE(left.rfind(".big.yaml.nl-", 0) == 0u, left);
  const std::size_t pid_at = left.rfind('-', left.size() - 8) + 1;
  const std::string host = left.substr(13, pid_at - 14);
  BOOST_TEST(!host.empty());
  BOOST_TEST(std::all_of(host.begin(), host.end(),
                         [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }),
             host);
  BOOST_TEST(left.substr(pid_at, left.size() - 7 - pid_at).find_first_not_of("0123456789") ==
             std::string::npos);

  // Next to it: what is not provably a dead writer's on this machine stays.
  const std::string dead = std::to_string(ended_process());
  const std::vector<std::string> kept = {
      ".big.yaml.nl-" + host + "-" + std::to_string(::getpid()) + "-abcdef",  // alive
      ".big.yaml.nl-elsewhere" + host + "-" + dead + "-abcdef",               // another machine
      ".other.yaml.nl-" + host + "-" + dead + "-abcdef",                      // another target
      ".big.yaml.nl-" + host + "-" + dead + "-abc",                           // not its pattern
  };
  for (const std::string& name : kept) neuronlab::test::write_file(dir / name, "x");
  neuronlab::test::write_file(dir / (".big.yaml.nl-" + host + "-" + dead + "-uvwxyz"), "left");
  write_file_atomically(dir / "big.yaml", "new\n", "the model");
  std::vector<std::string> expected = kept;
  expected.push_back("big.yaml");
  std::sort(expected.begin(), expected.end());
  BOOST_TEST(files_in(dir) == expected);
  BOOST_TEST(slurp((dir / "big.yaml").string()) == "new\n");
}
