// Which lessons the learner has completed, kept in one small YAML file:
//
//   format_version: 1
//   completed: [01-one-neuron, 02-input-layer]     lesson ids, in the order completed
//
// The file is progress.yaml in the state directory: $NEURONLAB_STATE_DIR when set (tests use
// it), else $XDG_STATE_HOME/neuronlab, else ~/.local/state/neuronlab. It is written
// atomically: a temporary file in the same directory, then rename(), so an interrupted write
// leaves the previous file whole and no temporary file behind.
#ifndef NEURONLAB_LESSON_PROGRESS_HPP
#define NEURONLAB_LESSON_PROGRESS_HPP

#include <filesystem>
#include <string>
#include <vector>

namespace neuronlab::lesson {

constexpr int progress_format_version = 1;

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

  // Records a completed lesson and writes the file (creating the directory). Under an
  // exclusive lock (flock) on the directory it first re-reads the file and keeps what other
  // processes recorded meanwhile, so that concurrent `learn` runs lose no lesson.
  void mark_completed(const std::string& id);
  // Forgets everything: removes dir/progress.yaml, damaged or not. Returns how many completed
  // lessons it recorded (0 for a damaged file).
  static std::size_t reset(const std::filesystem::path& dir);

 private:
  void save() const;

  std::filesystem::path file_;
  std::vector<std::string> completed_;
};

}  // namespace neuronlab::lesson

#endif  // NEURONLAB_LESSON_PROGRESS_HPP
