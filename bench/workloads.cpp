// The workloads of issue 5 and one training run of each through the engine.
//
//   W1 course-sized  64-128-64-10    relu, relu, softmax   batch 32    one thread
//   W2 large         784-512-256-10  relu, relu, softmax   batch 256   one thread
//   W3 tiny          2-4-1           tanh, sigmoid         batch 1     one thread
//   W4 two threads   W2              relu, relu, softmax   batch 256   two threads
// Softmax outputs train with categorical_cross_entropy (fused into the logits by the engine),
// the sigmoid output with binary_cross_entropy (fused likewise); Adam with lr 1e-3 always.
// Inputs are uniform in [-1, 1); targets are random one-hot rows (random 0/1 for W3).
#include <neuronlab/engine/random.hpp>
#include <neuronlab/engine/trainer.hpp>

#include "bench.hpp"
#include "support/allocations.hpp"

namespace bench {

namespace {

// Rows of the data set a workload cycles over: a few batches, so that the steps do not run
// on data that stays in L1, as real epochs do not.
std::size_t data_rows(const Workload& w) { return std::max<std::size_t>(w.batch * 8, 64); }

}  // namespace

std::vector<Workload> workloads() {
  const std::vector<std::string> mlp = {"relu", "relu", "softmax"};
  const std::string cce = "categorical_cross_entropy";
  return {
      {"W1", "course-sized 64-128-64-10, batch 32", {64, 128, 64, 10}, mlp, cce, 32, 1},
      {"W2", "large 784-512-256-10, batch 256", {784, 512, 256, 10}, mlp, cce, 256, 1},
      {"W3",
       "tiny 2-4-1 tanh/sigmoid, batch 1",
       {2, 4, 1},
       {"tanh", "sigmoid"},
       "binary_cross_entropy",
       1,
       1},
      {"W4", "W2 with two threads", {784, 512, 256, 10}, mlp, cce, 256, 2},
  };
}

double flops_per_step(const Workload& w) {
  double macs = 0;
  for (std::size_t l = 1; l < w.sizes.size(); ++l) {
    const double layer = double(w.batch) * double(w.sizes[l - 1]) * double(w.sizes[l]);
    macs += l == 1 ? 2 * layer : 3 * layer;  // forward, weight gradient, input gradient
  }
  return 2 * macs;
}

double essential_bytes(const Workload& w, std::size_t rows) {
  double parameters = 0, activations = 0;
  for (std::size_t l = 1; l < w.sizes.size(); ++l) {
    parameters += double(w.sizes[l - 1] + 1) * double(w.sizes[l]);
    activations += 2.0 * double(w.batch) * double(w.sizes[l]);  // weighted sums, outputs
  }
  const double data = double(rows) * double(w.sizes.front() + w.sizes.back());
  return 4.0 * (4 * parameters + activations + data);  // value, gradient, Adam's m and v
}

WorkloadResult run_workload(const Workload& w, const neuronlab::Registry& registry,
                            double budget_s) {
  using namespace neuronlab;
  set_threads(w.threads);
  engine::NetworkSpec spec;
  spec.inputs = w.sizes.front();
  for (std::size_t l = 1; l < w.sizes.size(); ++l) {
    engine::LayerSpec layer;
    layer.neurons = w.sizes[l];
    layer.activation = w.activations[l - 1];
    spec.layers.push_back(layer);
  }
  engine::Network network(spec, registry, 1);
  engine::TrainingOptions options;
  options.batch_size = w.batch;
  options.loss = w.loss;
  options.optimizer = "adam";
  options.optimizer_params.emplace_back("learning_rate", ParamValue{1e-3, {}});
  engine::Trainer trainer(network, registry, options);

  const std::size_t rows = data_rows(w), inputs = w.sizes.front(), outputs = w.sizes.back();
  engine::Random random(7);
  std::vector<float> x(rows * inputs), y(rows * outputs, 0.0f);
  for (float& v : x) v = static_cast<float>(random.uniform(-1.0, 1.0));
  for (std::size_t r = 0; r < rows; ++r)
    y[r * outputs + (outputs == 1 ? 0 : random.below(outputs))] =
        outputs == 1 ? static_cast<float>(random.below(2)) : 1.0f;

  const std::size_t batches = rows / w.batch;
  std::size_t next = 0;
  double loss = 0;
  auto step = [&] {
    const std::size_t first = (next++ % batches) * w.batch;
    loss = trainer.step(ConstMatrixView(&x[first * inputs], w.batch, inputs, inputs),
                        ConstMatrixView(&y[first * outputs], w.batch, outputs, outputs));
  };
  for (std::size_t i = 0; i < batches; ++i) step();  // the first epoch: warm-up

  WorkloadResult result;
  result.timing = time_steps(step, budget_s);
  {
    neuronlab::test::Allocations counted;
    for (std::size_t i = 0; i < batches; ++i) step();
    result.allocations_per_step = double(counted.seen()) / double(batches);
  }
  result.final_loss = loss;
  set_threads(1);
  return result;
}

}  // namespace bench
