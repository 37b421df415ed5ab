// Which lessons the learner has completed, where an unfinished one stopped, and how the
// questions went, kept in one small YAML file:
//
//   format_version: 2
//   completed: [01-one-neuron, 02-input-layer]     lesson ids, in the order completed
//   lessons:                                       per lesson: the step to resume at (1 is
//     03-outputs: {step: 4, asked: 2, right: 1, hints: 1}    the first; 0: from the start),
//                                                  questions asked, answered right, hints
//
// A format_version 1 file (completed: only) is read as well, and written as 2.
// The file is progress.yaml in the state directory: $NEURONLAB_STATE_DIR when set (tests use
// it), else $XDG_STATE_HOME/neuronlab, else ~/.local/state/neuronlab. It is written
// atomically: a temporary file in the same directory, then rename(), so an interrupted write
// leaves the previous file whole and no temporary file behind.
#ifndef NEURONLAB_LESSON_PROGRESS_HPP
#define NEURONLAB_LESSON_PROGRESS_HPP

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace neuronlab::lesson {

constexpr int progress_format_version = 2;

// One lesson's place and score.
struct LessonState {
  std::size_t step = 0;  // 1-based step to resume at; 0: start from the beginning
  std::size_t asked = 0, right = 0, hints = 0;
  bool operator==(const LessonState& o) const {
    return step == o.step && asked == o.asked && right == o.right && hints == o.hints;
  }
};

// The state directory by the rule above; throws neuronlab::Error when neither variable nor
// HOME is set.
std::filesystem::path state_directory();

class Progress {
 public:
  // Reads dir/progress.yaml if it exists. A damaged file is a neuronlab::Error that names it
  // and suggests 'neuronlab learn --reset'.
  explicit Progress(std::filesystem::path dir);

  const std::filesystem::path& file() const { return file_; }
  const std::vector<std::string>& completed() const { return completed_; }
  bool is_completed(const std::string& id) const;
  // The lesson's place and score; a default state when nothing is recorded.
  LessonState state(const std::string& id) const;

  // Records a completed lesson and writes the file (creating the directory). Under an
  // exclusive lock (flock) on the directory it first re-reads the file and keeps what other
  // processes recorded meanwhile, so that concurrent `learn` runs lose no lesson.
  void mark_completed(const std::string& id);
  // Records a lesson's place and score (and, with `completed`, that it is completed), under
  // the same lock and merge as mark_completed: other lessons' records are kept.
  void record(const std::string& id, const LessonState& state, bool completed);
  // Forgets everything: removes dir/progress.yaml, damaged or not. Returns how many completed
  // lessons it recorded (0 for a damaged file).
  static std::size_t reset(const std::filesystem::path& dir);
  // Forgets one lesson: its completion, its place and its score. False when nothing was kept.
  bool forget(const std::string& id);

  // Reads dir/progress.yaml; a damaged one (not YAML, not a progress file) is renamed to
  // progress.yaml.damaged-YYYYmmdd-HHMMSS and the progress starts empty, with `warning`
  // saying so. A path that is not a regular file is still an error.
  static Progress open(const std::filesystem::path& dir, std::string& warning);

 private:
  void save() const;

  std::filesystem::path file_;
  std::vector<std::string> completed_;
  std::map<std::string, LessonState> lessons_;
  int version_ = progress_format_version;  // of the file read
};

}  // namespace neuronlab::lesson

#endif  // NEURONLAB_LESSON_PROGRESS_HPP
