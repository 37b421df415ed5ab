// Training shown live on a terminal (pictures.hpp): a small loss curve and one line under it
// — a bar, the epoch, the loss and the task's metrics, the time taken and the time left —
// redrawn in place at most twenty times a second.
#include <neuronlab/experiment/report.hpp>
#include <neuronlab/picture/pictures.hpp>

#include <algorithm>
#include <cstdio>

namespace neuronlab::picture {

LiveProgress::LiveProgress(std::ostream& out, const TerminalStyle& style)
    : out_(out), style_(style) {}

void LiveProgress::epoch(const experiment::RunRecord& record, const engine::EpochReport& e) {
  if (e.epoch != e.epochs && e.elapsed_seconds - drawn_ < 0.05) return;
  drawn_ = e.elapsed_seconds;
  constexpr std::size_t width = 24;
  const std::size_t filled = e.epochs ? width * e.epoch / e.epochs : width;
  std::string bar;
  for (std::size_t i = 0; i < width; ++i)
    bar += i < filled ? (style_.unicode ? "\u2588" : "#") : (style_.unicode ? "\u2591" : "-");
  const double left =
      e.epoch ? e.elapsed_seconds / double(e.epoch) * double(e.epochs - e.epoch) : 0;
  char time[64];
  std::snprintf(time, sizeof time, "%.1f s, %.1f s left", e.elapsed_seconds, left);
  const std::string curve = record.history.size() >= 2
                                ? terminal_curves({curve_run(record)}, style_, "loss", 4)
                                : std::string();
  // Back to the top of the last frame, clear to the end of the screen, draw again.
  if (lines_ > 0) out_ << "\x1b[" << lines_ << "A";
  out_ << "\r\x1b[J" << curve << bar << " epoch " << e.epoch << "/" << e.epochs << "  "
       << experiment::metrics_text(e.train) << "  " << time << std::flush;
  lines_ = static_cast<std::size_t>(std::count(curve.begin(), curve.end(), '\n'));
  shown_ = true;
}

void LiveProgress::finished(const experiment::RunRecord&) {
  if (shown_) out_ << "\n";
}

}  // namespace neuronlab::picture
