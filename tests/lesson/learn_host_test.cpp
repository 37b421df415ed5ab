// `neuronlab learn` driven as a learner drives it, with standard input not a terminal (so it
// must never wait): the first lesson on a fresh machine, then the next one, --list with its
// ticks, --reset, a failing lesson, and mistakes with exit status 2. The progress store lives
// in a scratch NEURONLAB_STATE_DIR.
#define BOOST_TEST_MODULE lesson_host
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "support/process.hpp"
#include "support/text.hpp"

namespace fs = std::filesystem;
using neuronlab::test::has;
using neuronlab::test::ProcessResult;

namespace {

const std::string source = NEURONLAB_TEST_SOURCE_DIR;

fs::path scratch(const std::string& name) {
  fs::path dir = fs::path(NEURONLAB_TEST_BINARY_DIR) / "lesson-host-scratch" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// Runs the host with a fresh (or the given) state directory.
ProcessResult learn(std::vector<std::string> args, const fs::path& state) {
  setenv("NEURONLAB_STATE_DIR", state.c_str(), 1);
  args.insert(args.begin(), {NEURONLAB_TEST_HOST, "learn"});
  return neuronlab::test::run_process(args);
}

std::size_t lesson_count() {
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(source + "/lessons"))
    n += e.path().extension() == ".yaml" ? 1 : 0;
  return n;
}

const std::string passing_lesson = R"(format_version: 1
kind: lesson
title: Gate
objectives: [watch a neuron learn AND]
steps:
  - say: A gate.
  - experiment:
      seed: 1
      data: {generate: and}
      network: {layers: [{neurons: 1, activation: sigmoid}]}
      loss: binary_cross_entropy
      optimizer: {name: sgd, learning_rate: 0.5}
      training: {epochs: 500, batch_size: all}
      expect:
        train_accuracy: {at_least: THRESHOLD}
)";

std::string gate_lesson(const std::string& threshold) {
  std::string text = passing_lesson;
  return text.replace(text.find("THRESHOLD"), 9, threshold);
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_fresh_machine_runs_lesson_one_to_its_end_without_waiting) {
  const fs::path state = scratch("fresh");
  const ProcessResult r = learn({}, state);
  const std::string n = std::to_string(lesson_count());
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(r.out.rfind("Lesson 1 of " + n + ": One neuron\nObjectives:\n", 0) == 0u, r.out);
  BOOST_TEST(has(r.out,
                 "  z = 0.5\u00b70.8 + (\u22121.2)\u00b70.3 + 0.1 = 0.14\n"
                 "  a = sigmoid(0.14) = 0.534943\n"));
  BOOST_TEST(has(r.out, "Answer: 0.3\n"));  // the quiz, answered
  BOOST_TEST(has(r.out, "passed  train_accuracy = 1, expected >= 1\n"));
  BOOST_TEST(!has(r.out, "[Enter:"));  // no prompt, no pause
  BOOST_TEST(has(r.out,
                 "\npassed  4 of 4 checks of this lesson passed\nLesson 1 completed. Next: "
                 "'neuronlab learn' starts lesson 2, \"Activation functions\".\n"),
             r.out);
  BOOST_TEST(neuronlab::test::slurp((state / "progress.yaml").string()) ==
             "format_version: 2\ncompleted: [01-one-neuron]\n");
}

BOOST_AUTO_TEST_CASE(learn_continues_with_the_next_lesson_and_list_ticks_completed_ones) {
  const fs::path state = scratch("next");
  // 00-retired: a lesson completed once that the course no longer has; it is kept, not counted.
  std::ofstream(state / "progress.yaml")
      << "format_version: 2\ncompleted: [00-retired, 01-one-neuron]\n";
  const std::string n = std::to_string(lesson_count());

  ProcessResult list = learn({"--list"}, state);
  BOOST_TEST(list.status == 0, list.err);
  BOOST_TEST(has(list.out, "\u2713  1  01-one-neuron         One neuron\n"), list.out);
  BOOST_TEST(has(list.out, "   2  02-activations        Activation functions\n"), list.out);
  BOOST_TEST(has(list.out, "  13  13-activation-plugin  Write your own activation plugin\n"),
             list.out);
  BOOST_TEST(has(list.out, "1 of " + n + " lessons completed (progress: " +
                               (state / "progress.yaml").string() + ")\n"),
             list.out);

  const ProcessResult r = learn({}, state);
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(r.out.rfind("Lesson 2 of " + n + ": Activation functions\n", 0) == 0u, r.out);
  BOOST_TEST(neuronlab::test::slurp((state / "progress.yaml").string()) ==
             "format_version: 2\ncompleted: [00-retired, 01-one-neuron, 02-activations]\n");

  // By number or id, a completed lesson runs again.
  const ProcessResult again = learn({"one-neuron"}, state);
  BOOST_TEST(again.status == 0, again.err);
  BOOST_TEST(again.out.rfind("Lesson 1 of " + n + ": One neuron\n", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(reset_forgets_progress) {
  const fs::path state = scratch("reset");
  std::ofstream(state / "progress.yaml")
      << "format_version: 2\ncompleted: [01-one-neuron, 02-activations]\n";
  const ProcessResult r = learn({"--reset"}, state);
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(r.out == "Progress reset: 2 completed lessons forgotten (" +
                          (state / "progress.yaml").string() + ")\n");
  BOOST_TEST(!fs::exists(state / "progress.yaml"));
  const ProcessResult list = learn({"--list"}, state);
  BOOST_TEST(!has(list.out, "\u2713"), list.out);

  // One lesson is forgotten alone (without a terminal nothing is asked).
  std::ofstream(state / "progress.yaml")
      << "format_version: 2\ncompleted: [01-one-neuron, 02-activations]\n";
  ProcessResult one = learn({"--reset", "2"}, state);
  BOOST_TEST(one.status == 0, one.err);
  BOOST_TEST(one.out == "Forgotten: lesson 2 (02-activations).\n");
  BOOST_TEST(neuronlab::test::slurp((state / "progress.yaml").string()) ==
             "format_version: 2\ncompleted: [01-one-neuron]\n");

  // A damaged file is reported and set aside: the course goes on, nothing is lost for good.
  std::ofstream(state / "progress.yaml") << "completed: [01-one-neuron\n";
  const ProcessResult damaged = learn({"--list"}, state);
  BOOST_TEST(damaged.status == 0, damaged.err);
  BOOST_TEST(damaged.err.rfind("neuronlab: warning: " + (state / "progress.yaml").string() +
                                   ":2:1: the progress file is damaged: end of sequence flow not "
                                   "found\n  it is set aside as " +
                                   (state / "progress.yaml.damaged-").string(),
                               0) == 0u,
             damaged.err);
  BOOST_TEST(!fs::exists(state / "progress.yaml"));
  std::size_t aside = 0;
  for (const auto& e : fs::directory_iterator(state))
    if (e.path().filename().string().rfind("progress.yaml.damaged-", 0) == 0)
      aside += neuronlab::test::slurp(e.path().string()) == "completed: [01-one-neuron\n";
  BOOST_TEST(aside == 1u);
}

BOOST_AUTO_TEST_CASE(a_failed_check_exits_1_and_is_not_recorded) {
  const fs::path state = scratch("failing-state");
  const fs::path lessons = scratch("failing-lessons");
  std::ofstream(lessons / "01-gate.yaml") << gate_lesson("1.0");
  std::ofstream(lessons / "02-impossible.yaml") << gate_lesson("1.5");

  ProcessResult r = learn({"2", "--lessons-dir", lessons.string()}, state);
  BOOST_TEST(r.status == 1, r.out + r.err);
  BOOST_TEST(has(r.out, "FAILED  train_accuracy = 1, expected >= 1.5  (" +
                            (lessons / "02-impossible.yaml").string() + ":15:9)\n"),
             r.out);
  BOOST_TEST(has(r.out,
                 "\nLesson not completed: 1 of 1 checks failed (the FAILED lines above "
                 "say where). 'neuronlab learn 2' runs it again.\n"),
             r.out);
  BOOST_TEST(!fs::exists(state / "progress.yaml"));

  r = learn({"--lessons-dir", lessons.string()}, state);
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(has(r.out, "Lesson 1 completed. Next: 'neuronlab learn' starts lesson 2, \"Gate\".\n"),
             r.out);
  r = learn({"--lessons-dir", lessons.string()}, state);  // the failing one is next
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.out.rfind("Lesson 2 of 2: Gate\n", 0) == 0u, r.out);
}

BOOST_AUTO_TEST_CASE(when_every_lesson_is_completed_learn_says_so) {
  const fs::path state = scratch("done-state");
  const fs::path lessons = scratch("done-lessons");
  std::ofstream(lessons / "01-gate.yaml") << gate_lesson("1.0");
  std::ofstream(state / "progress.yaml") << "format_version: 2\ncompleted: [01-gate]\n";
  const ProcessResult r = learn({"--lessons-dir", lessons.string()}, state);
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(r.out ==
             "You have completed all 1 lessons. 'neuronlab learn N' runs lesson N again; "
             "'neuronlab learn --reset' starts over.\n");
}

BOOST_AUTO_TEST_CASE(a_lesson_file_of_your_own_runs_but_is_not_recorded) {
  const fs::path state = scratch("own-state");
  const fs::path mine = scratch("own") / "my-lesson.yaml";
  std::ofstream(mine) << gate_lesson("1.0");
  const ProcessResult r = learn({mine.string()}, state);
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(r.out.rfind("Lesson my-lesson: Gate\n", 0) == 0u, r.out);
  BOOST_TEST(has(r.out,
                 "Lesson completed (not recorded: the file is not one of the course's "
                 "lessons in "),
             r.out);
  BOOST_TEST(!fs::exists(state / "progress.yaml"));
}

BOOST_AUTO_TEST_CASE(mistakes_exit_2_with_where_and_what) {
  const fs::path state = scratch("mistakes");
  ProcessResult r = learn({"99"}, state);
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err == "neuronlab: error: there is no lesson 99; the course has lessons 1 to " +
                          std::to_string(lesson_count()) +
                          " ('neuronlab learn --list' shows them)\n");

  r = learn({"--lst"}, state);
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err.rfind("neuronlab learn: error: unknown option '--lst' (did you mean "
                         "'--list'?)\nTry 'neuronlab learn --help'.\n",
                         0) == 0u,
             r.err);

  const fs::path bad = scratch("bad-lessons");
  std::ofstream(bad / "01-typo.yaml")
      << "format_version: 1\nkind: lesson\ntitle: T\nobjectives: [o]\nsteps:\n  - sya: hi\n";
  r = learn({"--lessons-dir", bad.string()}, state);
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err ==
             "neuronlab: error: " + (bad / "01-typo.yaml").string() +
                 ":6:5: unknown key 'sya' in a step (did you mean 'say'?); allowed "
                 "keys: say, neuron, data, network, trace, train, plot, check, exercise, "
                 "plugin_exercise, quiz, experiment, recap, normalize, seed, show_rows, inputs, "
                 "show, report, save, expect_divergence\n");

  r = learn({"--lessons-dir", (bad / "missing").string()}, state);
  BOOST_TEST(r.status == 2);
  BOOST_TEST(has(r.err,
                 "missing: no lessons directory here\n  hint: give the course's lessons/ "
                 "folder with --lessons-dir DIR\n"),
             r.err);

  r = learn({"1", "--list"}, state);
  BOOST_TEST(r.status == 2);
  BOOST_TEST(has(r.err, "--list shows every lesson; give no lesson with it"), r.err);
}

BOOST_AUTO_TEST_CASE(check_validates_a_lesson_or_an_experiment_without_running_it) {
  auto check = [](const std::string& file) {
    return neuronlab::test::run_process({NEURONLAB_TEST_HOST, "check", file});
  };
  ProcessResult r = check(source + "/lessons/01-one-neuron.yaml");
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(r.out == source +
                          "/lessons/01-one-neuron.yaml: a valid lesson, \"One neuron\", 26 "
                          "steps (exercise 1, experiment 3, neuron 3, plot 2, quiz 3, recap 1, "
                          "say 13)\n");
  r = check(source + "/examples/moons.yaml");
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(r.out == source +
                          "/examples/moons.yaml: a valid experiment, \"moons\": 2 inputs -> "
                          "8 tanh -> 8 tanh -> 1 sigmoid; 225 training, 0 validation, 75 "
                          "test rows\n");
  const fs::path bad = scratch("check") / "bad.yaml";
  std::ofstream(bad) << "format_version: 1\nkind: lesson\ntitle: T\nobjectives: [o]\nsteps:\n"
                        "  - trace: {input: [1, 0]}\n";
  r = check(bad.string());
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err == "neuronlab: error: " + bad.string() +
                          ":6:5: a trace step needs a network, and no step before it defines "
                          "one\n  hint: put a network step (or an experiment or train step) "
                          "before it\n");
  BOOST_TEST(r.out.empty());
}
