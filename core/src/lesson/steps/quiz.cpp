// The quiz step: a question the learner answers, in one of three forms.
//   - quiz:
//       question: Which weight matters most?
//       choices:                        a choice, answered by letter (a, b, c, ...)
//         - the first                   a choice as text, or with feedback for a wrong pick:
//         - {text: the second, feedback: It is small compared with the others.}
//       answer: b                       the right choice's letter (or its number, 1 first)
//   - quiz:
//       question: Compute z by hand.
//       answer: 0.14                    a number ...
//       tolerance: 0.005                ... right within ±tolerance (default 0.01)
//   - quiz:
//       question: What shifts a neuron's threshold?
//       answer: bias                    a short text (case and extra spaces do not matter)
//       accept: [the bias, b]           other spellings that count as right
// Every form takes hints: [...] (shown one at a time when the learner types h or ?), tries: N
// (wrong answers allowed before the explanation is shown, default 3) and explain: (required:
// said after the answer, right or not).
#include <neuronlab/data/dataset.hpp>
#include <neuronlab/experiment/report.hpp>
#include <neuronlab/lesson/runner.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>

#include "../hints.hpp"
#include "../step_kind.hpp"
#include "../text_layout.hpp"

namespace neuronlab::lesson {
namespace {

std::string letter(std::size_t i) { return std::string(1, static_cast<char>('a' + i)); }

// "0.14": how reports print a number (six significant digits).
std::string number_text(double v) { return experiment::format_metric(v); }

// Lower case, inner blanks collapsed to one space: how text answers are compared.
std::string normalized(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// A typed number: "0.14", "-1.2", "−1.2" (a typographic minus), "+3".
std::optional<double> typed_number(std::string line) {
  const std::string minus = "\u2212";
  if (line.rfind(minus, 0) == 0) line = "-" + line.substr(minus.size());
  if (!line.empty() && line[0] == '-') {
    const std::optional<double> v = data::parse_number(line.substr(1));
    if (v) return -*v;
    return std::nullopt;
  }
  return data::parse_number(line);
}

// What the prompt offers: "a-c", "a number", "a word".
std::string expected(const QuizStep& q) {
  switch (q.form) {
    case QuizStep::Form::choice:
      return "a-" + letter(q.choices.size() - 1);
    case QuizStep::Form::number:
      return "a number";
    case QuizStep::Form::text:
      return "a word or two";
  }
  return {};
}

enum class Verdict { right, wrong, unreadable };

// Judges one typed answer; for a wrong one, `said` is what to tell the learner.
Verdict judge(const QuizStep& q, const std::string& line, std::string& said) {
  switch (q.form) {
    case QuizStep::Form::choice: {
      const std::string typed = normalized(line);
      if (typed.size() != 1 || typed[0] < 'a' ||
          static_cast<std::size_t>(typed[0] - 'a') >= q.choices.size()) {
        said = "Type the letter of a choice, " + expected(q) + ".";
        return Verdict::unreadable;
      }
      const std::size_t chosen = static_cast<std::size_t>(typed[0] - 'a');
      if (chosen == q.answer) return Verdict::right;
      said = "Not " + typed + ".";
      if (!q.choices[chosen].feedback.empty()) said += " " + q.choices[chosen].feedback;
      return Verdict::wrong;
    }
    case QuizStep::Form::number: {
      if (line.find(',') != std::string::npos && !typed_number(line)) {
        said = "Write the number with a decimal point, 0.5 rather than 0,5.";
        return Verdict::unreadable;
      }
      const std::optional<double> v = typed_number(line);
      if (!v) {
        said = "Type a number, for example 0.25.";
        return Verdict::unreadable;
      }
      if (std::fabs(*v - q.value) <= q.tolerance * (1 + 1e-12)) return Verdict::right;
      said = "Not " + number_text(*v) + ".";
      if (std::fabs(*v - q.value) <= 10 * q.tolerance)
        said +=
            " Close, but not within \u00b1" + number_text(q.tolerance) + ": check your rounding.";
      return Verdict::wrong;
    }
    case QuizStep::Form::text: {
      const std::string typed = normalized(line);
      if (typed.empty()) {
        said = "Type your answer.";
        return Verdict::unreadable;
      }
      for (const std::string& a : q.accepted)
        if (normalized(a) == typed) return Verdict::right;
      said = "Not '" + line + "'.";
      return Verdict::wrong;
    }
  }
  return Verdict::unreadable;
}

// Text laid out like a say step's, for the console's width.
std::string laid_out(const std::string& text, const Console& console) {
  return layout_text(text, {console.style.width, console.style.colour});
}

void print_question(const QuizStep& q, const Console& console) {
  console.out << laid_out("Question: " + q.question, console);
  for (std::size_t i = 0; i < q.choices.size(); ++i)
    console.out << "  " << letter(i) << ") " << q.choices[i].text << "\n";
}

}  // namespace

std::string QuizStep::answer_text() const {
  switch (form) {
    case Form::choice:
      return letter(answer) + ") " + choices[answer].text;
    case Form::number:
      return number_text(value);
    case Form::text:
      return accepted.front();
  }
  return {};
}

bool run_quiz(const QuizStep& q, Console& console, Score& score) {
  std::ostream& out = console.out;
  print_question(q, console);
  if (!console.asks) {
    out << "Answer: " << q.answer_text() << "\n" << laid_out(q.explain, console);
    return true;
  }
  // A question counts as asked once it is settled (right, or out of tries): quitting in the
  // middle and resuming asks it again, once.
  std::size_t hints_shown = 0, wrong = 0;
  const std::string hint_offer = q.hints.empty() ? "" : "h for a hint, ";
  for (;;) {
    out << "Your answer (" << expected(q) << "; " << hint_offer << "q to quit): " << std::flush;
    std::string line;
    if (!console.read_line(line) || line == "q" || line == "Q") return false;
    if (detail::asks_for_hint(line)) {
      detail::show_next_hint(q.hints, hints_shown, console, score, "question");
      continue;
    }
    std::string said;
    const Verdict v = judge(q, line, said);
    if (v == Verdict::unreadable) {
      out << said << "\n";
      continue;
    }
    if (v == Verdict::right) {
      ++score.asked;
      ++score.right;
      out << "Right: " << q.answer_text() << "\n" << laid_out(q.explain, console);
      return true;
    }
    ++wrong;
    if (wrong >= q.tries) {
      ++score.asked;
      out << laid_out(said, console) << "The answer: " << q.answer_text() << "\n"
          << laid_out(q.explain, console);
      return true;
    }
    const std::size_t left = q.tries - wrong;
    out << laid_out(said + " " + std::to_string(left) + (left == 1 ? " try" : " tries") + " left.",
                    console);
  }
}

bool QuizStep::run(StepContext& context) const {
  return run_quiz(*this, context.console, context.score);
}

namespace detail {
namespace {

using yaml::YamlReader;

void read_choices(const YamlReader& in, const YAML::Node& node, QuizStep& q) {
  if (!node.IsSequence()) in.fail(node, "choices must be a list: [first, second, ...]");
  if (node.size() < 2) in.fail(node, "a quiz needs at least two choices");
  // h asks for a hint and q quits: the letters stop before them.
  if (node.size() > 7) in.fail(node, "a quiz has at most 7 choices, a to g");
  for (const YAML::Node& c : node) {
    QuizStep::Choice choice;
    if (c.IsMap()) {
      in.check_keys(c, "a choice", {"text", "feedback"});
      choice.text =
          text_block(in, in.require(c, "text", "a choice", "the choice as shown"), "text");
      if (c["feedback"]) choice.feedback = text_block(in, c["feedback"], "feedback");
    } else {
      choice.text = in.text(c, "a choice");
    }
    q.choices.push_back(choice);
  }
}

std::shared_ptr<const StepBody> read(const StepReader& reader, const YAML::Node& step) {
  const YamlReader& in = reader.in;
  const YAML::Node node = step["quiz"];
  in.expect_map(node, "quiz");
  in.check_keys(node, "quiz",
                {"kind", "question", "choices", "answer", "tolerance", "accept", "hints", "tries",
                 "explain"});
  auto made = std::make_shared<QuizStep>();
  QuizStep& q = *made;
  q.question =
      text_block(in, in.require(node, "question", "quiz", "the question to ask"), "question");
  const YAML::Node answer = in.require(node, "answer", "quiz",
                                       "the right answer: a choice's letter, a number, or a word");
  // The form: written, or told by what is there.
  if (const YAML::Node kind = node["kind"]) {
    const std::string k = in.text(kind, "quiz.kind");
    if (k == "choice")
      q.form = QuizStep::Form::choice;
    else if (k == "number")
      q.form = QuizStep::Form::number;
    else if (k == "text")
      q.form = QuizStep::Form::text;
    else
      in.fail(kind, "quiz.kind '" + k + "' is not a kind of quiz" +
                        did_you_mean(k, {"choice", "number", "text"}) +
                        "; the kinds are choice, number and text");
  } else if (node["choices"]) {
    q.form = QuizStep::Form::choice;
  } else if (answer.IsScalar() && data::parse_number(answer.Scalar())) {
    q.form = QuizStep::Form::number;
  } else {
    q.form = QuizStep::Form::text;
  }
  auto only_for = [&](const char* key, QuizStep::Form form, const char* what) {
    if (node[key] && q.form != form)
      throw Error(in.key_where(node, key) + ": '" + key + "' belongs to " + what +
                  " quizzes (remove it, or give the quiz that kind)");
  };
  only_for("choices", QuizStep::Form::choice, "choice");
  only_for("tolerance", QuizStep::Form::number, "number");
  only_for("accept", QuizStep::Form::text, "text");

  switch (q.form) {
    case QuizStep::Form::choice: {
      read_choices(in, in.require(node, "choices", "quiz", "the possible answers, as a list"), q);
      const std::string a = in.text(answer, "answer");
      if (a.size() == 1 && a[0] >= 'a' && a[0] < 'a' + static_cast<int>(q.choices.size()))
        q.answer = static_cast<std::size_t>(a[0] - 'a');
      else if (data::parse_number(a))
        q.answer = std::size_t(in.integer(answer, "answer", 1, long(q.choices.size())) - 1);
      else
        in.fail(answer, "answer: '" + a + "' is not one of the choices; give its letter, a to " +
                            letter(q.choices.size() - 1));
      break;
    }
    case QuizStep::Form::number:
      q.value = in.real(answer, "answer", -1e12, 1e12);
      q.tolerance = node["tolerance"] ? in.real(node["tolerance"], "tolerance", 0, 1e12) : 0.01;
      break;
    case QuizStep::Form::text:
      q.accepted.push_back(in.text(answer, "answer"));
      if (normalized(q.accepted.back()).empty()) in.fail(answer, "answer: give the word itself");
      if (node["accept"])
        for (const std::string& a : in.text_list(node["accept"], "accept")) q.accepted.push_back(a);
      break;
  }
  if (node["hints"]) q.hints = in.text_list(node["hints"], "hints");
  if (node["tries"]) q.tries = std::size_t(in.integer(node["tries"], "tries", 1, 10));
  q.explain =
      text_block(in, in.require(node, "explain", "quiz", "why the answer is right"), "explain");
  return made;
}

}  // namespace

const StepKind& quiz_step_kind() {
  static const StepKind kind{
      "quiz", {}, "give question:, answer:, explain: (and choices: for a choice) below it", &read};
  return kind;
}

}  // namespace detail
}  // namespace neuronlab::lesson
