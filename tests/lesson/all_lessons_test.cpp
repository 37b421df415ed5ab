// Every lesson of the course, whichever are in lessons/ today: it parses, names only plugins
// that exist, runs to its end without a terminal, has at least one graded check, passes all of
// them, and trains quickly enough to keep a learner's attention.
#define BOOST_TEST_MODULE lesson_all
#include <neuronlab/lesson/catalog.hpp>
#include <neuronlab/lesson/runner.hpp>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <sstream>

#include "support/reference.hpp"

using namespace neuronlab;

BOOST_AUTO_TEST_CASE(every_lesson_runs_to_completion_with_its_checks_passing) {
  const auto lessons = lesson::list_lessons(std::string(NEURONLAB_TEST_SOURCE_DIR) + "/lessons");
  BOOST_TEST(lessons.size() >= 3u);
  for (const lesson::LessonEntry& entry : lessons) {
    BOOST_TEST_CONTEXT(entry.file.string()) {
      const lesson::Lesson l = lesson::read_lesson(entry.file);
      BOOST_TEST(l.id == entry.id);
      std::istringstream in;
      std::ostringstream out;
      lesson::Console console{in, out, false};
      const auto start = std::chrono::steady_clock::now();
      const lesson::LessonResult r = lesson::run_lesson(l, test::built_in_registry(), console,
                                                        "Lesson " + std::to_string(entry.number));
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      BOOST_TEST(r.finished);
      BOOST_TEST(r.checks >= 1u);
      BOOST_TEST(r.failed == 0u, out.str());
      BOOST_TEST(r.completed());
      BOOST_TEST(seconds < 2.0);
      BOOST_TEST(out.str().find("FAILED") == std::string::npos, out.str());
    }
  }
}
