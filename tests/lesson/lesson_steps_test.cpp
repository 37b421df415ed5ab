// What each step prints and decides: the neuron's computation with the engine's numbers, the
// quiz with and without a terminal, an experiment's graded checks, and a whole lesson.
#define BOOST_TEST_MODULE lesson_steps
#include <neuronlab/lesson/runner.hpp>

#include <boost/test/unit_test.hpp>

#include <sstream>

#include "support/reference.hpp"

using namespace neuronlab;
using namespace neuronlab::lesson;

namespace {

const Registry& registry() { return test::built_in_registry(); }

const std::string header =
    "format_version: 1\nkind: lesson\ntitle: Tiny\nobjectives: [one, two]\nsteps:\n";

Lesson make_lesson(const std::string& steps) { return parse_lesson(header + steps, "t.yaml", "/"); }

template <class T>
const T& only_step(const Lesson& l) {
  BOOST_REQUIRE_EQUAL(l.steps.size(), 1u);
  return l.steps[0].as<T>();
}

QuizStep quiz() {
  QuizStep q;
  q.question = "How many inputs?";
  q.choices = {{"one", ""}, {"two", ""}, {"three", "Count again: x1 and x2."}};
  q.hints = {"They are named x1, x2, ...", "Look at the last index."};
  q.answer = 1;
  q.explain = "Count them.";
  return q;
}

// An experiment step on the AND table with one sigmoid neuron.
std::string and_step(const std::string& expect, const std::string& extra = "") {
  return R"(  - experiment:
      name: gate
      seed: 1
      data: {generate: and}
      network: {layers: [{neurons: 1, activation: sigmoid}]}
      loss: binary_cross_entropy
      optimizer: {name: sgd, learning_rate: 0.5}
      training: {epochs: 500, batch_size: all, progress_every: 250}
)" + expect +
         extra;
}

}  // namespace

// sigmoid(0.14) = 1 / (1 + e^-0.14) = 0.5349429…; z in float32 is 0.14 to 7 digits.
BOOST_AUTO_TEST_CASE(neuron_prints_its_computation_with_the_engines_numbers) {
  const Lesson l = make_lesson(R"(  - neuron:
      inputs: {age: 0.5, salary: -1.2}
      weights: [0.8, 0.3]
      bias: 0.1
      activation: sigmoid
)");
  BOOST_TEST(neuron_text(only_step<NeuronStep>(l), registry()) ==
             "  inputs   age 0.5, salary \u22121.2\n"
             "  weights  age 0.8, salary 0.3; bias 0.1\n"
             "  z = 0.5\u00b70.8 + (\u22121.2)\u00b70.3 + 0.1 = 0.14\n"
             "  a = sigmoid(0.14) = 0.534943\n");
}

// z = 2·(−1) + (−3)·0.5 − 0.25 = −3.75; leaky_relu(−3.75) with slope 0.2 = −0.75.
BOOST_AUTO_TEST_CASE(neuron_shows_negative_numbers_and_plugin_parameters) {
  const Lesson l = make_lesson(R"(  - neuron:
      inputs: {x1: 2, x2: -3}
      weights: {x1: -1, x2: 0.5}
      bias: -0.25
      activation: {name: leaky_relu, negative_slope: 0.2}
)");
  BOOST_TEST(neuron_text(only_step<NeuronStep>(l), registry()) ==
             "  inputs   x1 2, x2 \u22123\n"
             "  weights  x1 \u22121, x2 0.5; bias \u22120.25\n"
             "  z = 2\u00b7(\u22121) + (\u22123)\u00b70.5 + (\u22120.25) = \u22123.75\n"
             "  a = leaky_relu(\u22123.75) = \u22120.75   (negative_slope 0.2)\n");
}

BOOST_AUTO_TEST_CASE(quiz_without_a_terminal_prints_the_answer_and_reads_nothing) {
  std::istringstream in("c\n");
  std::ostringstream out;
  Console console{in, out, false};
  Score score;
  BOOST_TEST(run_quiz(quiz(), console, score));
  BOOST_TEST(out.str() ==
             "Question: How many inputs?\n  a) one\n  b) two\n  c) three\n"
             "Answer: b) two\nCount them.\n");
  BOOST_TEST(in.tellg() == 0);    // nothing read
  BOOST_TEST(score.asked == 0u);  // shown, not asked
}

BOOST_AUTO_TEST_CASE(a_choice_is_answered_by_letter_with_feedback_and_hints) {
  std::istringstream in("c\nseven\nh\n?\nh\n B \n");
  std::ostringstream out;
  Console console{in, out, true};
  Score score;
  BOOST_TEST(run_quiz(quiz(), console, score));
  const std::string prompt = "Your answer (a-c; h for a hint, q to quit): ";
  BOOST_TEST(out.str() == "Question: How many inputs?\n  a) one\n  b) two\n  c) three\n" + prompt +
                              "Not c. Count again: x1 and x2. 2 tries left.\n" + prompt +
                              "Type the letter of a choice, a-c.\n" + prompt +
                              "Hint 1 of 2: They are named x1, x2, ...\n" + prompt +
                              "Hint 2 of 2: Look at the last index.\n" + prompt +
                              "No more hints.\n" + prompt + "Right: b) two\nCount them.\n");
  BOOST_TEST(score.asked == 1u);
  BOOST_TEST(score.right == 1u);
  BOOST_TEST(score.hints == 2u);
}

BOOST_AUTO_TEST_CASE(after_the_last_try_the_quiz_shows_the_answer_and_goes_on) {
  QuizStep q = quiz();
  q.tries = 2;
  std::istringstream in("a\nc\nb\n");
  std::ostringstream out;
  Console console{in, out, true};
  Score score;
  BOOST_TEST(run_quiz(q, console, score));
  const std::string prompt = "Your answer (a-c; h for a hint, q to quit): ";
  BOOST_TEST(out.str() == "Question: How many inputs?\n  a) one\n  b) two\n  c) three\n" + prompt +
                              "Not a. 1 try left.\n" + prompt +
                              "Not c. Count again: x1 and x2.\nThe answer: b) two\nCount them.\n");
  BOOST_TEST(score.asked == 1u);
  BOOST_TEST(score.right == 0u);
  std::string rest;
  BOOST_TEST(static_cast<bool>(std::getline(in, rest)));  // "b" was not read
}

BOOST_AUTO_TEST_CASE(a_number_quiz_takes_a_tolerance_and_says_when_it_is_close) {
  const Lesson l = make_lesson(R"(  - quiz:
      question: Compute z.
      answer: 0.14
      tolerance: 0.005
      explain: 0.4 - 0.36 + 0.1.
)");
  const QuizStep& q = only_step<QuizStep>(l);
  BOOST_TEST((q.form == QuizStep::Form::number));
  std::istringstream in("0,14\n0.2\n0.16\n\u22120.14\n0.1449\n");
  std::ostringstream out;
  Console console{in, out, true};
  Score score;
  QuizStep more = q;
  more.tries = 5;
  BOOST_TEST(run_quiz(more, console, score));
  const std::string prompt = "Your answer (a number; q to quit): ";
  BOOST_TEST(out.str() ==
             "Question: Compute z.\n" + prompt +
                 "Write the number with a decimal point, 0.5 rather than 0,5.\n" + prompt +
                 "Not 0.2. 4 tries left.\n" + prompt +
                 "Not 0.16. Close: the answer is within \u00b10.005 of the value; check your "
                 "rounding. 3 tries left.\n" +
                 prompt + "Not -0.14. 2 tries left.\n" + prompt +
                 "Right: 0.14\n0.4 - 0.36 + 0.1.\n");
  BOOST_TEST(score.right == 1u);
}

BOOST_AUTO_TEST_CASE(a_text_quiz_accepts_its_variants_whatever_the_case) {
  const Lesson l = make_lesson(R"(  - quiz:
      question: What shifts the threshold?
      answer: bias
      accept: [the bias]
      explain: It is added to every sum.
)");
  const QuizStep& q = only_step<QuizStep>(l);
  BOOST_TEST((q.form == QuizStep::Form::text));
  std::istringstream in("weight\n  The   BIAS \n");
  std::ostringstream out;
  Console console{in, out, true};
  Score score;
  BOOST_TEST(run_quiz(q, console, score));
  BOOST_TEST(out.str() ==
             "Question: What shifts the threshold?\n"
             "Your answer (a word or two; q to quit): Not 'weight'. 2 tries left.\n"
             "Your answer (a word or two; q to quit): Right: bias\nIt is added to every sum.\n");
}

BOOST_AUTO_TEST_CASE(quiz_mistakes_in_the_file_are_named) {
  auto error = [](const std::string& quiz) {
    try {
      make_lesson("  - quiz:\n" + quiz);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  BOOST_TEST(
      error("      question: Q?\n      choices: [x, y]\n      answer: c\n      explain: E.\n") ==
      "t.yaml:9:15: answer: 'c' is not one of the choices; give its letter, a to b");
  BOOST_TEST(
      error("      question: Q?\n      answer: 1\n      accept: [one]\n      explain: E.\n") ==
      "t.yaml:9:7: 'accept' belongs to text quizzes (remove it, or give the quiz that kind)");
  BOOST_TEST(error("      kind: numbr\n      question: Q?\n      answer: 1\n      explain: E.\n") ==
             "t.yaml:7:13: quiz.kind 'numbr' is not a kind of quiz (did you mean 'number'?); the "
             "kinds are choice, number and text");
  BOOST_TEST(error("      question: Q?\n      answer: 1\n      tries: 0\n      explain: E.\n")
                 .rfind("t.yaml:9:14: tries", 0) == 0);
}

BOOST_AUTO_TEST_CASE(quiz_and_pause_stop_on_q_or_at_the_end_of_input) {
  for (const char* input : {"q\n", "a\na\na\n", ""}) {
    std::istringstream in(input);
    std::ostringstream out;
    Console console{in, out, true};
    Score score;
    const bool went_on = run_quiz(quiz(), console, score);
    BOOST_TEST(went_on == (std::string(input) == "a\na\na\n"), input);  // 3 tries, then on
  }
  std::istringstream in("\nx\nb\nq\n");
  std::ostringstream out;
  Console console{in, out, true};
  BOOST_TEST((pause(console, false) == Pause::next));
  BOOST_TEST((pause(console, true) == Pause::back));  // x is not an answer: asked again
  BOOST_TEST((pause(console, true) == Pause::quit));
  BOOST_TEST((pause(console, true) == Pause::quit));  // end of input
  BOOST_TEST(out.str() ==
             "\n[Enter: continue, q: quit] "
             "\n[Enter: continue, b: back, q: quit] Press Enter to go on, b to go back one step "
             "or q to quit."
             "\n[Enter: continue, b: back, q: quit] "
             "\n[Enter: continue, b: back, q: quit] "
             "\n[Enter: continue, b: back, q: quit] ");
}

BOOST_AUTO_TEST_CASE(experiment_step_grades_its_expectations) {
  const Lesson pass = make_lesson(and_step("      expect: {train_accuracy: {at_least: 1.0}}\n"));
  std::ostringstream out;
  CheckCount c = run_experiment_step(only_step<ExperimentStep>(pass), registry(), out);
  BOOST_TEST(c.checks == 1u);
  BOOST_TEST(c.failed == 0u);
  BOOST_TEST(out.str().find("gate: 4 training, 0 validation, 0 test rows; binary\n") == 0u,
             out.str());
  BOOST_TEST(out.str().find("epoch 250/500  loss ") != std::string::npos, out.str());
  BOOST_TEST(out.str().find("\npassed  train_accuracy = 1, expected >= 1\n") != std::string::npos,
             out.str());

  // A loss that low after 500 steps of 0.5 is out of reach: the check fails and says where.
  const Lesson fail = make_lesson(and_step(
      "      expect:\n        train_accuracy: {at_least: 1.0}\n        train_loss: {at_most: "
      "0.001}\n"));
  out.str("");
  c = run_experiment_step(only_step<ExperimentStep>(fail), registry(), out);
  BOOST_TEST(c.checks == 2u);
  BOOST_TEST(c.failed == 1u);
  BOOST_TEST(out.str().find("\nFAILED  train_loss = 0.0674975, expected <= 0.001  (t.yaml:16:9)\n"
                            "1 of 2 expectations failed\n") != std::string::npos,
             out.str());
}

// The AND neuron of lesson 1 after 500 full-batch steps (see train_loss above): both weights
// near 4.636, the bias near -7.141, so that only x1 = x2 = 1 lifts z above 0.
BOOST_AUTO_TEST_CASE(experiment_step_shows_weights_and_predictions) {
  const Lesson l = make_lesson(and_step("", "    show: [weights, predictions]\n"));
  std::ostringstream out;
  run_experiment_step(only_step<ExperimentStep>(l), registry(), out);
  const std::string text = out.str();
  BOOST_TEST(text.find("weights after training:\n  layer 1 neuron 1: weights 4.63599, 4.636; "
                       "bias -7.14119\n") != std::string::npos,
             text);
  BOOST_TEST(text.find("outputs for the first 4 training rows:\n") != std::string::npos, text);
  // sigmoid(4.636 + 4.636 − 7.141) = sigmoid(2.131) = 0.894; one input: sigmoid(−2.505) = 0.075.
  BOOST_TEST(text.find("inputs 1, 1 -> output 0.894 -> 1 (target 1)\n") != std::string::npos, text);
  BOOST_TEST(text.find("inputs 0, 1 -> output 0.075 -> 0 (target 0)\n") != std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(expect_divergence_passes_only_when_training_diverges) {
  const std::string blow_up = R"(  - experiment:
      data: {inline: {columns: [x, y], rows: [[1000, 1], [2000, 2], [3000, 3]]}}
      network: {layers: [{neurons: 1}]}
      loss: mse
      optimizer: {name: sgd, learning_rate: 1}
      training: {epochs: 20}
    expect_divergence: true
)";
  std::ostringstream out;
  CheckCount c =
      run_experiment_step(only_step<ExperimentStep>(make_lesson(blow_up)), registry(), out);
  BOOST_TEST(c.checks == 1u);
  BOOST_TEST(c.failed == 0u);
  BOOST_TEST(
      out.str().find("passed  training diverged, as expected: training diverged in epoch ") !=
          std::string::npos,
      out.str());

  // Without expect_divergence, diverging is a failed check, whatever expect: says.
  std::string surprise = blow_up;
  surprise.replace(surprise.find("    expect_divergence: true\n"), 28, "");
  out.str("");
  c = run_experiment_step(only_step<ExperimentStep>(make_lesson(surprise)), registry(), out);
  BOOST_TEST(c.checks == 1u);
  BOOST_TEST(c.failed == 1u);
  BOOST_TEST(
      out.str().find("FAILED  t.yaml:11:17: training diverged in epoch ") != std::string::npos,
      out.str());

  out.str("");
  const Lesson calm = make_lesson(and_step("", "    expect_divergence: true\n"));
  c = run_experiment_step(only_step<ExperimentStep>(calm), registry(), out);
  BOOST_TEST(c.failed == 1u);
  BOOST_TEST(out.str().find("FAILED  training did not diverge, but this step expects it to  "
                            "(t.yaml:14:5)\n") != std::string::npos,
             out.str());
}

BOOST_AUTO_TEST_CASE(a_lesson_runs_to_its_end_without_a_terminal) {
  const Lesson l = make_lesson("  - say: |\n      Hello.\n" +
                               and_step("      expect: {train_accuracy: {at_least: 1.0}}\n"));
  std::istringstream in;
  std::ostringstream out;
  Console console{in, out, false};
  const LessonResult r = run_lesson(l, registry(), console, "Lesson 1 of 1");
  BOOST_TEST(r.finished);
  BOOST_TEST(r.completed());
  BOOST_TEST(r.checks == 1u);
  const std::string text = out.str();
  BOOST_TEST(text.find("Lesson 1 of 1: Tiny\nObjectives:\n  - one\n  - two\n\n--- 1/2 ---\n"
                       "Hello.\n\n--- 2/2 ---\ngate: ") == 0u,
             text);
  BOOST_TEST(text.find("\n\npassed  1 of 1 checks of this lesson passed\n") != std::string::npos,
             text);
  BOOST_TEST(text.find("press Enter") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_failed_check_leaves_the_lesson_not_completed) {
  const Lesson l = make_lesson(and_step("      expect: {train_accuracy: {at_most: 0.5}}\n"));
  std::istringstream in;
  std::ostringstream out;
  Console console{in, out, false};
  const LessonResult r = run_lesson(l, registry(), console, "Lesson 1 of 1");
  BOOST_TEST(r.finished);
  BOOST_TEST(!r.completed());
  BOOST_TEST(r.failed == 1u);
  BOOST_TEST(out.str().find("\n\nFAILED  0 of 1 checks of this lesson passed\n") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(on_a_terminal_the_lesson_waits_between_steps_and_q_quits) {
  const Lesson l = make_lesson("  - say: first\n  - say: second\n");
  std::istringstream in("\nq\n");
  std::ostringstream out;
  Console console{in, out, true};
  const LessonResult r = run_lesson(l, registry(), console, "Lesson 1 of 1");
  BOOST_TEST(!r.finished);
  BOOST_TEST(!r.completed());
  BOOST_TEST(out.str() ==
             "Lesson 1 of 1: Tiny\nObjectives:\n  - one\n  - two\n"
             "\n[Enter: continue, q: quit] \n--- 1/2 ---\nfirst\n"
             "\n[Enter: continue, b: back, q: quit] ");
}

BOOST_AUTO_TEST_CASE(a_misspelt_plugin_stops_the_lesson_before_its_first_step) {
  const Lesson l =
      make_lesson("  - say: never shown\n" + and_step("") + "      normalize: standardise\n");
  std::istringstream in;
  std::ostringstream out;
  Console console{in, out, false};
  try {
    run_lesson(l, registry(), console, "Lesson 1 of 1");
    BOOST_FAIL("no error");
  } catch (const Error& e) {
    const std::string m = e.what();
    BOOST_TEST(m.rfind("t.yaml:15:18: unknown normalization 'standardise' (did you mean "
                       "'standardize'?)",
                       0) == 0u,
               m);
  }
  BOOST_TEST(out.str().empty());
}

BOOST_AUTO_TEST_CASE(recap_lists_the_points_to_remember) {
  const Lesson l = make_lesson("  - recap:\n      - weights scale inputs\n      - a bias shifts\n");
  std::istringstream in;
  std::ostringstream out;
  Console console{in, out, false};
  StepContext context{l, registry(), console};
  BOOST_TEST(l.steps[0].kind == "recap");
  BOOST_TEST(l.steps[0].body->run(context));
  BOOST_TEST(out.str() == "What to remember:\n  - weights scale inputs\n  - a bias shifts\n");
  try {
    make_lesson("  - recap: []\n");
    BOOST_FAIL("an empty recap was accepted");
  } catch (const Error& e) {
    BOOST_TEST(std::string(e.what()) == "t.yaml:6:12: a recap needs at least one point");
  }
}
