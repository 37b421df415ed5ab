// Ctrl-C during training keeps what the user asked for: without --save-on-interrupt the
// half-trained weights do not replace the --save-model file; with it they are saved; a run
// folder keeps them with a record that says "interrupted". Each exits 130.
#define BOOST_TEST_MODULE reliability_interrupt
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/scratch.hpp"

namespace fs = std::filesystem;
using neuronlab::test::ProcessResult;

namespace {

ProcessResult host(std::vector<std::string> args, const std::string& interrupt_when = {}) {
  args.insert(args.begin(), NEURONLAB_TEST_HOST);
  return neuronlab::test::run_process(args, interrupt_when);
}

// Training that would go on for hours unless stopped.
fs::path endless(const fs::path& dir) {
  return neuronlab::test::write_file(dir / "endless.yaml", R"(format_version: 1
kind: experiment
data: {generate: {name: moons, samples: 200}}
network: {layers: [{neurons: 16, activation: tanh}, {neurons: 1, activation: sigmoid}]}
training: {epochs: 1000000, batch_size: 8, progress_every: 1}
)");
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_interrupted_run_saves_the_model_only_when_asked) {
  const fs::path dir = neuronlab::test::scratch_dir("reliability", "interrupt");
  const fs::path file = endless(dir), model = dir / "model.yaml";
  neuronlab::test::write_file(model, "a model trained earlier\n");

  ProcessResult r = host({"run", file.string(), "--save-model", model.string()}, "epoch 2/");
  BOOST_TEST(r.status == 130, r.err);
  BOOST_TEST(r.out.find("the model was not saved to " + model.string() +
                        " (interrupted; --save-on-interrupt saves the weights it reached)\n") !=
                 std::string::npos,
             r.out);
  BOOST_TEST(neuronlab::test::slurp(model.string()) == "a model trained earlier\n");

  r = host({"run", file.string(), "--save-model", model.string(), "--save-on-interrupt"},
           "epoch 2/");
  BOOST_TEST(r.status == 130, r.err);
  BOOST_TEST(r.out.find("saved the model to " + model.string() + "\n") != std::string::npos, r.out);
  const fs::path rows = neuronlab::test::write_file(dir / "rows.csv", "x1,x2\n0.5,0.25\n");
  const ProcessResult predicted = host({"predict", model.string(), rows.string()});
  BOOST_TEST(predicted.status == 0, predicted.err);

  r = host({"run", file.string(), "--save-on-interrupt"});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err ==
             "neuronlab run: error: --save-on-interrupt goes with --save-model PATH\n"
             "Try 'neuronlab run --help'.\n");
}

BOOST_AUTO_TEST_CASE(an_interrupted_run_folder_keeps_its_weights_and_says_so) {
  const fs::path dir = neuronlab::test::scratch_dir("reliability", "interrupt-folder");
  const fs::path out = dir / "run";
  const ProcessResult r = host({"run", endless(dir).string(), "--out", out.string()}, "epoch 2/");
  BOOST_TEST(r.status == 130, r.err);
  BOOST_TEST(fs::exists(out / "model.yaml"));
  const std::string record = neuronlab::test::slurp((out / "record.json").string());
  BOOST_TEST(record.find("\"outcome\": \"interrupted\"") != std::string::npos, record);
}

BOOST_AUTO_TEST_CASE(ctrl_c_in_a_lesson_stops_it_and_keeps_the_place) {
  const fs::path dir = neuronlab::test::scratch_dir("reliability", "interrupt-learn");
  fs::create_directories(dir / "lessons");
  neuronlab::test::write_file(dir / "lessons" / "01-long.yaml", R"(format_version: 1
kind: lesson
title: Long
objectives: [wait]
steps:
  - say: About to train for a long time.
  - experiment:
      data: {generate: {name: moons, samples: 200}}
      network: {layers: [{neurons: 16, activation: tanh}, {neurons: 1, activation: sigmoid}]}
      training: {epochs: 1000000, batch_size: 8}
      expect:
        train_accuracy: {at_least: 0.5}
  - say: The end.
)");
  setenv("NEURONLAB_STATE_DIR", (dir / "state").c_str(), 1);
  setenv("NEURONLAB_WORK_DIR", (dir / "work").c_str(), 1);
  // The first step's text is flushed before the second starts training.
  const ProcessResult r =
      host({"learn", "1", "--lessons-dir", (dir / "lessons").string()}, "for a long time.");
  BOOST_TEST(r.status == 130, r.out + r.err);
  BOOST_TEST(r.out.find("\nInterrupted at step 2. 'neuronlab learn 1' goes on from there.\n") !=
                 std::string::npos,
             r.out);
  BOOST_TEST(r.out.find("The end.") == std::string::npos);
  const std::string progress = neuronlab::test::slurp((dir / "state" / "progress.yaml").string());
  BOOST_TEST(progress.find("step: 2") != std::string::npos, progress);
  BOOST_TEST(progress.find("completed: [long]") == std::string::npos, progress);
}
