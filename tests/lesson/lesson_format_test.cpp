// Reading lesson files: the steps land in the right places, and every mistake is reported at
// its line and column, with a suggestion for a misspelt key, like an experiment file.
#define BOOST_TEST_MODULE lesson_format
#include <neuronlab/lesson/lesson.hpp>
#include <neuronlab/lesson/steps.hpp>

#include <boost/test/unit_test.hpp>

#include "support/errors.hpp"
#include "support/reference.hpp"

using namespace neuronlab;
using namespace neuronlab::lesson;

namespace {

const std::string header =
    "format_version: 1\nkind: lesson\ntitle: T\nobjectives: [learn]\nsteps:\n";

std::string error_of(const std::string& yaml) {
  return neuronlab::test::error_of([&] { parse_lesson(yaml, "l.yaml", "/lessons"); });
}

}  // namespace

BOOST_AUTO_TEST_CASE(reads_every_kind_of_step) {
  const Lesson l = parse_lesson(header + R"(  - say: |
      Two lines
      of text.
  - neuron:
      inputs: {age: 0.5, salary: -1.2}
      weights: {salary: 0.3, age: 0.8}
      activation: {name: leaky_relu, negative_slope: 0.2}
  - quiz:
      question: Which?
      choices: [a, b, c]
      answer: 3
      explain: Because.
  - experiment:
      data: {csv: data/iris.csv, target: species}
      network: {layers: [{neurons: 3, activation: softmax}]}
      expect: {train_accuracy: {at_least: 0.5}}
    show: [weights, predictions]
  - experiment:
      name: boom
      data: {generate: and}
      network: {layers: [{neurons: 1}]}
    expect_divergence: true
)",
                                "lessons/01-first.yaml", "/course/lessons");
  BOOST_TEST(l.id == "01-first");
  BOOST_TEST(l.title == "T");
  BOOST_TEST(l.objectives == std::vector<std::string>{"learn"});
  BOOST_REQUIRE_EQUAL(l.steps.size(), 5u);
  BOOST_TEST(l.steps[0].where == "lessons/01-first.yaml:6:5");
  BOOST_TEST(l.steps[0].as<SayStep>().text == "Two lines\nof text.");

  const auto& n = l.steps[1].as<NeuronStep>();
  BOOST_TEST(n.input_names == (std::vector<std::string>{"age", "salary"}));
  BOOST_TEST(n.inputs == (std::vector<double>{0.5, -1.2}));
  BOOST_TEST(n.weights == (std::vector<double>{0.8, 0.3}));  // by name, in input order
  BOOST_TEST(n.bias == 0.0);
  BOOST_TEST(n.activation == "leaky_relu");
  BOOST_TEST(n.activation_where == "lessons/01-first.yaml:12:26");
  BOOST_REQUIRE_EQUAL(n.activation_params.size(), 1u);
  BOOST_TEST(std::get<double>(n.activation_params[0].second.value) == 0.2);

  const auto& q = l.steps[2].as<QuizStep>();
  BOOST_TEST(q.answer == 2u);  // written 1-based
  BOOST_TEST(q.explain == "Because.");

  const auto& x = l.steps[3].as<ExperimentStep>();
  BOOST_TEST(x.experiment.name == "01-first step 4");
  BOOST_TEST(x.experiment.data.csv == std::filesystem::path("/course/lessons/data/iris.csv"));
  BOOST_TEST(x.experiment.expect.at(0).where == "lessons/01-first.yaml:21:16");
  BOOST_TEST(x.show_weights);
  BOOST_TEST(x.show_predictions);
  BOOST_TEST(!x.expect_divergence);

  const auto& d = l.steps[4].as<ExperimentStep>();
  BOOST_TEST(d.experiment.name == "boom");
  BOOST_TEST(d.expect_divergence);
  BOOST_TEST(d.divergence_where == "lessons/01-first.yaml:27:5");
}

BOOST_AUTO_TEST_CASE(top_level_mistakes_name_their_place) {
  BOOST_TEST(error_of("") == "l.yaml: the file is empty (a lesson starts with format_version: 1)");
  BOOST_TEST(error_of("kind: lesson\n") ==
             "l.yaml:1:1: a lesson file needs 'format_version' (write format_version: 1 on the "
             "first line)");
  BOOST_TEST(error_of("format_version: 2\n") ==
             "l.yaml:1:17: format_version 2 is not supported; this neuronlab reads "
             "format_version 1");
  BOOST_TEST(error_of("format_version: 1\nkind: lesson\ntitel: T\n") ==
             "l.yaml:3:1: unknown key 'titel' in a lesson file (did you mean 'title'?); allowed "
             "keys: format_version, kind, title, objectives, steps");
  BOOST_TEST(error_of("format_version: 1\nkind: experiment\n") ==
             "l.yaml:2:7: this file is an experiment; run it with 'neuronlab run'");
  BOOST_TEST(error_of("format_version: 1\nkind: lessons\n") ==
             "l.yaml:2:7: unknown kind 'lessons' (did you mean 'lesson'?); 'neuronlab learn' "
             "runs kind: lesson");
  BOOST_TEST(error_of("format_version: 1\nkind: lesson\ntitle: T\nobjectives: []\nsteps: []\n") ==
             "l.yaml:4:13: objectives needs at least one line");
  BOOST_TEST(error_of(header + "  - say: [a\n") ==
             "l.yaml:7:1: this is not valid YAML: end of sequence flow not found (check the "
             "indentation and the brackets around this place)");
}

BOOST_AUTO_TEST_CASE(step_mistakes_name_their_place) {
  BOOST_TEST(error_of(header + "  - pause\n") ==
             "l.yaml:6:5: each step must be a map with one of say, neuron, data, network, trace, "
             "train, plot, check, exercise, plugin_exercise, quiz, experiment, recap (for "
             "example: - say: Hello); the pause between steps is implicit");
  BOOST_TEST(error_of(header + "  - sya: hello\n") ==
             "l.yaml:6:5: unknown key 'sya' in a step (did you mean 'say'?); allowed keys: say, "
             "neuron, data, network, trace, train, plot, check, exercise, plugin_exercise, quiz, "
             "experiment, recap, normalize, seed, show_rows, inputs, show, report, save, "
             "expect_divergence");
  BOOST_TEST(error_of(header + "  - say: hello\n    quiz: {}\n") ==
             "l.yaml:7:5: a step does one thing, and this one has both 'say' and 'quiz' (split "
             "it into two steps)");
  BOOST_TEST(error_of(header + "  - say: hello\n    show: weights\n") ==
             "l.yaml:7:5: 'show' belongs to a train or experiment step, not to a say step");
  BOOST_TEST(error_of(header + "  - say:\n") ==
             "l.yaml:6:5: 'say' is empty (write the text after it, or a | and the text below)");
}

BOOST_AUTO_TEST_CASE(neuron_and_quiz_mistakes_name_their_place) {
  const std::string neuron = header + "  - neuron:\n      inputs: {a: 1, b: 2}\n";
  BOOST_TEST(error_of(neuron + "      weights: [1]\n      activation: relu\n") ==
             "l.yaml:8:16: neuron.weights has 1 values for 2 inputs (give one weight per input, "
             "in the order of the inputs)");
  BOOST_TEST(error_of(neuron + "      weights: {a: 1, c: 2}\n      activation: relu\n") ==
             "l.yaml:8:23: unknown key 'c' in neuron.weights (did you mean 'a'?); allowed keys: "
             "a, b");
  BOOST_TEST(error_of(neuron + "      weights: [1, 2]\n") ==
             "l.yaml:7:7: neuron needs 'activation' (a plugin, for example sigmoid)");
  BOOST_TEST(error_of(neuron + "      weights: [1, x]\n      activation: relu\n") ==
             "l.yaml:8:20: a weight must be a number in [-1e+06, 1e+06], not 'x'");
  BOOST_TEST(error_of(neuron + "      weight: [1, 2]\n") ==
             "l.yaml:8:7: unknown key 'weight' in neuron (did you mean 'weights'?); allowed "
             "keys: inputs, weights, bias, activation");

  const std::string quiz = header + "  - quiz:\n      question: Q?\n      choices: [a, b]\n";
  BOOST_TEST(error_of(quiz + "      answer: 3\n      explain: E\n") ==
             "l.yaml:9:15: answer is 3, outside its range [1, 2]");
  BOOST_TEST(error_of(quiz + "      answer: 0\n      explain: E\n") ==
             "l.yaml:9:15: answer is 0, outside its range [1, 2]");
  BOOST_TEST(error_of(quiz + "      answer: 1\n") ==
             "l.yaml:7:7: quiz needs 'explain' (why the answer is right)");
  BOOST_TEST(
      error_of(header + "  - quiz:\n      question: Q?\n      choices: [a]\n      answer: a\n") ==
      "l.yaml:8:16: a quiz needs at least two choices");
}

BOOST_AUTO_TEST_CASE(experiment_steps_are_checked_like_experiment_files) {
  const std::string step = header + "  - experiment:\n      data: {generate: and}\n";
  BOOST_TEST(error_of(step + "      netwrk: {layers: [{neurons: 1}]}\n") ==
             "l.yaml:8:7: unknown key 'netwrk' in an experiment step (did you mean 'network'?); "
             "allowed keys: name, description, seed, data, normalize, network, loss, optimizer, "
             "training, expect");
  BOOST_TEST(error_of(step + "      network: {layers: [{neuron: 1}]}\n") ==
             "l.yaml:8:27: unknown key 'neuron' in layer (did you mean 'neurons'?); allowed "
             "keys: neurons, activation, normalization, init, weights, bias");
  BOOST_TEST(error_of(step + "      format_version: 1\n") ==
             "l.yaml:8:7: 'format_version' belongs to the lesson, not to its experiment steps "
             "(remove it here)");
  BOOST_TEST(error_of(step + "      network: {layers: [{neurons: 1}]}\n    show: weigths\n") ==
             "l.yaml:9:11: show: cannot show 'weigths' (did you mean 'weights'?); it shows any "
             "of weights, predictions and curve (the loss per epoch): [weights, curve]");
  BOOST_TEST(error_of(step + "      network: {layers: [{neurons: 1}]}\n" +
                      "      expect: {train_accuracy: {at_least: 1}}\n" +
                      "    expect_divergence: true\n") ==
             "l.yaml:9:15: a run that is expected to diverge has no final metrics to check "
             "(remove expect: or expect_divergence:)");
}

BOOST_AUTO_TEST_CASE(plugins_are_checked_before_the_first_step) {
  const Lesson l = parse_lesson(header + R"(  - neuron:
      inputs: {a: 1}
      weights: [1]
      activation: sigmod
)",
                                "l.yaml", "/lessons");
  try {
    check_plugins(l, test::built_in_registry());
    BOOST_FAIL("no error");
  } catch (const Error& e) {
    const std::string m = e.what();
    BOOST_TEST(
        m.rfind("l.yaml:9:19: unknown activation 'sigmod' (did you mean 'sigmoid'?)", 0) == 0u, m);
  }
}
