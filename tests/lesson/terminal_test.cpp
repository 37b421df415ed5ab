// `neuronlab learn` on a terminal (a pseudo-terminal), as a learner types: a wrong answer to a
// number quiz, a hint, the right answer, a step back, quitting in the middle — and the next
// `learn` resuming at the same step, with the score kept in the progress store.
#define BOOST_TEST_MODULE lesson_terminal
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/terminal.hpp"

namespace fs = std::filesystem;

namespace {

// `neuronlab learn ARGS` on a terminal, in a scratch state and work folder.
neuronlab::test::Terminal learn_on_terminal(std::vector<std::string> args, const fs::path& state,
                                            const fs::path& work) {
  args.insert(args.begin(), {NEURONLAB_TEST_HOST, "learn"});
  return neuronlab::test::Terminal(
      args, {"NEURONLAB_STATE_DIR=" + state.string(), "NEURONLAB_WORK_DIR=" + work.string(),
             "NO_COLOR=1", "LANG=C.UTF-8"});
}

struct Session {
  int status = -1;
  std::string screen;  // everything shown
};

// Runs `neuronlab learn ARGS`, typing `typed` at once (the terminal keeps what is typed
// ahead, as a real one does), and returns what the screen showed.
Session on_terminal(const std::vector<std::string>& args, const std::string& typed,
                    const fs::path& state, const fs::path& work) {
  neuronlab::test::Terminal t = learn_on_terminal(args, state, work);
  t.type(typed);
  Session s;
  s.status = t.finish();
  s.screen = t.screen();
  return s;
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

const std::string lesson = R"(format_version: 1
kind: lesson
title: Typing
objectives: [answer a question]
steps:
  - say: Step one.
  - quiz:
      question: Compute z = 0.5*0.8 - 1.2*0.3 + 0.1.
      answer: 0.14
      tolerance: 0.005
      hints: ["Multiply first, then add."]
      explain: 0.4 - 0.36 + 0.1 = 0.14.
  - say: Step three.
  - say: Step four.
)";

}  // namespace

BOOST_AUTO_TEST_CASE(a_learner_answers_gets_a_hint_goes_back_quits_and_resumes) {
  const fs::path root = fs::path(NEURONLAB_TEST_BINARY_DIR) / "lesson-terminal-scratch";
  fs::remove_all(root);
  const fs::path lessons = root / "lessons", state = root / "state", work = root / "work";
  fs::create_directories(lessons);
  std::ofstream(lessons / "01-typing.yaml") << lesson;
  const std::vector<std::string> args{"--lessons-dir", lessons.string()};

  // Enter, Enter; a wrong answer, a hint, the right one; Enter (step 3); back (to the
  // question, answered again: it counts once); quit.
  Session s = on_terminal(args, "\n\n0.2\nh\n0.14\n\nb\n0.14\nq\n", state, work);
  BOOST_TEST(s.status == 0, s.screen);
  const std::string prompt = "Your answer (a number; h for a hint, q to quit): ";
  BOOST_TEST(count(s.screen, prompt) == 4u, s.screen);
  BOOST_TEST(count(s.screen, "Not 0.2. 2 tries left.") == 1u, s.screen);
  BOOST_TEST(count(s.screen, "Hint 1 of 1: Multiply first, then add.") == 1u, s.screen);
  BOOST_TEST(count(s.screen, "Right: 0.14") == 2u, s.screen);
  BOOST_TEST(count(s.screen, "Step three.") == 1u, s.screen);
  BOOST_TEST(count(s.screen, "(back to step 2)") == 1u, s.screen);
  BOOST_TEST(count(s.screen, "Step four.") == 0u, s.screen);
  BOOST_TEST(count(s.screen, "Questions: 1 of 1 answered right.") == 1u, s.screen);
  BOOST_TEST(count(s.screen, "Stopped at step 3. 'neuronlab learn 1' goes on from there") == 1u,
             s.screen);
  BOOST_TEST(neuronlab::test::slurp((state / "progress.yaml").string()) ==
             "format_version: 2\ncompleted: []\nlessons:\n"
             "  01-typing: {step: 3, asked: 1, right: 1, hints: 0}\n");

  // The next `learn` resumes at step 3 and completes the lesson, keeping the score.
  s = on_terminal(args, "\n\n", state, work);
  BOOST_TEST(s.status == 0, s.screen);
  BOOST_TEST(count(s.screen, "(resuming at step 3 of 4)") == 1u, s.screen);
  BOOST_TEST(count(s.screen, "Step one.") == 0u, s.screen);  // the steps before run unseen
  BOOST_TEST(count(s.screen, "Step three.") == 1u, s.screen);
  BOOST_TEST(count(s.screen, "Step four.") == 1u, s.screen);
  BOOST_TEST(count(s.screen, "Lesson 1 completed.") == 1u, s.screen);
  BOOST_TEST(neuronlab::test::slurp((state / "progress.yaml").string()) ==
             "format_version: 2\ncompleted: [01-typing]\nlessons:\n"
             "  01-typing: {step: 0, asked: 1, right: 1, hints: 0}\n");
}

namespace {

const std::string exercise_lesson = R"(format_version: 1
kind: lesson
title: Exercise
objectives: [set a neuron's weights]
steps:
  - exercise:
      file: and.yaml
      kind: network
      task: Set the weights and the bias so that the neuron computes AND.
      handout: |
        inputs: 2
        network: {layers: [{neurons: 1, activation: step, weights: [[0, 0]], bias: [0]}]}
      solution: |
        inputs: 2
        network: {layers: [{neurons: 1, activation: step, weights: [[1, 1]], bias: [-1.5]}]}
      checks:
        - {output: [1, 1], at_least: 0.5}
        - {output: [0, 1], at_most: 0.5}
      hints: [The bias sets the threshold the weighted sum must pass.]
)";

const std::string solution =
    "inputs: 2\nnetwork: {layers: [{neurons: 1, activation: step, weights: [[1, 1]], "
    "bias: [-1.5]}]}\n";

struct Folders {
  fs::path lessons, state, work, file;
  explicit Folders(const std::string& name) {
    const fs::path root = fs::path(NEURONLAB_TEST_BINARY_DIR) / "lesson-terminal-scratch" / name;
    fs::remove_all(root);
    lessons = root / "lessons", state = root / "state", work = root / "work";
    file = work / "01-exercise" / "and.yaml";
    fs::create_directories(lessons);
    std::ofstream(lessons / "01-exercise.yaml") << exercise_lesson;
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(an_exercise_says_which_check_fails_until_the_file_passes) {
  const Folders f("exercise");
  neuronlab::test::Terminal t =
      learn_on_terminal({"--lessons-dir", f.lessons.string()}, f.state, f.work);
  BOOST_TEST_REQUIRE(t.expect("[Enter: continue, q: quit]"), t.screen());
  t.type("\n");
  BOOST_TEST_REQUIRE(t.expect("Your file: " + f.file.string()), t.screen());
  BOOST_TEST(neuronlab::test::slurp(f.file.string()).rfind("inputs: 2\n", 0) == 0u);
  BOOST_TEST_REQUIRE(t.expect("[Enter: check your file, h: hint, s: show the solution, q: quit]"));
  t.type("\n");  // the file as handed out
  BOOST_TEST(t.expect("  FAILED  the output for (1, 1) = 0, expected >= 0.5 (off by 0.5)\n"
                      "  passed  the output for (0, 1) = 0, expected <= 0.5\n"),
             t.screen());
  t.type("h\n");
  BOOST_TEST(t.expect("Hint 1 of 1: The bias sets the threshold the weighted sum must pass."));
  std::ofstream(f.file) << "inputs: [2\n";  // a broken file is a failed attempt, not an end
  t.type("\n");
  BOOST_TEST(t.expect("  your file is not valid YAML: " + f.file.string() + ":"), t.screen());
  std::ofstream(f.file) << solution;
  t.type("\n");
  BOOST_TEST(t.expect("Exercise done."), t.screen());
  BOOST_TEST(t.expect("passed  1 of 1 checks of this lesson passed"), t.screen());
  BOOST_TEST(t.expect("Lesson 1 completed."), t.screen());
}

BOOST_AUTO_TEST_CASE(with_watch_the_exercise_is_checked_again_when_the_file_is_saved) {
  const Folders f("watch");
  neuronlab::test::Terminal t =
      learn_on_terminal({"--lessons-dir", f.lessons.string(), "--watch"}, f.state, f.work);
  BOOST_TEST_REQUIRE(t.expect("[Enter: continue, q: quit]"), t.screen());
  t.type("\n");
  // Checked at once, then the runner watches the file.
  BOOST_TEST_REQUIRE(t.expect("FAILED  the output for (1, 1) = 0"), t.screen());
  BOOST_TEST_REQUIRE(t.expect("[watching and.yaml: save it to check it again"), t.screen());
  std::ofstream(f.file) << solution;  // saved: no key pressed
  BOOST_TEST(t.expect("passed  the output for (1, 1) = 1, expected >= 0.5"), t.screen());
  BOOST_TEST(t.expect("Exercise done."), t.screen());
  BOOST_TEST(t.expect("Lesson 1 completed."), t.screen());
}

BOOST_AUTO_TEST_CASE(without_a_terminal_the_exercise_grades_its_reference_solution) {
  const Folders f("auto");
  setenv("NEURONLAB_STATE_DIR", f.state.c_str(), 1);
  setenv("NEURONLAB_WORK_DIR", f.work.c_str(), 1);
  const neuronlab::test::ProcessResult r = neuronlab::test::run_process(
      {NEURONLAB_TEST_HOST, "learn", "--lessons-dir", f.lessons.string()});
  BOOST_TEST(r.status == 0, r.out + r.err);
  const fs::path reference = f.work / "01-exercise" / "and.solution.yaml";
  BOOST_TEST(r.out.find("(no terminal: grading the reference solution, " + reference.string() +
                        ")\nchecking and.solution.yaml:\n  passed  the output for (1, 1) = 1") !=
                 std::string::npos,
             r.out);
  BOOST_TEST(neuronlab::test::slurp(f.file.string()).find("weights: [[0, 0]]") !=
             std::string::npos);  // the learner's file is the handout, untouched
  BOOST_TEST(r.out.find("Lesson 1 completed.") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(training_on_a_terminal_draws_a_live_curve_and_bar) {
  const fs::path root = fs::path(NEURONLAB_TEST_BINARY_DIR) / "lesson-terminal-scratch" / "live";
  fs::remove_all(root);
  fs::create_directories(root / "lessons");
  // 500,000 steps, about 0.3 s here: frames come at most every 50 ms, and 37,500 steps
  // ended on a fast CPU before any frame came between the first and the last.
  std::ofstream(root / "lessons" / "01-live.yaml") << R"(format_version: 1
kind: lesson
title: Live
objectives: [watch a network learn]
steps:
  - data: {generate: {name: moons, samples: 1000, noise: 0.1}}
  - network: {layers: [{neurons: 16, activation: tanh}, {neurons: 1, activation: sigmoid}]}
    seed: 1
  - train:
      loss: binary_cross_entropy
      optimizer: {name: adam, learning_rate: 0.01}
      training: {epochs: 1000, batch_size: 2}
)";
  const Session s = on_terminal({"--lessons-dir", (root / "lessons").string()}, "\n\n\n\n",
                                root / "state", root / "work");
  BOOST_TEST(s.status == 0, s.screen);
  // Frames are redrawn in place (cursor up over the last curve, clear), the curve over the bar.
  BOOST_TEST(count(s.screen, "\x1b[J") >= 3u, s.screen);
  BOOST_TEST(count(s.screen, "A\x1b[J") >= 1u, s.screen);  // (the \r is dropped)
  BOOST_TEST(count(s.screen, "loss per epoch") >= 1u, s.screen);
  BOOST_TEST(count(s.screen, " epoch 1000/1000  loss ") == 1u, s.screen);  // the last frame
  BOOST_TEST(count(s.screen, "s left") >= 1u, s.screen);
  BOOST_TEST(count(s.screen, "\nepoch 100/1000  loss") == 0u, s.screen);  // no progress lines
}
