// The course as a whole: fifteen lessons numbered 1 to 15, each with objectives, a picture,
// something the learner does (a number to compute, an exercise or a plugin to write) and a
// recap, each valid for `neuronlab check`; and each run to its end without a terminal, on its
// reference answers, with every graded check passing and every picture it names saved, quickly
// enough to keep a learner's attention (the whole course well within five minutes).
#define BOOST_TEST_MODULE lesson_all
#include <neuronlab/lesson/catalog.hpp>
#include <neuronlab/lesson/runner.hpp>
#include <neuronlab/lesson/steps.hpp>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <sstream>

#include "support/process.hpp"
#include "support/reference.hpp"

using namespace neuronlab;
namespace fs = std::filesystem;

namespace {

const std::string course = std::string(NEURONLAB_TEST_SOURCE_DIR) + "/lessons";

std::size_t count(const lesson::Lesson& l, const std::string& kind) {
  std::size_t n = 0;
  for (const lesson::Step& s : l.steps) n += s.kind == kind;
  return n;
}

bool has_learner_action(const lesson::Lesson& l) {
  for (const lesson::Step& s : l.steps) {
    if (s.kind == "exercise" || s.kind == "plugin_exercise") return true;
    if (s.kind == "quiz" && s.as<lesson::QuizStep>().form == lesson::QuizStep::Form::number)
      return true;
  }
  return false;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_course_has_fifteen_lessons_each_with_what_a_lesson_needs) {
  const auto lessons = lesson::list_lessons(course);
  BOOST_TEST_REQUIRE(lessons.size() == 15u);
  for (std::size_t i = 0; i < lessons.size(); ++i) {
    const lesson::LessonEntry& entry = lessons[i];
    BOOST_TEST_CONTEXT(entry.file.string()) {
      BOOST_TEST(entry.number == i + 1);
      const lesson::Lesson l = lesson::read_lesson(entry.file);
      BOOST_TEST(l.objectives.size() >= 2u);
      BOOST_TEST(count(l, "plot") >= 1u, "a lesson shows at least one picture");
      BOOST_TEST(has_learner_action(l),
                 "a lesson has a number quiz, an exercise or a plugin exercise");
      BOOST_TEST(count(l, "recap") >= 1u);
      BOOST_TEST(l.steps.back().kind == "recap", "a lesson ends with what to remember");
      const test::ProcessResult checked =
          test::run_process({NEURONLAB_TEST_HOST, "check", entry.file.string()});
      BOOST_TEST(checked.status == 0, checked.out + checked.err);
      BOOST_TEST(checked.out.find(": a valid lesson, \"" + l.title + "\"") != std::string::npos,
                 checked.out);
    }
  }
}

BOOST_AUTO_TEST_CASE(every_lesson_runs_to_completion_with_its_checks_passing) {
  const auto lessons = lesson::list_lessons(course);
  BOOST_TEST_REQUIRE(lessons.size() >= 1u);
  const fs::path work = fs::path(NEURONLAB_TEST_BINARY_DIR) / "lesson-all-work";
  fs::remove_all(work);
  double total = 0;
  for (const lesson::LessonEntry& entry : lessons) {
    BOOST_TEST_CONTEXT(entry.file.string()) {
      const lesson::Lesson l = lesson::read_lesson(entry.file);
      BOOST_TEST(l.id == entry.id);
      std::istringstream in;
      std::ostringstream out;
      lesson::Console console{in, out, false};
      lesson::LessonStart start;
      start.work_dir = work / l.id;
      const auto began = std::chrono::steady_clock::now();
      const lesson::LessonResult r = lesson::run_lesson(
          l, test::built_in_registry(), console, "Lesson " + std::to_string(entry.number), start);
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
      total += seconds;
      const std::string text = out.str();
      BOOST_TEST(r.finished);
      BOOST_TEST(r.checks >= 1u, "a lesson has at least one graded check");
      BOOST_TEST(r.failed == 0u, text);
      BOOST_TEST(r.completed());
      BOOST_TEST(text.find("FAILED") == std::string::npos, text);
      // A lesson that builds no plugin trains in well under two seconds; building one with
      // CMake and the compiler takes longer. The bound is for the build a learner runs; under
      // AddressSanitizer at -O1, about four times slower, it is scaled.
      const double slowdown = NEURONLAB_TEST_SANITIZED ? 5.0 : 1.0;
      if (count(l, "plugin_exercise") == 0)
        BOOST_TEST(seconds < 2.0 * slowdown);
      else
        BOOST_TEST(seconds < 60.0);
      // Every picture and report it names is there, whole.
      std::size_t pictures = 0;
      std::istringstream lines(text);
      for (std::string line; std::getline(lines, line);) {
        for (const char* said : {"picture saved: ", "report saved: "}) {
          if (line.rfind(said, 0) != 0) continue;
          const fs::path file = line.substr(std::string(said).size());
          BOOST_TEST(fs::exists(file), file);
          BOOST_TEST((fs::exists(file) && fs::file_size(file) > 500u), file);
          ++pictures;
        }
      }
      const bool terminal_picture = text.find("loss per epoch") != std::string::npos ||
                                    text.find("decision boundary:") != std::string::npos;
      BOOST_TEST((pictures > 0 || terminal_picture), "a lesson shows at least one picture");
    }
  }
  BOOST_TEST(total < 300.0, "the whole course took " << total << " s");
}
