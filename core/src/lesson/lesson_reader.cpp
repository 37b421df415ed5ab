// Reading a lesson file (the format is in lesson.hpp). Experiment steps go through the
// experiment reader, so they are checked exactly like experiment files.
#include <neuronlab/lesson/lesson.hpp>

#include <fstream>
#include <sstream>

#include "../data/text.hpp"
#include "../experiment/experiment_parts.hpp"
#include "../experiment/yaml_reader.hpp"

namespace neuronlab::lesson {

using neuronlab::detail::join;
using experiment::detail::YamlReader;

namespace {

// Text as written, without the line break a YAML block scalar (|) ends with.
std::string text_block(const YamlReader& in, const YAML::Node& node, const std::string& name) {
  std::string text = in.text(node, name);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

const std::vector<std::string> top_keys = {"format_version", "kind", "title", "objectives",
                                           "steps"};
const std::vector<std::string> step_kinds = {"say", "neuron", "quiz", "experiment"};
const std::vector<std::string> step_keys = {"say",        "neuron", "quiz",
                                            "experiment", "show",   "expect_divergence"};

NeuronStep read_neuron(const YamlReader& in, const YAML::Node& node) {
  in.check_keys(node, "neuron", {"inputs", "weights", "bias", "activation"});
  NeuronStep n;
  const YAML::Node inputs =
      in.require(node, "inputs", "neuron", "named input values, for example {age: 0.5}");
  in.expect_map(inputs, "neuron.inputs");
  if (inputs.size() == 0) in.fail(inputs, "neuron.inputs needs at least one input");
  for (auto it = inputs.begin(); it != inputs.end(); ++it) {
    n.input_names.push_back(in.text(it->first, "an input name"));
    n.inputs.push_back(in.real(it->second, "input '" + n.input_names.back() + "'", -1e6, 1e6));
  }
  in.check_keys(inputs, "neuron.inputs", n.input_names);  // repeated names

  const YAML::Node weights =
      in.require(node, "weights", "neuron", "one weight per input, for example [0.8, 0.3]");
  if (weights.IsSequence()) {
    if (weights.size() != n.inputs.size())
      in.fail(weights, "neuron.weights has " + std::to_string(weights.size()) + " values for " +
                           std::to_string(n.inputs.size()) +
                           " inputs (give one weight per input, in the order of the inputs)");
    for (const YAML::Node& w : weights) n.weights.push_back(in.real(w, "a weight", -1e6, 1e6));
  } else if (weights.IsMap()) {
    in.check_keys(weights, "neuron.weights", n.input_names);
    for (const std::string& name : n.input_names)
      n.weights.push_back(in.real(
          in.require(weights, name, "neuron.weights", "a weight for every input, by its name"),
          "weight '" + name + "'", -1e6, 1e6));
  } else {
    in.fail(weights, "neuron.weights must be a list [0.8, 0.3] or a map {age: 0.8, salary: 0.3}");
  }
  if (node["bias"]) n.bias = in.real(node["bias"], "neuron.bias", -1e6, 1e6);
  in.plugin(in.require(node, "activation", "neuron", "a plugin, for example sigmoid"), "activation",
            n.activation, n.activation_where, n.activation_params);
  return n;
}

QuizStep read_quiz(const YamlReader& in, const YAML::Node& node) {
  in.check_keys(node, "quiz", {"question", "choices", "answer", "explain"});
  QuizStep q;
  q.question =
      text_block(in, in.require(node, "question", "quiz", "the question to ask"), "question");
  const YAML::Node choices =
      in.require(node, "choices", "quiz", "the possible answers, as a list of text");
  q.choices = in.text_list(choices, "choices");
  if (q.choices.size() < 2) in.fail(choices, "a quiz needs at least two choices");
  const YAML::Node answer = in.require(node, "answer", "quiz",
                                       "the number of the right choice as shown, 1 for the first");
  q.answer = std::size_t(in.integer(answer, "answer", 1, long(q.choices.size())) - 1);
  q.explain =
      text_block(in, in.require(node, "explain", "quiz", "why the answer is right"), "explain");
  return q;
}

ExperimentStep read_experiment(const YamlReader& in, const YAML::Node& step,
                               const std::filesystem::path& base_dir, const std::string& name) {
  const YAML::Node node = step["experiment"];
  in.expect_map(node, "an experiment step");
  for (const char* key : {"format_version", "kind"})
    if (node[key])
      throw Error(in.key_where(node, key) + ": '" + key +
                  "' belongs to the lesson, not to its experiment steps (remove it here)");
  in.check_keys(node, "an experiment step", experiment::detail::experiment_fields);
  ExperimentStep x;
  x.experiment = experiment::detail::read_experiment_fields(in, node, base_dir, name);
  if (const YAML::Node show = step["show"]) {
    const std::vector<std::string> names =
        show.IsSequence() ? in.text_list(show, "show") : std::vector{in.text(show, "show")};
    for (const std::string& what : names) {
      if (what == "weights")
        x.show_weights = true;
      else if (what == "predictions")
        x.show_predictions = true;
      else
        in.fail(show, "show: cannot show '" + what + "'" +
                          did_you_mean(what, {"weights", "predictions"}) +
                          "; it shows weights, predictions or both: [weights, predictions]");
    }
  }
  if (const YAML::Node diverge = step["expect_divergence"]) {
    x.expect_divergence = in.flag(diverge, "expect_divergence");
    x.divergence_where = in.key_where(step, "expect_divergence");
    if (x.expect_divergence && !x.experiment.expect.empty())
      in.fail(node["expect"],
              "a run that is expected to diverge has no final metrics to check (remove expect: "
              "or expect_divergence:)");
  }
  return x;
}

Step read_step(const YamlReader& in, const YAML::Node& node, const std::filesystem::path& base_dir,
               const std::string& default_name) {
  if (!node.IsMap())
    in.fail(node, "each step must be a map with one of " + join(step_kinds) +
                      " (for example: - say: Hello); the pause between steps is implicit");
  in.check_keys(node, "a step", step_keys);
  std::vector<std::string> kinds;
  for (const std::string& k : step_kinds)
    if (node[k]) kinds.push_back(k);
  if (kinds.empty()) in.fail(node, "a step needs one of " + join(step_kinds));
  if (kinds.size() > 1)
    throw Error(in.key_where(node, kinds[1]) + ": a step does one thing, and this one has both '" +
                kinds[0] + "' and '" + kinds[1] + "' (split it into two steps)");
  for (const char* option : {"show", "expect_divergence"})
    if (node[option] && kinds[0] != "experiment")
      throw Error(in.key_where(node, option) + ": '" + option +
                  "' belongs to an experiment step, not to a " + kinds[0] + " step");

  const std::string& kind = kinds[0];
  if (node[kind].IsNull())
    throw Error(in.key_where(node, kind) + ": '" + kind + "' is empty (" +
                (kind == "say"      ? "write the text after it, or a | and the text below"
                 : kind == "neuron" ? "give inputs:, weights:, bias: and activation: below it"
                 : kind == "quiz"   ? "give question:, choices:, answer: and explain: below it"
                                    : "write the experiment's data:, network: and so on below it") +
                ")");
  Step step;
  step.where = in.where(node);
  if (kind == "say")
    step.body = SayStep{text_block(in, node["say"], "say")};
  else if (kind == "neuron")
    step.body = read_neuron(in, node["neuron"]);
  else if (kind == "quiz")
    step.body = read_quiz(in, node["quiz"]);
  else
    step.body = read_experiment(in, node, base_dir, default_name);
  return step;
}

}  // namespace

Lesson parse_lesson(const std::string& text, const std::string& file,
                    const std::filesystem::path& base_dir) {
  YamlReader in(file);
  const YAML::Node root = in.load_versioned(text, "a lesson", lesson_format_version);
  in.check_keys(root, "a lesson file", top_keys);
  const YAML::Node kind = in.require(root, "kind", "a lesson file", "write kind: lesson");
  const std::string kind_text = in.text(kind, "kind");
  if (kind_text == "experiment")
    in.fail(kind, "this file is an experiment; run it with 'neuronlab run'");
  if (kind_text != "lesson")
    in.fail(kind, "unknown kind '" + kind_text + "'" +
                      did_you_mean(kind_text, {"lesson", "experiment"}) +
                      "; 'neuronlab learn' runs kind: lesson");

  Lesson lesson;
  lesson.file = file;
  lesson.id = std::filesystem::path(file).stem().string();
  lesson.title =
      in.text(in.require(root, "title", "a lesson file", "one line naming the lesson"), "title");
  const YAML::Node objectives = in.require(root, "objectives", "a lesson file",
                                           "what the learner will be able to do, as a list");
  lesson.objectives = in.text_list(objectives, "objectives");
  if (lesson.objectives.empty()) in.fail(objectives, "objectives needs at least one line");
  const YAML::Node steps =
      in.require(root, "steps", "a lesson file", "a list of say:, neuron:, quiz:, experiment:");
  if (!steps.IsSequence() || steps.size() == 0)
    in.fail(steps, "steps must be a list with at least one step");
  for (std::size_t i = 0; i < steps.size(); ++i)
    lesson.steps.push_back(
        read_step(in, steps[i], base_dir, lesson.id + " step " + std::to_string(i + 1)));
  return lesson;
}

Lesson read_lesson(const std::filesystem::path& file) {
  std::ifstream stream(file, std::ios::binary);
  if (!stream) throw Error(file.string() + ": cannot open the file (check the path)");
  std::ostringstream text;
  text << stream.rdbuf();
  return parse_lesson(text.str(), file.string(), file.parent_path());
}

void check_plugins(const Lesson& lesson, const Registry& registry) {
  for (const Step& step : lesson.steps) {
    if (const auto* n = std::get_if<NeuronStep>(&step.body))
      registry.resolve(registry.require(Kind::activation, n->activation, n->activation_where),
                       n->activation_params);
    else if (const auto* x = std::get_if<ExperimentStep>(&step.body)) {
      experiment::check_plugins(x->experiment, registry);
      if (const auto& normalize = x->experiment.normalize)
        registry.resolve(registry.require(Kind::normalization, normalize->name, normalize->where),
                         normalize->params);
    }
  }
}

}  // namespace neuronlab::lesson
