// Concurrent `learn` processes lose no recorded lesson: every process reads the progress
// first, they all record at once, and the file ends with every lesson.
#define BOOST_TEST_MODULE reliability_progress
#include <neuronlab/error.hpp>
#include <neuronlab/lesson/progress.hpp>

#include <boost/test/unit_test.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "support/scratch.hpp"

namespace fs = std::filesystem;
using neuronlab::lesson::Progress;

BOOST_AUTO_TEST_CASE(concurrent_records_are_merged_under_a_lock) {
  constexpr int kProcesses = 6;
  for (int trial = 0; trial < 10; ++trial) {
    const fs::path dir =
        neuronlab::test::scratch_dir("reliability", "progress-" + std::to_string(trial));
    Progress(dir).mark_completed("00-first");
    int go[2];
    BOOST_REQUIRE(pipe(go) == 0);
    std::vector<pid_t> children;
    for (int i = 0; i < kProcesses; ++i) {
      const pid_t pid = fork();
      if (pid == 0) {
        close(go[1]);
        Progress progress(dir);  // read before any of the others has written
        char byte = 0;
        const bool started = read(go[0], &byte, 1) == 0;  // the parent closed its end
        try {
          progress.mark_completed("lesson-" + std::to_string(i));
        } catch (...) {
          _exit(2);
        }
        _exit(started ? 0 : 1);
      }
      children.push_back(pid);
    }
    close(go[0]);
    close(go[1]);  // every child starts recording now
    for (pid_t pid : children) {
      int status = 0;
      waitpid(pid, &status, 0);
      BOOST_TEST((WIFEXITED(status) && WEXITSTATUS(status) == 0));
    }
    std::vector<std::string> recorded = Progress(dir).completed();
    BOOST_TEST(recorded.size() == std::size_t(kProcesses + 1), "trial " << trial);
    BOOST_TEST(recorded.front() == "00-first");
    std::sort(recorded.begin(), recorded.end());
    for (int i = 0; i < kProcesses; ++i)
      BOOST_TEST(
          std::binary_search(recorded.begin(), recorded.end(), "lesson-" + std::to_string(i)));
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(dir)) files.push_back(entry.path().filename());
    BOOST_TEST(files == std::vector<std::string>{"progress.yaml"});  // no temporary left
  }
}

BOOST_AUTO_TEST_CASE(a_progress_file_that_is_a_directory_is_named_with_the_way_out) {
  const fs::path dir = neuronlab::test::scratch_dir("reliability", "progress-directory");
  fs::create_directory(dir / "progress.yaml");
  try {
    Progress progress(dir);
    BOOST_FAIL("a directory was read as the progress file");
  } catch (const neuronlab::Error& e) {
    BOOST_TEST(std::string(e.what()) ==
               (dir / "progress.yaml").string() +
                   ": cannot read the progress file: it is not a regular file\n  hint: 'neuronlab "
                   "learn --reset' starts again with no lesson completed (it removes " +
                   (dir / "progress.yaml").string() + ")");
  }
  BOOST_TEST(Progress::reset(dir) == 0u);  // the way out works on it
  BOOST_TEST(!fs::exists(dir / "progress.yaml"));
}
