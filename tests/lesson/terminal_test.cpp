// `neuronlab learn` on a terminal (a pseudo-terminal), as a learner types: a wrong answer to a
// number quiz, a hint, the right answer, a step back, quitting in the middle — and the next
// `learn` resuming at the same step, with the score kept in the progress store.
#define BOOST_TEST_MODULE lesson_terminal
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/process.hpp"

namespace fs = std::filesystem;

namespace {

struct Session {
  int status = -1;
  std::string screen;  // everything shown, the echoed typing included
};

// Runs `neuronlab learn ARGS` on a pseudo-terminal, typing `typed` (the terminal keeps what is
// typed ahead, as a real one does), and returns what the screen showed.
Session on_terminal(const std::vector<std::string>& args, const std::string& typed,
                    const fs::path& state, const fs::path& work) {
  winsize size{};
  size.ws_col = 80;
  size.ws_row = 40;
  int master = -1;
  const pid_t pid = forkpty(&master, nullptr, nullptr, &size);
  if (pid == 0) {
    setenv("NEURONLAB_STATE_DIR", state.c_str(), 1);
    setenv("NEURONLAB_WORK_DIR", work.c_str(), 1);
    setenv("NO_COLOR", "1", 1);
    setenv("LANG", "C.UTF-8", 1);
    std::vector<std::string> all{NEURONLAB_TEST_HOST, "learn"};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  BOOST_TEST_REQUIRE(write(master, typed.data(), typed.size()) == ssize_t(typed.size()));
  Session s;
  char buffer[4096];
  for (ssize_t n; (n = read(master, buffer, sizeof buffer)) > 0;)
    s.screen.append(buffer, std::size_t(n));
  int raw = 0;
  waitpid(pid, &raw, 0);
  close(master);
  s.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
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

  // Enter, Enter; a wrong answer, a hint, the right one; Enter; back; quit.
  Session s = on_terminal(args, "\n\n0.2\nh\n0.14\n\nb\nq\n", state, work);
  BOOST_TEST(s.status == 0, s.screen);
  const std::string prompt = "Your answer (a number; h for a hint, q to quit): ";
  BOOST_TEST(count(s.screen, prompt) == 3u, s.screen);
  BOOST_TEST(count(s.screen, "Not 0.2. 2 tries left.") == 1u, s.screen);
  BOOST_TEST(count(s.screen, "Hint 1 of 1: Multiply first, then add.") == 1u, s.screen);
  BOOST_TEST(count(s.screen, "Right: 0.14") == 1u, s.screen);
  BOOST_TEST(count(s.screen, "Step three.") == 2u, s.screen);  // shown, then again after b
  BOOST_TEST(count(s.screen, "(back to step 3)") == 1u, s.screen);
  BOOST_TEST(count(s.screen, "Step four.") == 0u, s.screen);
  BOOST_TEST(count(s.screen, "Questions: 1 of 1 answered right, 1 hint used.") == 1u, s.screen);
  BOOST_TEST(count(s.screen, "Stopped at step 4. 'neuronlab learn 1' goes on from there") == 1u,
             s.screen);
  BOOST_TEST(neuronlab::test::slurp((state / "progress.yaml").string()) ==
             "format_version: 2\ncompleted: []\nlessons:\n"
             "  01-typing: {step: 4, asked: 1, right: 1, hints: 1}\n");

  // The next `learn` resumes at step 4 and completes the lesson, keeping the score.
  s = on_terminal(args, "\n", state, work);
  BOOST_TEST(s.status == 0, s.screen);
  BOOST_TEST(count(s.screen, "(resuming at step 4 of 4)") == 1u, s.screen);
  BOOST_TEST(count(s.screen, "Step one.") == 0u, s.screen);  // the steps before run unseen
  BOOST_TEST(count(s.screen, "Step four.") == 1u, s.screen);
  BOOST_TEST(count(s.screen, "Lesson 1 completed.") == 1u, s.screen);
  BOOST_TEST(neuronlab::test::slurp((state / "progress.yaml").string()) ==
             "format_version: 2\ncompleted: [01-typing]\nlessons:\n"
             "  01-typing: {step: 0, asked: 1, right: 1, hints: 1}\n");
}
