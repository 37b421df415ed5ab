// Running a lesson: its steps in order, on a console that is either a terminal (questions are
// asked, and the runner waits for Enter between steps) or not (everything is printed and
// nothing waits, so a lesson runs to its end from a script or a test).
//
// A lesson's graded checks are the expect: conditions of its experiment steps, and the
// expect_divergence: of a step that is meant to diverge. The lesson is completed when it ran
// to its end and every check passed.
#ifndef NEURONLAB_LESSON_RUNNER_HPP
#define NEURONLAB_LESSON_RUNNER_HPP

#include <neuronlab/engine/network.hpp>
#include <neuronlab/experiment/record.hpp>
#include <neuronlab/experiment/run.hpp>
#include <neuronlab/lesson/lesson.hpp>
#include <neuronlab/lesson/steps.hpp>
#include <neuronlab/picture/pictures.hpp>
#include <neuronlab/registry.hpp>

#include <array>
#include <csignal>
#include <cstddef>
#include <filesystem>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace neuronlab::lesson {

// Where a lesson is shown and its answers come from. On a terminal (the host's rule:
// isatty(stdin) && isatty(stdout)) questions are asked and the runner waits between steps;
// with answers from a file (--answers) questions are asked and nothing waits; otherwise the
// lesson runs straight through on its reference answers.
struct Console {
  std::istream& in;
  std::ostream& out;
  bool asks;                       // questions read their answers from `in`
  bool pauses = true;              // with asks: wait for Enter between steps
  picture::TerminalStyle style{};  // width, colour and Unicode of `out`
  int watch_fd = -1;  // >= 0 (learn --watch): exercises re-check their file when it is saved,
                      // and this descriptor (under `in`) is polled for typing meanwhile

  // The next line without surrounding blanks; false at the end of the input.
  bool read_line(std::string& line);
};

// What the learner typed at a pause.
enum class Pause { next, back, quit };
// Waits for Enter (next), b (back one step) or q (quit; also the end of the input).
Pause pause(Console& console, bool can_go_back);

// How the learner did on a lesson's questions.
struct Score {
  std::size_t asked = 0;  // questions asked (not those shown with their answers)
  std::size_t right = 0;  // answered right within their tries
  std::size_t hints = 0;  // hints shown
};

// What a step runs against: the lesson's state so far. Steps add their graded checks, and an
// experiment step leaves its data, its trained network and its record for later steps.
struct StepContext {
  StepContext(const Lesson& l, const Registry& r, Console& c)
      : lesson(l), registry(r), console(c) {}
  const Lesson& lesson;
  const Registry& registry;
  Console& console;
  std::size_t checks = 0;
  std::size_t failed = 0;
  Score score;
  std::optional<data::Split> data;                  // the current data, as the network sees it
  std::optional<data::Split> raw_data;              // the same rows before input normalization
  std::optional<data::InputNormalizer> normalizer;  // fitted on data's training rows
  std::optional<engine::Network> network;           // the current network, as the last step left it
  std::vector<experiment::RunRecord> records;       // every run of the lesson so far, in order
  // The last run's parameters per epoch (the start first) when it trained one neuron with 1 or
  // 2 inputs: w1, w2 or w, b, as a loss surface draws them. Empty otherwise, or after a network
  // step.
  std::vector<std::array<double, 2>> path;
  std::filesystem::path work_dir;  // where the lesson saves pictures and hands out exercises
  // Set (by Ctrl-C): training stops after its current batch, and the lesson after the step.
  const volatile std::sig_atomic_t* stop = nullptr;

  // work_dir, created; throws neuronlab::Error when there is none (HOME unset, no --work-dir).
  const std::filesystem::path& require_work_dir() const;

  // Everything but the console and the score from another context (a replay of the steps
  // before a resumed one).
  void take_state(StepContext&& other);
  // A run's record, data and network become the current ones.
  void keep_run(experiment::RunResult&& run);
  // The current network as pictures take it (requires network).
  picture::ModelView model_view();
  picture::Points points() const;
};

struct LessonResult {
  bool finished = false;       // ran to the end (the learner did not quit)
  bool interrupted = false;    // stopped by LessonStart::stop (Ctrl-C)
  std::size_t stopped_at = 0;  // not finished: the 0-based step to resume at
  std::size_t checks = 0;
  std::size_t failed = 0;
  Score score;
  bool completed() const { return finished && failed == 0; }
};

// Where a lesson run begins: at its first step, or resuming where the learner quit. The steps
// before `step` run again without output, so that the data, network and runs they made are
// there as they were; the score so far comes from the progress store.
struct LessonStart {
  std::size_t step = 0;  // 0-based
  Score score;
  std::filesystem::path work_dir;  // where plot and exercise steps write; empty: none
  // Set (by Ctrl-C): the lesson stops after the current training batch or step, and its
  // result says interrupted, with the step to resume at.
  const volatile std::sig_atomic_t* stop = nullptr;
};

// `heading` introduces the lesson ("Lesson 1 of 3"). Throws neuronlab::Error for a mistake in
// the lesson (a plugin, the data), before the first step where it can.
LessonResult run_lesson(const Lesson& lesson, const Registry& registry, Console& console,
                        const std::string& heading, const LessonStart& start = {});

// Where lessons save pictures and hand out exercises: $NEURONLAB_WORK_DIR, else
// $XDG_DATA_HOME/neuronlab/work, else ~/.local/share/neuronlab/work (throws neuronlab::Error
// when neither variable nor HOME is set).
std::filesystem::path default_work_directory();

}  // namespace neuronlab::lesson

#endif  // NEURONLAB_LESSON_RUNNER_HPP
