// The progress store: where it lives, what it writes, that a write is atomic, and that a
// damaged file is reported with a way out. Also the catalog: lessons in name order, found by
// number, id or id without its number.
#define BOOST_TEST_MODULE lesson_progress
#include <neuronlab/error.hpp>
#include <neuronlab/lesson/catalog.hpp>
#include <neuronlab/lesson/progress.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "support/errors.hpp"
#include "support/process.hpp"

namespace fs = std::filesystem;
using namespace neuronlab;
using namespace neuronlab::lesson;

namespace {

fs::path scratch(const std::string& name) {
  fs::path dir = fs::path(NEURONLAB_TEST_BINARY_DIR) / "lesson-scratch" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::vector<std::string> files_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string error_of(const fs::path& dir) {
  return neuronlab::test::error_of([&] { Progress p(dir); });
}

}  // namespace

BOOST_AUTO_TEST_CASE(state_directory_follows_the_environment) {
  setenv("NEURONLAB_STATE_DIR", "/tmp/nl-state", 1);
  setenv("XDG_STATE_HOME", "/tmp/xdg", 1);
  setenv("HOME", "/home/learner", 1);
  BOOST_TEST(state_directory() == fs::path("/tmp/nl-state"));
  unsetenv("NEURONLAB_STATE_DIR");
  BOOST_TEST(state_directory() == fs::path("/tmp/xdg/neuronlab"));
  setenv("XDG_STATE_HOME", "", 1);  // empty counts as unset
  BOOST_TEST(state_directory() == fs::path("/home/learner/.local/state/neuronlab"));
  unsetenv("HOME");
  BOOST_CHECK_THROW(state_directory(), Error);
}

BOOST_AUTO_TEST_CASE(completed_lessons_are_written_atomically_and_read_back) {
  const fs::path dir = scratch("written") / "not" / "yet";  // created on the first write
  Progress p(dir);
  BOOST_TEST(p.completed().empty());
  BOOST_TEST(!fs::exists(p.file()));
  p.mark_completed("01-one-neuron");
  p.mark_completed("03-outputs");
  p.mark_completed("01-one-neuron");  // once only
  BOOST_TEST(test::slurp(p.file().string()) ==
             "format_version: 2\ncompleted: [01-one-neuron, 03-outputs]\n");
  BOOST_TEST(files_in(dir) == std::vector<std::string>{"progress.yaml"});  // no temp file left

  const Progress again(dir);
  BOOST_TEST(again.is_completed("03-outputs"));
  BOOST_TEST(!again.is_completed("02-input-layer"));
  BOOST_TEST(again.completed().size() == 2u);
}

BOOST_AUTO_TEST_CASE(reset_forgets_everything_even_a_damaged_file) {
  const fs::path dir = scratch("reset");
  Progress p(dir);
  p.mark_completed("01-one-neuron");
  BOOST_TEST(Progress::reset(dir) == 1u);
  BOOST_TEST(files_in(dir).empty());
  BOOST_TEST(Progress(dir).completed().empty());
  BOOST_TEST(Progress::reset(dir) == 0u);  // nothing to forget is not an error

  std::ofstream(dir / "progress.yaml") << "format_version: [\n";
  BOOST_CHECK_THROW(Progress{dir}, Error);
  BOOST_TEST(Progress::reset(dir) == 0u);
  BOOST_TEST(files_in(dir).empty());
}

// rename() onto a directory fails even for root, after the temporary file was written.
BOOST_AUTO_TEST_CASE(a_failed_write_leaves_no_temp_file) {
  const fs::path dir = scratch("blocked");
  Progress p(dir);
  fs::create_directory(p.file());
  try {
    p.mark_completed("01-one-neuron");
    BOOST_FAIL("no error");
  } catch (const Error& e) {
    BOOST_TEST(std::string(e.what()).rfind(p.file().string() + ": cannot write the progress file: ",
                                           0) == 0u,
               e.what());
  }
  BOOST_TEST(files_in(dir) == std::vector<std::string>{"progress.yaml"});
  BOOST_TEST(fs::is_empty(p.file()));
}

BOOST_AUTO_TEST_CASE(a_damaged_file_is_reported_with_the_way_out) {
  const fs::path dir = scratch("damaged");
  const std::string file = (dir / "progress.yaml").string();
  const std::string hint =
      "\n  hint: 'neuronlab learn --reset' starts again with no lesson completed (it removes " +
      file + ")";
  std::ofstream(file) << "format_version: 2\ncompleted: [a, b\n";
  BOOST_TEST(error_of(dir) == file +
                                  ":3:1: the progress file is damaged: end of sequence flow not "
                                  "found" +
                                  hint);
  std::ofstream(file) << "format_version: 3\ncompleted: []\n";
  BOOST_TEST(error_of(dir) == file +
                                  ":1:17: this progress file has format_version 3; this "
                                  "neuronlab reads format_version 1 and 2" +
                                  hint);
  std::ofstream(file) << "format_version: 1\ndone: []\n";
  BOOST_TEST(error_of(dir) == file +
                                  ":2:1: unknown key 'done' in the progress file; allowed keys: "
                                  "format_version, completed, lessons" +
                                  hint);
  std::ofstream(file) << "format_version: 2\nlessons:\n  a: {step: 2, asked: 1, right: 2}\n";
  BOOST_TEST(error_of(dir) == file + ":3:6: lessons.a: right is more than asked" + hint);
}

BOOST_AUTO_TEST_CASE(a_lessons_place_and_score_are_kept_and_merged) {
  const fs::path dir = scratch("places");
  // A version 1 file is read, and written again as version 2.
  std::ofstream(dir / "progress.yaml") << "format_version: 1\ncompleted: [01-one]\n";
  Progress first(dir), second(dir);  // two learn processes at once
  first.record("02-two", {4, 2, 1, 1}, false);
  second.record("03-three", {0, 3, 3, 0}, true);
  BOOST_TEST(test::slurp((dir / "progress.yaml").string()) ==
             "format_version: 2\ncompleted: [01-one, 03-three]\nlessons:\n"
             "  02-two: {step: 4, asked: 2, right: 1, hints: 1}\n"
             "  03-three: {step: 0, asked: 3, right: 3, hints: 0}\n");
  const Progress read(dir);
  BOOST_TEST(read.state("02-two").step == 4u);
  BOOST_TEST(read.state("02-two").hints == 1u);
  BOOST_TEST(read.state("04-none").step == 0u);
  // A lesson with nothing to resume and nothing asked leaves no entry.
  Progress(dir).record("02-two", {}, false);
  BOOST_TEST(test::slurp((dir / "progress.yaml").string()) ==
             "format_version: 2\ncompleted: [01-one, 03-three]\nlessons:\n"
             "  03-three: {step: 0, asked: 3, right: 3, hints: 0}\n");
}

BOOST_AUTO_TEST_CASE(the_catalog_orders_lessons_by_name_and_finds_them) {
  const fs::path dir = scratch("catalog");
  for (const char* name : {"02-second.yaml", "01-first.yaml", "10-tenth.yaml", "notes.txt"})
    std::ofstream(dir / name) << "x";
  fs::create_directories(dir / "data");
  const std::vector<LessonEntry> lessons = list_lessons(dir);
  BOOST_REQUIRE_EQUAL(lessons.size(), 3u);
  BOOST_TEST(lessons[0].id == "01-first");
  BOOST_TEST(lessons[2].id == "10-tenth");
  BOOST_TEST(lessons[2].number == 3u);
  BOOST_TEST(find_lesson(lessons, "2").id == "02-second");
  BOOST_TEST(find_lesson(lessons, "02-second").id == "02-second");
  BOOST_TEST(find_lesson(lessons, "tenth").id == "10-tenth");
  try {
    find_lesson(lessons, "4");
    BOOST_FAIL("no error");
  } catch (const Error& e) {
    BOOST_TEST(std::string(e.what()) ==
               "there is no lesson 4; the course has lessons 1 to 3 ('neuronlab learn --list' "
               "shows them)");
  }
  try {
    find_lesson(lessons, "01-frist");
    BOOST_FAIL("no error");
  } catch (const Error& e) {
    BOOST_TEST(std::string(e.what()) ==
               "there is no lesson '01-frist' (did you mean '01-first'?); 'neuronlab learn "
               "--list' shows the lessons");
  }
  BOOST_CHECK_THROW(list_lessons(dir / "data"), Error);     // no lesson in it
  BOOST_CHECK_THROW(list_lessons(dir / "missing"), Error);  // no such directory
}
