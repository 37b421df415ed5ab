// A plugin exercise end to end, as a learner meets it: the plugin as handed out builds but
// gives a wrong derivative, and the runner says where in the learner's terms; a compile error
// is shown trimmed to the learner's file; the reference solution builds against the build
// tree's SDK package and passes. Each attempt runs CMake and the compiler for real.
#define BOOST_TEST_MODULE lesson_plugin_exercise
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/process.hpp"
#include "support/text.hpp"

namespace fs = std::filesystem;
using neuronlab::test::has;
using neuronlab::test::ProcessResult;

namespace {

const std::string lesson =
    std::string(NEURONLAB_TEST_SOURCE_DIR) + "/tests/lesson/fixtures/plugin-exercise.yaml";

struct Folders {
  fs::path root, state, work, answers;
  explicit Folders(const std::string& name)
      : root(fs::path(NEURONLAB_TEST_BINARY_DIR) / "lesson-plugin-scratch" / name),
        state(root / "state"),
        work(root / "work"),
        answers(root / "answers.txt") {
    fs::remove_all(root);
    fs::create_directories(root);
    std::ofstream(answers) << "\n";  // build and check once, then the answers end: quit
  }
  fs::path source() const { return work / "plugin-exercise" / "softsign" / "softsign.cpp"; }
};

ProcessResult learn(const Folders& f, bool answered) {
  setenv("NEURONLAB_STATE_DIR", f.state.c_str(), 1);
  std::vector<std::string> args{NEURONLAB_TEST_HOST, "learn", lesson, "--work-dir",
                                f.work.string()};
  if (answered) args.insert(args.end(), {"--answers", f.answers.string()});
  return neuronlab::test::run_process(args);
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_plugin_as_handed_out_is_told_what_is_wrong_in_the_learners_terms) {
  const Folders f("handout");
  const ProcessResult r = learn(f, true);
  BOOST_TEST(r.status == 0, r.out + r.err);  // quit at the end of the answers
  BOOST_TEST(has(r.out, "Your plugin: " + f.source().string() + "\n"), r.out);
  BOOST_TEST(has(r.out, "building " + f.source().string() +
                            " ...\n"
                            "  FAILED  your derivative at x = -2 is 0; it should be 0.1111\n"
                            "  FAILED  your derivative at x = 0.5 is 0; it should be 0.4444\n"
                            "  FAILED  activation 'softsign': gradient at moderate inputs"),
             r.out);
  BOOST_TEST(!has(r.out, "your f at"), r.out);  // forward is written: it is right
  BOOST_TEST(has(r.out, "Stopped at step 1."), r.out);
}

BOOST_AUTO_TEST_CASE(a_compile_error_is_shown_trimmed_to_the_learners_file) {
  const Folders f("compile-error");
  fs::create_directories(f.source().parent_path());
  learn(f, true);  // hands the plugin out
  std::ifstream in(f.source());
  std::string text((std::istreambuf_iterator<char>(in)), {});
  const std::string todo = "dx(r, c) = 0.0f;";
  BOOST_TEST_REQUIRE(text.find(todo) != std::string::npos);
  text.replace(text.find(todo), todo.size(), "dx(r, c) = dy(r, c) * slope;");
  std::ofstream(f.source()) << text;
  const ProcessResult r = learn(f, true);
  BOOST_TEST(has(r.out,
                 "  FAILED  softsign.cpp does not compile:\n    softsign.cpp: In member "
                 "function"),
             r.out);
  BOOST_TEST(has(r.out,
                 "\n    softsign.cpp:28:31: error: \u2018slope\u2019 was not declared in "
                 "this scope\n       28 |         dx(r, c) = dy(r, c) * slope;\n"),
             r.out);
  BOOST_TEST(!has(r.out, "CMakeFiles"), r.out);  // the build system's noise is left out
  BOOST_TEST(!has(r.out, "gmake"), r.out);
}

BOOST_AUTO_TEST_CASE(without_a_terminal_the_reference_solution_builds_and_passes) {
  const Folders f("solution");
  const ProcessResult r = learn(f, false);
  BOOST_TEST(r.status == 0, r.out + r.err);
  BOOST_TEST(has(r.out,
                 "  passed  it builds, gives all 2 reference values and passes the checks "
                 "every plugin must pass\n"),
             r.out);
  BOOST_TEST(has(r.out, "passed  1 of 1 checks of this lesson passed"), r.out);
}

// The course's optimizer exercise (lesson 14): the rule as handed out does nothing, and a rule
// with the wrong sign is told the first step it gets wrong, with the numbers.
BOOST_AUTO_TEST_CASE(an_optimizer_exercise_says_the_first_step_that_is_wrong) {
  const std::string course = std::string(NEURONLAB_TEST_SOURCE_DIR) + "/lessons";
  const fs::path root = fs::path(NEURONLAB_TEST_BINARY_DIR) / "lesson-plugin-scratch" / "optimizer";
  fs::remove_all(root);
  fs::create_directories(root);
  std::ofstream(root / "answers.txt") << "0.855\n0.8695\n\n";  // both quizzes, then Enter
  setenv("NEURONLAB_STATE_DIR", (root / "state").c_str(), 1);
  auto learn_14 = [&] {
    return neuronlab::test::run_process(
        {NEURONLAB_TEST_HOST, "learn", "14", "--restart", "--lessons-dir", course, "--work-dir",
         (root / "work").string(), "--answers", (root / "answers.txt").string()});
  };
  ProcessResult r = learn_14();
  BOOST_TEST(has(r.out,
                 "  FAILED  step 1: from weight 1 with gradient 0.5 your optimizer gives 1; it "
                 "should give 0.95\n  FAILED  optimizer 'momentum': descent: the first step "
                 "moves against the gradient"),
             r.out + r.err);

  const fs::path source = root / "work" / "14-optimizer-plugin" / "momentum" / "momentum.cpp";
  std::ifstream in(source);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  const std::string todo = "(void)lr, (void)mu, (void)b;";
  BOOST_TEST_REQUIRE(text.find(todo) != std::string::npos);
  text.replace(text.find(todo), todo.size(),
               "b[i] = mu * b[i] + x.grad[i];\n          x.value[i] += lr * b[i];");
  std::ofstream(source) << text;
  r = learn_14();
  BOOST_TEST(has(r.out,
                 "  FAILED  step 1: from weight 1 with gradient 0.5 your optimizer gives 1.05; "
                 "it should give 0.95\n"),
             r.out + r.err);
  BOOST_TEST(!has(r.out, "step 2:"), r.out);  // the steps after the first wrong one follow it
}
