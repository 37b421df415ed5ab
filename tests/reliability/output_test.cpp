// Output that cannot be written is an error: standard output on a full disk (/dev/full) or
// closed exits 2 with a message, and `learn` does not record a lesson nobody could read.
#define BOOST_TEST_MODULE reliability_output
#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/scratch.hpp"

namespace fs = std::filesystem;

namespace {

struct Result {
  int status = -1;
  std::string err;
};

// The host with standard output sent to `out` (a path), or closed when `out` is empty.
Result host_writing_to(const std::string& out, std::vector<std::string> args) {
  args.insert(args.begin(), NEURONLAB_TEST_HOST);
  char err_name[] = "/tmp/neuronlab-test-err-XXXXXX";
  const int err_fd = mkstemp(err_name);
  BOOST_REQUIRE(err_fd >= 0);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(open("/dev/null", O_RDONLY), 0);
    if (out.empty())
      close(1);
    else
      dup2(open(out.c_str(), O_WRONLY), 1);
    dup2(err_fd, 2);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(err_fd);
  int raw = 0;
  waitpid(pid, &raw, 0);
  Result r{WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw),
           neuronlab::test::slurp(err_name)};
  unlink(err_name);
  return r;
}

const std::string hint = "\n  hint: check the free disk space, or where the output is sent\n";

}  // namespace

BOOST_AUTO_TEST_CASE(a_full_disk_or_a_closed_output_is_an_error) {
  Result full = host_writing_to("/dev/full", {"plugins"});
  BOOST_TEST(full.status == 2);
  BOOST_TEST(full.err ==
             "neuronlab: error: cannot write to standard output: No space left on device" + hint);

  Result closed = host_writing_to("", {"plugins"});
  BOOST_TEST(closed.status == 2);
  BOOST_TEST(closed.err ==
             "neuronlab: error: cannot write to standard output: Bad file descriptor" + hint);

  Result fine = host_writing_to("/dev/null", {"plugins"});
  BOOST_TEST(fine.status == 0);
  BOOST_TEST(fine.err == "");
}

BOOST_AUTO_TEST_CASE(learn_records_no_lesson_that_could_not_be_shown) {
  const fs::path state = neuronlab::test::scratch_dir("reliability", "learn-full");
  setenv("NEURONLAB_STATE_DIR", state.c_str(), 1);
  Result full = host_writing_to("/dev/full", {"learn", "1"});
  BOOST_TEST(full.status == 2);
  BOOST_TEST(full.err.rfind("neuronlab: error: cannot write to standard output", 0) == 0u,
             full.err);
  BOOST_TEST(full.err.find("; the lesson is not recorded as completed" + hint) !=
             std::string::npos);
  BOOST_TEST(!fs::exists(state / "progress.yaml"));

  Result shown = host_writing_to("/dev/null", {"learn", "1"});
  BOOST_TEST(shown.status == 0, shown.err);
  BOOST_TEST(neuronlab::test::slurp((state / "progress.yaml").string()) ==
             "format_version: 2\ncompleted: [01-one-neuron]\n");
}
