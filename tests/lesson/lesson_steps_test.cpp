// What each step prints and decides: the neuron's computation with the engine's numbers, the
// quiz with and without a terminal, an experiment's graded checks, and a whole lesson.
#define BOOST_TEST_MODULE lesson_steps
#include <neuronlab/experiment/report.hpp>
#include <neuronlab/lesson/runner.hpp>

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <filesystem>
#include <sstream>

#include "support/process.hpp"
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

// Runs an experiment step on a console without a terminal; its checks as counted.
CheckCount run_experiment_step(const ExperimentStep& step, const Registry& r, std::ostream& out) {
  std::istringstream in;
  Console console{in, out, false};
  const Lesson lesson;
  StepContext context{lesson, r, console};
  run_graded(step, step.experiment, context);
  return {context.checks, context.failed};
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
                 "Not 0.16. Close, but not within \u00b10.005: check your rounding. 3 tries "
                 "left.\n" +
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
             "\n[Enter: continue, q: quit] ");  // nothing before the first step to go back to
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

namespace {

// The XOR data, a 2-2-1 network with written weights, then the given steps.
const std::string xor_steps = R"(  - data: {generate: xor}
  - network:
      layers:
        - {neurons: 2, activation: tanh, weights: [[1, 1], [1, 1]], bias: [-0.5, -1.5]}
        - {neurons: 1, activation: sigmoid, weights: [[2, -2]], bias: [0]}
)";

std::string run_steps(const Lesson& l, StepContext& context) {
  for (const Step& s : l.steps) BOOST_TEST_REQUIRE(s.body->run(context));
  return static_cast<std::ostringstream&>(context.console.out).str();
}

std::string lesson_error(const std::string& steps) {
  try {
    make_lesson(steps);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_backward_trace_prints_the_engines_gradients_beside_numeric_ones) {
  const Lesson l = make_lesson(xor_steps + "  - trace: {row: 2, backward: true}\n");
  std::istringstream in;
  std::ostringstream out;
  Console console{in, out, false};
  StepContext context{l, registry(), console};
  const std::string text = run_steps(l, context);
  // The same step through the engine directly: row 2 is (0, 1) with target 1.
  const float x[] = {0, 1}, y[] = {1};
  const std::shared_ptr<Loss> bce = registry().create<Loss>("binary_cross_entropy");
  const engine::BackwardTrace b = context.network->trace_backward(x, y, *bce, 0.1);
  BOOST_TEST(text.find("  loss = " + trace_number(b.loss) + "\n") != std::string::npos, text);
  BOOST_TEST(text.find("  layer 1 neuron 2: z = 0\u00b71 + 1\u00b71 + (-1.5) = -0.5; a = "
                       "tanh(-0.5) = -0.4621\n") != std::string::npos,
             text);
  // Every gradient line: the engine's value, and a numeric gradient that agrees with it.
  std::istringstream lines(text);
  std::vector<std::pair<double, double>> gradients;  // (printed, numeric)
  for (std::string line; std::getline(lines, line);) {
    const std::size_t at = line.find("gradient ");
    if (at == std::string::npos) continue;
    const double printed = std::stod(line.substr(at + 9));
    const double numeric = std::stod(line.substr(line.find("(numeric ") + 9));
    gradients.emplace_back(printed, numeric);
  }
  BOOST_TEST_REQUIRE(gradients.size() == 9u);  // 3 + 3 weights, 3 biases
  // printed in backprop order: the output neuron (w1, w2, b), then layer 1's two neurons
  const std::vector<float> expected = {
      b.layers[1].weight_gradient[0], b.layers[1].weight_gradient[1], b.layers[1].bias_gradient[0],
      b.layers[0].weight_gradient[0], b.layers[0].weight_gradient[1], b.layers[0].bias_gradient[0],
      b.layers[0].weight_gradient[2], b.layers[0].weight_gradient[3], b.layers[0].bias_gradient[1]};
  for (std::size_t i = 0; i < gradients.size(); ++i) {
    BOOST_TEST(trace_number(gradients[i].first) == trace_number(expected[i]), i);
    BOOST_TEST(std::fabs(gradients[i].first - gradients[i].second) < 1e-3, i);
  }
  BOOST_TEST(text.find("weight 2: gradient -0.214 (numeric -0.214), update 0.0214\n") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(train_goes_on_from_the_current_network_and_check_grades_it) {
  const std::string train = R"(  - train:
      loss: binary_cross_entropy
      optimizer: {name: sgd, learning_rate: 0.5}
      training: {epochs: 20, batch_size: 4, shuffle: false}
)";
  const Lesson l = make_lesson(xor_steps + train + train +
                               "  - check: {output: [0, 1], at_least: 0.5}\n"
                               "  - check: {metric: train_loss, at_most: 0.001}\n");
  std::istringstream in;
  std::ostringstream out;
  Console console{in, out, false};
  StepContext context{l, registry(), console};
  const std::string text = run_steps(l, context);
  BOOST_TEST_REQUIRE(context.records.size() == 2u);
  // The second run starts where the first stopped: its first epoch is below the first's last.
  BOOST_TEST(context.records[1].history.front().train.loss <
             context.records[0].history.front().train.loss);
  BOOST_TEST(context.records[1].history.front().train.loss <=
             context.records[0].history.back().train.loss + 1e-3);
  BOOST_TEST(context.checks == 2u);
  BOOST_TEST(context.failed == 1u);
  const double loss = *context.records[1].train->get("loss");
  BOOST_TEST(text.find("FAILED  train_loss = " + experiment::format_metric(loss) +
                       ", expected <= 0.001 (off by " + experiment::format_metric(loss - 0.001) +
                       ")  (t.yaml:20:12)\n") != std::string::npos,
             text);
  BOOST_TEST(text.find("passed  the output for (0, 1) = ") != std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(a_step_that_needs_what_no_earlier_step_defined_is_refused) {
  BOOST_TEST(lesson_error("  - trace: {input: [1, 0]}\n") ==
             "t.yaml:6:5: a trace step needs a network, and no step before it defines one\n"
             "  hint: put a network step (or an experiment or train step) before it");
  BOOST_TEST(lesson_error("  - train: {loss: mse}\n") ==
             "t.yaml:6:5: a train step needs data, and no step before it defines one\n"
             "  hint: put a data step before it");
  BOOST_TEST(lesson_error("  - data: {generate: xor}\n  - plot: curves\n") ==
             "t.yaml:7:5: a plot step needs a training run to draw, and no step before it "
             "defines one\n  hint: put a train or experiment step before it");
  BOOST_TEST(lesson_error("  - network: {layers: [{neurons: 1}]}\n") ==
             "t.yaml:6:5: a network step needs its number of inputs, and no step before it "
             "defines one\n  hint: put a data step before it, or write inputs: N on this step");
  BOOST_TEST(lesson_error(xor_steps + "  - plot: boundry\n") ==
             "t.yaml:11:11: plot: unknown picture 'boundry' (did you mean 'boundary'?); the "
             "pictures are curves, boundary, network, activations, neuron, loss_surface");
  BOOST_TEST(lesson_error(xor_steps + "  - plot: network\n    save: ../x.svg\n") ==
             "t.yaml:12:11: save: a file name ending in .svg, without a folder: pictures go into "
             "the learner's work folder");
  BOOST_TEST(lesson_error(xor_steps + "  - trace: {input: [1, 0], target: [1]}\n") ==
             "t.yaml:11:28: trace.target is for the backward step: add backward: true, or "
             "remove it");
}

BOOST_AUTO_TEST_CASE(plot_draws_in_the_terminal_and_saves_into_the_work_folder) {
  const std::filesystem::path work =
      std::filesystem::path(NEURONLAB_TEST_BINARY_DIR) / "lesson-plot-work";
  std::filesystem::remove_all(work);
  const Lesson l = make_lesson(xor_steps +
                               "  - plot: boundary\n    save: b.svg\n"
                               "  - plot: {kind: neuron, layer: 1, neuron: 2, input: [1, 0]}\n");
  std::istringstream in;
  std::ostringstream out;
  Console console{in, out, false};
  StepContext context{l, registry(), console};
  context.work_dir = work;
  const std::string text = run_steps(l, context);
  BOOST_TEST(text.find("decision boundary: x1 across, x2 up\n") != std::string::npos);
  BOOST_TEST(text.find("picture saved: " + (work / "b.svg").string() + "\n") != std::string::npos);
  BOOST_TEST(text.find("picture saved: " + (work / "t-step4-neuron.svg").string() + "\n") !=
             std::string::npos);
  BOOST_TEST(std::filesystem::file_size(work / "b.svg") > 1000u);
  BOOST_TEST(
      test::slurp((work / "t-step4-neuron.svg").string()).find("z = 1·1 + 0·1 + (-1.5) = -0.5") !=
      std::string::npos);
}

BOOST_AUTO_TEST_CASE(check_can_grade_one_neurons_value_as_trace_shows_it) {
  // Layer 1's neuron 2 has weights 1, 1 and bias -1.5: for (1, 0), z = -0.5, a = tanh(-0.5).
  const Lesson l = make_lesson(
      xor_steps +
      "  - check: {neuron: {layer: 1, neuron: 2, input: [1, 0], value: z}, at_most: 0}\n"
      "  - check: {neuron: {layer: 1, neuron: 2, input: [1, 0], value: a}, at_least: 0}\n");
  std::istringstream in;
  std::ostringstream out;
  Console console{in, out, false};
  StepContext context{l, registry(), console};
  const std::string text = run_steps(l, context);
  BOOST_TEST(text.find("passed  z of layer 1 neuron 2 for (1, 0) = -0.5, expected <= 0\n") !=
                 std::string::npos,
             text);
  BOOST_TEST(text.find("FAILED  a of layer 1 neuron 2 for (1, 0) = " +
                       experiment::format_metric(std::tanh(-0.5f)) + ", expected >= 0 (off by " +
                       experiment::format_metric(-std::tanh(-0.5f)) + ")  (t.yaml:12:12)\n") !=
                 std::string::npos,
             text);
  BOOST_TEST(context.failed == 1u);
  BOOST_TEST(lesson_error(xor_steps + "  - check: {neuron: {layer: 1, neuron: 1, input: [1, 0], "
                                      "value: y}, at_least: 0}\n") ==
             "t.yaml:11:65: check.neuron.value is z (the weighted sum) or a (the activation)");
}
