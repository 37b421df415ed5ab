// run_lesson: the heading and objectives, then every step in order with a marker
// ("--- 2/9 ---"), pausing between steps on a terminal, and a last line with the checks. The
// steps run themselves (lesson.hpp); the runner holds their context.
#include <neuronlab/lesson/runner.hpp>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <sstream>

namespace neuronlab::lesson {

bool Console::read_line(std::string& line) {
  if (!std::getline(in, line)) return false;
  const auto first = line.find_first_not_of(" \t\r");
  const auto last = line.find_last_not_of(" \t\r");
  line = first == std::string::npos ? "" : line.substr(first, last - first + 1);
  return true;
}

const std::filesystem::path& StepContext::require_work_dir() const {
  if (work_dir.empty())
    throw Error(
        "this step saves a file, and there is no work folder: HOME is not set\n  hint: "
        "give 'neuronlab learn --work-dir DIR', or set NEURONLAB_WORK_DIR");
  std::error_code ec;
  std::filesystem::create_directories(work_dir, ec);
  if (ec)
    throw Error(work_dir.string() + ": cannot make the lesson's work folder: " + ec.message() +
                "\n  hint: give 'neuronlab learn --work-dir DIR' with a folder you can write");
  return work_dir;
}

void StepContext::take_state(StepContext&& other) {
  checks = other.checks;
  failed = other.failed;
  data = std::move(other.data);
  raw_data = std::move(other.raw_data);
  normalizer = std::move(other.normalizer);
  network = std::move(other.network);
  records = std::move(other.records);
  path = std::move(other.path);
}

void StepContext::keep_run(experiment::RunResult&& run) {
  records.push_back(run.record);
  raw_data = run.bound.raw_split();
  data = std::move(run.bound.split);
  normalizer = std::move(run.bound.normalizer);
  network = std::move(run.network);
}

picture::ModelView StepContext::model_view() {
  if (!data) return {&*network, nullptr, data::Task::regression, {}, {}, {}};
  const data::Dataset& d = data->train;
  return {&*network,    normalizer ? &*normalizer : nullptr, d.task, d.feature_names, d.class_names,
          d.target_name};
}

picture::Points StepContext::points() const {
  if (!raw_data) return {};
  return {&raw_data->train, raw_data->test.rows ? &raw_data->test : nullptr};
}

Pause pause(Console& console, bool can_go_back) {
  for (;;) {
    console.out << "\n[Enter: continue" << (can_go_back ? ", b: back" : "") << ", q: quit] "
                << std::flush;
    std::string line;
    if (!console.read_line(line) || line == "q" || line == "Q") return Pause::quit;
    if (line.empty()) return Pause::next;
    if ((line == "b" || line == "B") && can_go_back) return Pause::back;
    console.out << "Press Enter to go on" << (can_go_back ? ", b to go back one step" : "")
                << " or q to quit.";
  }
}

std::filesystem::path default_work_directory() {
  auto set = [](const char* name) {
    const char* v = std::getenv(name);
    return v && *v ? v : nullptr;
  };
  if (const char* dir = set("NEURONLAB_WORK_DIR")) return dir;
  if (const char* dir = set("XDG_DATA_HOME"))
    return std::filesystem::path(dir) / "neuronlab" / "work";
  if (const char* home = set("HOME"))
    return std::filesystem::path(home) / ".local" / "share" / "neuronlab" / "work";
  throw Error(
      "cannot find a work folder for the lessons: HOME is not set\n  hint: set "
      "NEURONLAB_WORK_DIR, or give --work-dir DIR");
}

LessonResult run_lesson(const Lesson& lesson, const Registry& registry, Console& console,
                        const std::string& heading, const LessonStart& start) {
  check_plugins(lesson, registry);
  std::ostream& out = console.out;
  out << heading << ": " << lesson.title << "\nObjectives:\n";
  for (const std::string& objective : lesson.objectives) out << "  - " << objective << "\n";

  StepContext context{lesson, registry, console};
  context.work_dir = start.work_dir;
  context.stop = start.stop;
  LessonResult result;
  const auto stopped = [&] { return start.stop && *start.stop; };
  const std::size_t count = lesson.steps.size();
  const std::size_t first = std::min(start.step, count - 1);
  struct Counted {
    std::size_t checks = 0, failed = 0, asked = 0, right = 0, hints = 0;
  };
  std::vector<Counted> counted(count);  // what each step added, the last time it ran
  if (first > 0) {
    // Resuming: the steps before run again unseen, for what they leave behind.
    std::istringstream nothing;
    std::ostringstream unseen;
    Console quiet{nothing, unseen, false, false, console.style};
    StepContext replay{lesson, registry, quiet};
    replay.work_dir = context.work_dir;
    for (std::size_t i = 0; i < first; ++i) {
      const std::size_t checks = replay.checks, failed = replay.failed;
      lesson.steps[i].body->run(replay);
      counted[i] = {replay.checks - checks, replay.failed - failed, 0, 0, 0};
    }
    context.take_state(std::move(replay));
    out << "\n(resuming at step " << first + 1 << " of " << count << ")\n";
  }
  context.score = start.score;
  result.stopped_at = first;
  // The pause sits after the step just shown: Enter shows the next one, b the one before
  // the step just shown (again and again, back to the first), q quits.
  std::optional<std::size_t> shown;  // the step shown last
  for (std::size_t i = first; i < count;) {
    result.stopped_at = i;
    if (stopped()) break;
    if (console.asks && console.pauses) {
      const bool can_go_back = shown && *shown > 0;
      const Pause p = pause(console, can_go_back);
      if (p == Pause::quit) break;
      if (p == Pause::back) {
        i = *shown - 1;
        out << "\n(back to step " << i + 1 << ")\n";
      }
    }
    result.stopped_at = i;
    out << "\n--- " << i + 1 << "/" << count << " ---\n";
    // A step run again (after b) counts once: take back what it counted before.
    Counted& mine = counted[i];
    Score& score = context.score;
    context.checks -= mine.checks, context.failed -= mine.failed;
    score.asked -= mine.asked, score.right -= mine.right, score.hints -= mine.hints;
    const Counted before{context.checks, context.failed, score.asked, score.right, score.hints};
    const bool went_on = lesson.steps[i].body->run(context);
    mine = {context.checks - before.checks, context.failed - before.failed,
            score.asked - before.asked, score.right - before.right, score.hints - before.hints};
    out.flush();
    // Interrupted during the step: it runs again from its start when the lesson resumes.
    if (stopped()) break;
    if (!went_on) break;
    shown = i;
    result.finished = i + 1 == count;
    ++i;
  }
  result.interrupted = stopped() && !result.finished;
  result.checks = context.checks;
  result.failed = context.failed;
  result.score = context.score;
  if (!result.finished) return result;
  out << "\n"
      << (result.failed ? "FAILED  " : "passed  ") << result.checks - result.failed << " of "
      << result.checks << " checks of this lesson passed\n";
  return result;
}

}  // namespace neuronlab::lesson
