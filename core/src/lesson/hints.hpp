// Hints, shown one at a time on request (h or ?) by quizzes and exercises, each one counted in
// the learner's score.
#ifndef NEURONLAB_SRC_LESSON_HINTS_HPP
#define NEURONLAB_SRC_LESSON_HINTS_HPP

#include <neuronlab/lesson/runner.hpp>

#include <string>
#include <vector>

#include "text_layout.hpp"

namespace neuronlab::lesson::detail {

// Whether the learner asked for a hint.
inline bool asks_for_hint(const std::string& line) {
  return line == "h" || line == "H" || line == "?";
}

// Shows hint number `shown` + 1 ("Hint 2 of 3: ..."), laid out for the console, and counts
// it; when none is left, says so. `what` names the step for a step without hints
// ("question": "This question has no hints.").
inline void show_next_hint(const std::vector<std::string>& hints, std::size_t& shown,
                           Console& console, Score& score, const std::string& what) {
  if (shown < hints.size()) {
    console.out << layout_text("Hint " + std::to_string(shown + 1) + " of " +
                                   std::to_string(hints.size()) + ": " + hints[shown],
                               {console.style.width, console.style.colour});
    ++shown;
    ++score.hints;
  } else {
    console.out << (hints.empty() ? "This " + what + " has no hints." : "No more hints.") << "\n";
  }
}

}  // namespace neuronlab::lesson::detail

#endif  // NEURONLAB_SRC_LESSON_HINTS_HPP
