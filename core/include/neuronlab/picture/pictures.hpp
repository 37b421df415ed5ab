// Pictures of runs, networks and plugins, as SVG files, in a terminal, and gathered in an HTML
// report. They read what the rest of neuronlab produces — a run record, a trained network with
// its input normalization, data sets, the plugin registry — and change none of it.
//
//   curves       loss and every metric per epoch, train / validation / test, runs overlaid
//   boundary     a 2-input classifier's predicted class and probability over the input
//                plane with the data on top; a 1-input regression's fitted curve
//   network      neurons as circles, synapses coloured by sign and as wide as their weight;
//                with 2 inputs every neuron shows its own output over the input plane
//   activations  f and f′ of activation plugins over an interval
//   neuron       one neuron's computation for one observation
//   loss surface one neuron's loss over its two parameters, with the path training took
//
// Every SVG is self-contained, titled, and the same input always gives the same bytes.
#ifndef NEURONLAB_PICTURE_PICTURES_HPP
#define NEURONLAB_PICTURE_PICTURES_HPP

#include <neuronlab/data/dataset.hpp>
#include <neuronlab/data/input_normalizer.hpp>
#include <neuronlab/engine/network.hpp>
#include <neuronlab/engine/trainer.hpp>
#include <neuronlab/experiment/record.hpp>
#include <neuronlab/experiment/run.hpp>
#include <neuronlab/experiment/sweep.hpp>
#include <neuronlab/registry.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace neuronlab::picture {

// ---- curves

// What a curve picture needs of one run.
struct CurveRun {
  std::string label;  // the legend's name for the run
  data::Task task = data::Task::regression;
  std::vector<engine::EpochReport> history;
  std::optional<engine::Metrics> test;  // the final test metrics, drawn at weights_epoch
  std::size_t weights_epoch = 0;
  std::optional<std::size_t> best_epoch;  // marked: the epoch early stopping kept
};
CurveRun curve_run(const experiment::RunRecord& record, const std::string& label = {});
// A run record as `neuronlab run --json` writes it. Throws neuronlab::Error naming the file
// for anything else (not JSON, another format_version, a missing history).
CurveRun read_curve_run(const std::filesystem::path& path);

// One panel per metric the task has (loss first), side by side.
std::string curves_svg(const std::vector<CurveRun>& runs, const std::string& title = {});

// ---- the input plane

// A trained network and how raw inputs reach it.
struct ModelView {
  engine::Network* network = nullptr;
  const data::InputNormalizer* normalizer = nullptr;  // null: inputs are used as they are
  data::Task task = data::Task::regression;
  std::vector<std::string> features;  // network->inputs() names
  std::vector<std::string> classes;   // binary: {negative, positive}; categorical: all
  std::string target;
};

// Data drawn over the plane, in raw (unnormalized) units; either may be null.
struct Points {
  const data::Dataset* train = nullptr;
  const data::Dataset* test = nullptr;
};

struct Range {
  double lo = 0, hi = 1;
};
// The extent of the points along input `feature`, widened by 5% and rounded to nice values;
// [-1, 1] without points.
Range plane_range(const Points& points, std::size_t feature);

// The predicted class and its probability on an nx × ny grid over x × y: cell (i, j) is
// column i (x from x.lo) of row j (y from y.hi: row 0 is the top). One batched forward pass.
struct ClassMap {
  Range x, y;
  std::size_t nx = 0, ny = 0;
  std::vector<std::uint8_t> label;  // (ny, nx) class index
  std::vector<float> probability;   // (ny, nx) the predicted class's probability
};
// Throws neuronlab::Error unless the model is a classifier with two inputs.
ClassMap class_map(const ModelView& model, Range x, Range y, std::size_t nx, std::size_t ny);

struct PlaneOptions {
  std::size_t grid = 100;  // cells along each axis
  std::optional<Range> x, y;
  std::string title;
};
// A classifier with two inputs: its class map with the points on top. A regression with one
// input: the fitted curve over the points. Throws neuronlab::Error, with a hint, for other
// networks.
std::string boundary_svg(const ModelView& model, const Points& points,
                         const PlaneOptions& options = {});

// ---- the network drawn

// With two inputs and points (or ranges), each neuron carries a map of its output over the
// input plane; options.grid is the map's resolution.
std::string network_svg(const ModelView& model, const Points& points,
                        const PlaneOptions& options = {});

// ---- activations

// f and f′ of each named activation (default parameters) over [lo, hi], from the registry.
// Throws neuronlab::Error for an unknown name (with the closest) or lo >= hi.
std::string activations_svg(const Registry& registry, const std::vector<std::string>& names,
                            double lo = -4, double hi = 4);

// ---- one neuron's computation

struct NeuronPicture {
  engine::NeuronTrace trace;
  std::vector<std::string> input_names;  // one per input; empty: x1, x2, ...
  std::string activation;                // the activation's name
  std::string title;
};
std::string neuron_svg(const NeuronPicture& neuron);

// ---- the loss surface of one neuron

struct SurfaceOptions {
  std::size_t grid = 60;                    // cells along each axis
  std::optional<Range> x, y;                // default: around the path and the current point
  std::vector<std::array<double, 2>> path;  // the parameters per epoch, the start first
  std::string loss_name;                    // for the title: "mse"
  std::string title;
};
// The loss of `network` — one neuron with 1 or 2 inputs, else neuronlab::Error — on `rows`
// (as the network sees them) over its two parameters: w1 and w2 (the bias held) for 2 inputs,
// w and b for 1. The network ends with the parameters it had.
std::string loss_surface_svg(engine::Network& network, const Loss& loss, const data::Dataset& rows,
                             const SurfaceOptions& options);

// ---- a classifier's confusion matrix

// counts[t][p]: rows of true class t predicted as p. Throws neuronlab::Error for fewer than two
// classes or counts of another shape.
std::string confusion_svg(const std::vector<std::string>& classes,
                          const std::vector<std::vector<std::size_t>>& counts,
                          const std::string& title = {});

// ---- the terminal

struct TerminalStyle {
  std::size_t width = 80;  // columns to fill
  bool colour = false;     // ANSI colours (256-colour palette)
  bool unicode = false;    // braille and block characters; else plain ASCII
};
// For output on file descriptor fd: colour on a terminal unless NO_COLOR is set (or TERM is
// dumb), Unicode when the locale's character set is UTF-8, the terminal's width (COLUMNS,
// else 80) up to 100.
TerminalStyle terminal_style(int fd);

// The `metric` ("loss") of every run per epoch as a small chart `height` rows tall, with its
// y range, the epochs and a legend. Empty when no run has an epoch.
std::string terminal_curves(const std::vector<CurveRun>& runs, const TerminalStyle& style,
                            const std::string& metric = "loss", std::size_t height = 10);
// A 2-input classifier's class map with the points, filling the width, with a legend.
std::string terminal_boundary(const ModelView& model, const Points& points,
                              const TerminalStyle& style, const PlaneOptions& options = {});

// Training as it goes, on a terminal: a small loss curve with one line under it (a bar, the
// epoch, the loss and metrics, the time taken and left), redrawn in place.
class LiveProgress : public experiment::RunObserver {
 public:
  LiveProgress(std::ostream& out, const TerminalStyle& style);
  void epoch(const experiment::RunRecord& record, const engine::EpochReport& e) override;
  void finished(const experiment::RunRecord& record) override;
  bool shown() const { return shown_; }

 private:
  std::ostream& out_;
  TerminalStyle style_;
  double drawn_ = -1;
  std::size_t lines_ = 0;  // of the last frame above the bar
  bool shown_ = false;
};

// ---- the HTML report

struct ReportParts {
  const experiment::RunRecord* record = nullptr;
  std::string config;                     // the resolved experiment file (YAML)
  std::string curves, network, boundary;  // SVG documents; empty ones are left out
};
// One page that works opened from the file system, with nothing fetched from anywhere.
std::string html_report(const ReportParts& parts);

// The trained network of a run as pictures take it, and its rows in raw units.
ModelView model_view(experiment::RunResult& result);
Points run_points(const experiment::RunResult& result);
// The whole report of a run: curves, the network (with neuron maps for 2 inputs), the
// boundary or fitted curve where the network has one, and the resolved configuration.
std::string run_report(experiment::RunResult& result);
// Its parts, for a caller that also keeps the pictures as files.
ReportParts run_report_parts(experiment::RunResult& result);

// The page of a sweep: the best configuration, the table (mean ± standard deviation of every
// metric over the repeats), the overlaid curves and a link to every run's own report.
struct SweepPage {
  std::string name, file;
  std::size_t repeats = 1;
  const experiment::SweepSummary* summary = nullptr;
  std::string curves;                                        // an SVG document; may be empty
  std::vector<std::pair<std::string, std::string>> members;  // relative link, label
};
std::string sweep_report(const SweepPage& page);

}  // namespace neuronlab::picture

#endif  // NEURONLAB_PICTURE_PICTURES_HPP
