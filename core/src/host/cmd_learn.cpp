// neuronlab learn: the guided course. Runs the next lesson not yet completed (or the one
// named), records it as completed when its graded checks pass, and lists or forgets progress.
#include <neuronlab/lesson/catalog.hpp>
#include <neuronlab/lesson/lesson.hpp>
#include <neuronlab/lesson/progress.hpp>
#include <neuronlab/lesson/runner.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include <signal.h>
#include <unistd.h>

#include "cli.hpp"

namespace fs = std::filesystem;
namespace po = boost::program_options;

namespace neuronlab::host {
namespace {

volatile std::sig_atomic_t learn_interrupted = 0;

extern "C" void on_learn_interrupt(int) {
  learn_interrupted = 1;
  std::signal(SIGINT, SIG_DFL);
}

using lesson::LessonEntry;

// What 'neuronlab learn' runs: the first lesson not completed; null when all are.
const LessonEntry* next_lesson(const std::vector<LessonEntry>& lessons,
                               const lesson::Progress& progress) {
  for (const LessonEntry& l : lessons)
    if (!progress.is_completed(l.id)) return &l;
  return nullptr;
}

// One line a lesson, in columns: ✓, its number (right-aligned), its id, its title, where it
// stopped; then how many of the course's lessons are completed.
void list(const std::vector<LessonEntry>& lessons, const lesson::Progress& progress) {
  std::size_t number_width = 1, id_width = 20, completed = 0;
  for (const LessonEntry& l : lessons) {
    number_width = std::max(number_width, std::to_string(l.number).size());
    id_width = std::max(id_width, l.id.size());
  }
  for (const LessonEntry& l : lessons) {
    const lesson::Lesson read = lesson::read_lesson(l.file);
    std::string id = l.id;
    id.resize(id_width + 2, ' ');
    std::string number = std::to_string(l.number);
    number.insert(0, number_width - number.size(), ' ');
    completed += progress.is_completed(l.id);
    const lesson::LessonState st = progress.state(l.id);
    std::string title = read.title;
    title.resize(std::max<std::size_t>(title.size() + 2, 30), ' ');
    std::string status;
    if (st.step > 0) status = "stopped at step " + std::to_string(st.step);
    if (st.asked)
      status += (status.empty() ? "" : "; ") + std::string("questions ") +
                std::to_string(st.right) + "/" + std::to_string(st.asked);
    std::string line = std::string(progress.is_completed(l.id) ? "\u2713 " : "  ") + number + "  " +
                       id + title + status;
    while (!line.empty() && line.back() == ' ') line.pop_back();
    std::cout << line << "\n";
  }
  std::cout << completed << " of " << lessons.size()
            << " lessons completed (progress: " << progress.file().string() << ")\n";
}

// A lesson file given by path: its catalog entry when it is one of the course's files.
std::optional<LessonEntry> entry_for_file(const std::vector<LessonEntry>& lessons,
                                          const fs::path& file) {
  std::error_code ec;
  for (const LessonEntry& l : lessons)
    if (fs::equivalent(l.file, file, ec)) return l;
  return std::nullopt;
}

}  // namespace

CommandLine learn_command_line() {
  CommandLine line;
  line.usage =
      "neuronlab learn [N | ID | FILE.yaml] [--restart] [--watch]\n"
      "                       [--auto | --answers FILE]\n"
      "                       [--work-dir DIR] [--lessons-dir DIR]\n"
      "       neuronlab learn --list\n"
      "       neuronlab learn --reset [N | ID]";
  line.description =
      "The course, one lesson at a time. Without an argument, runs the next lesson you have\n"
      "not completed (the first one on a fresh machine); N or ID runs that lesson, FILE.yaml a\n"
      "lesson file of your own. A lesson is completed when every graded check in it passes.\n"
      "On a terminal, quizzes are asked and the lesson waits for Enter between steps; with no\n"
      "terminal it prints everything, answers included, and never waits.\n\n"
      "Progress is kept in progress.yaml under $NEURONLAB_STATE_DIR, else\n"
      "$XDG_STATE_HOME/neuronlab, else ~/.local/state/neuronlab.";
  line.options.add_options()                                                               //
      ("lesson", po::value<std::string>()->value_name("N|ID|FILE"), "the lesson to run")   //
      ("list", po::bool_switch(), "list the lessons, with \u2713 for the completed ones")  //
      ("reset", po::bool_switch(),
       "forget your progress: every lesson's, or the lesson given (asks first on a terminal)")  //
      ("restart", po::bool_switch(),
       "start the lesson at its first step, not where you stopped")  //
      ("watch", po::bool_switch(),
       "in exercises, check your file every time you save it (no need to press Enter)")  //
      ("auto", po::bool_switch(),
       "run straight through on the lessons' reference answers, even on a terminal")  //
      ("work-dir", po::value<std::string>()->value_name("DIR"),
       "where lessons save pictures and hand out exercises (default: $NEURONLAB_WORK_DIR; "
       "else $XDG_DATA_HOME/neuronlab/work; else ~/.local/share/neuronlab/work)")  //
      ("answers", po::value<std::string>()->value_name("FILE"),
       "read the answers to questions from FILE, one per line, and never wait")  //
      ("lessons-dir", po::value<std::string>()->value_name("DIR"),
       "the course's lessons (default: next to the program, see docs/lessons.md)");
  line.positional.add("lesson", 1);
  line.values["lesson"] = {ValueKind::lessons};
  line.values["reset"] = {ValueKind::lessons};
  line.values["work-dir"] = {ValueKind::folders};
  line.values["lessons-dir"] = {ValueKind::folders};
  line.values["answers"] = {ValueKind::files};
  line.examples = {{"neuronlab learn", "the next lesson you have not completed"},
                   {"neuronlab learn 3", "lesson 3, where you stopped in it"},
                   {"neuronlab learn --list", "every lesson, with your progress"},
                   {"neuronlab learn 1 --auto", "lesson 1 on its reference answers, no waiting"}};
  line.exit_statuses = {
      {0, "the lesson is completed (or you quit it)"},
      {1, "a graded check failed"},
      {2, "a mistake on the command line or in a lesson file (file:line:column)"},
      {130, "Ctrl-C stopped it; the place is kept and the lesson goes on from that step"}};
  return line;
}

int learn_command(const GlobalOptions& global_in, const std::vector<std::string>& args) {
  GlobalOptions global = global_in;
  CommandLine line = learn_command_line();
  po::variables_map vm;
  if (!parse_command(line, args, global, vm)) return 0;

  const fs::path dir = vm.count("lessons-dir") ? fs::path(vm["lessons-dir"].as<std::string>())
                                               : lesson::default_lessons_directory();
  const fs::path state = lesson::state_directory();
  const std::vector<LessonEntry> lessons = lesson::list_lessons(dir);
  if (vm["reset"].as<bool>() && vm["list"].as<bool>())
    throw UsageError("--list and --reset do one thing each; give one of them");
  if (vm["reset"].as<bool>() && vm.count("lesson")) {
    // One lesson: its completion, place and score. On a terminal, ask first.
    const LessonEntry* one = &lesson::find_lesson(lessons, vm["lesson"].as<std::string>());
    std::string warning;
    lesson::Progress progress = lesson::Progress::open(state, warning);
    if (!warning.empty()) std::cerr << "neuronlab: warning: " << printable(warning) << "\n";
    if (isatty(0) && isatty(1)) {
      std::cout << "Forget lesson " << one->number << " (" << one->id
                << "): whether it is completed, where you stopped and your score? [y/N] "
                << std::flush;
      std::string answer;
      if (!std::getline(std::cin, answer) || (answer != "y" && answer != "Y" && answer != "yes")) {
        std::cout << "Nothing forgotten.\n";
        return 0;
      }
    }
    std::cout << (progress.forget(one->id) ? "Forgotten: lesson " : "Nothing was kept of lesson ")
              << one->number << " (" << one->id << ").\n";
    return 0;
  }
  if (vm["reset"].as<bool>()) {
    if (isatty(0) && isatty(1)) {
      std::cout << "Forget every lesson's progress? [y/N] " << std::flush;
      std::string answer;
      if (!std::getline(std::cin, answer) || (answer != "y" && answer != "Y" && answer != "yes")) {
        std::cout << "Nothing forgotten.\n";
        return 0;
      }
    }
    const std::size_t forgotten = lesson::Progress::reset(state);
    std::cout << "Progress reset: " << forgotten << " completed lesson"
              << (forgotten == 1 ? "" : "s") << " forgotten (" << (state / "progress.yaml").string()
              << ")\n";
    return 0;
  }
  std::string warning;
  lesson::Progress progress = lesson::Progress::open(state, warning);
  if (!warning.empty()) std::cerr << "neuronlab: warning: " << printable(warning) << "\n";
  if (vm["list"].as<bool>()) {
    if (vm.count("lesson")) throw UsageError("--list shows every lesson; give no lesson with it");
    list(lessons, progress);
    return 0;
  }

  std::optional<LessonEntry> chosen;
  fs::path file;
  if (vm.count("lesson")) {
    const std::string which = vm["lesson"].as<std::string>();
    if (fs::path(which).extension() == ".yaml" || which.find('/') != std::string::npos) {
      file = which;
      chosen = entry_for_file(lessons, file);
    } else {
      chosen = lesson::find_lesson(lessons, which);
    }
  } else if (const LessonEntry* next = next_lesson(lessons, progress)) {
    chosen = *next;
  } else {
    std::cout << "You have completed all " << lessons.size()
              << " lessons. 'neuronlab learn N' runs lesson N again; 'neuronlab learn --reset' "
                 "starts over.\n";
    return 0;
  }
  if (chosen) file = chosen->file;

  const lesson::Lesson read = lesson::read_lesson(file);
  Registry registry = load_registry(global);
  std::ifstream answers;
  if (vm.count("answers")) {
    answers.open(vm["answers"].as<std::string>());
    if (!answers) throw Error(vm["answers"].as<std::string>() + ": cannot read the answers file");
  }
  const bool terminal = isatty(0) && isatty(1) && !vm["auto"].as<bool>();
  lesson::Console console{answers.is_open() ? static_cast<std::istream&>(answers) : std::cin,
                          std::cout, terminal || answers.is_open(), !answers.is_open(),
                          picture::terminal_style(STDOUT_FILENO)};
  if (vm["watch"].as<bool>() && terminal) console.watch_fd = STDIN_FILENO;
  const std::string heading =
      chosen ? "Lesson " + std::to_string(chosen->number) + " of " + std::to_string(lessons.size())
             : "Lesson " + read.id;
  lesson::LessonStart start;
  // Needed only by steps that write files: without HOME those say so when they run.
  try {
    start.work_dir = (vm.count("work-dir") ? fs::path(vm["work-dir"].as<std::string>())
                                           : lesson::default_work_directory()) /
                     read.id;
  } catch (const Error&) {
  }
  // A course lesson the learner quit in the middle resumes where it stopped.
  const lesson::LessonState before = chosen ? progress.state(chosen->id) : lesson::LessonState{};
  if (before.step > 0 && !vm["restart"].as<bool>()) {
    start.step = before.step - 1;
    start.score = {before.asked, before.right, before.hints};
  }
  // Ctrl-C: the first stops training after its batch and the lesson after the step, keeping
  // the place; the second ends the program at once. Without SA_RESTART, a prompt waiting for
  // a line gives up at once too.
  learn_interrupted = 0;
  start.stop = &learn_interrupted;
  struct sigaction on_ctrl_c {
  }, previous{};
  on_ctrl_c.sa_handler = on_learn_interrupt;
  sigemptyset(&on_ctrl_c.sa_mask);
  sigaction(SIGINT, &on_ctrl_c, &previous);
  const lesson::LessonResult result = lesson::run_lesson(read, registry, console, heading, start);
  sigaction(SIGINT, &previous, nullptr);
  auto record = [&](std::size_t step, bool completed) {
    if (!chosen) return;
    progress.record(chosen->id, {step, result.score.asked, result.score.right, result.score.hints},
                    completed);
  };

  const std::string again =
      "'neuronlab learn " + (chosen ? std::to_string(chosen->number) : file.string()) + "'";
  if (result.score.asked)
    std::cout << "Questions: " << result.score.right << " of " << result.score.asked
              << " answered right"
              << (result.score.hints ? ", " + std::to_string(result.score.hints) + " hint" +
                                           (result.score.hints == 1 ? "" : "s") + " used"
                                     : "")
              << ".\n";
  if (result.interrupted) {
    std::cin.clear();
    require_standard_output("the place in the lesson is not recorded");
    record(result.stopped_at + 1, false);
    std::cout << "\nInterrupted at step " << result.stopped_at + 1 << ". " << again
              << (chosen ? " goes on from there.\n" : " starts this lesson again.\n") << std::flush;
    return 130;
  }
  if (!result.finished) {
    require_standard_output("the place in the lesson is not recorded");
    record(result.stopped_at + 1, false);
    if (chosen)
      std::cout << "\nStopped at step " << result.stopped_at + 1 << ". " << again
                << " goes on from there (--restart: from the beginning).\n";
    else
      std::cout << "\nStopped at step " << result.stopped_at + 1 << ". " << again
                << " starts this lesson again (a file outside the course keeps no place).\n";
    return 0;
  }
  if (!result.completed()) {
    record(0, false);
    std::cout << "Lesson not completed: " << result.failed << " of " << result.checks
              << " checks failed (the FAILED lines above say where). " << again
              << " runs it again.\n";
    return 1;
  }
  if (!chosen) {
    std::cout << "Lesson completed (not recorded: the file is not one of the course's lessons "
                 "in "
              << dir.string() << ").\n";
    return 0;
  }
  // A lesson nobody could read is not completed.
  require_standard_output("the lesson is not recorded as completed");
  record(0, true);
  std::cout << "Lesson " << chosen->number << " completed.";
  if (const LessonEntry* next = next_lesson(lessons, progress))
    std::cout << " Next: 'neuronlab learn' starts lesson " << next->number << ", \""
              << lesson::read_lesson(next->file).title << "\".\n";
  else
    std::cout << " You have completed every lesson of the course.\n";
  return 0;
}

}  // namespace neuronlab::host
