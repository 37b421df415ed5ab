// neuronlab_bench_peers: the C and C++ libraries a user might choose instead, timed on the
// single-thread workloads with the same timing rule as neuronlab_bench (medians of blocks of
// steps). Prints one JSON object for bench/table.py.
//
//   dlib's DNN (libdlib-dev): the same networks, layers and loss as the workloads — fc layers
//     with bias, relu or htan, softmax + cross-entropy (loss_multiclass_log) or sigmoid + log
//     loss (loss_binary_log) — trained with dlib's adam (lr 1e-3, no weight decay) on
//     mini-batches of the workload's size: to_tensor, compute_parameter_gradients,
//     update_parameters, which is what dlib's dnn_trainer does per step, without its
//     background thread. Its products run on the BLAS it links (OpenBLAS when installed).
//   FANN (libfann-dev, float): the nearest FANN can come. It has neither ReLU nor softmax nor
//     Adam nor mini-batches: hidden layers use FANN_LINEAR_PIECE (x clipped to [0, 1]) for
//     ReLU and FANN_SIGMOID_SYMMETRIC for tanh, outputs FANN_SIGMOID with its mean squared
//     error, and a step is one incremental (per-sample) update for each row of the batch.
//
//   neuronlab_bench_peers [--only W1,W3] [--seconds S]
#include <dlib/dnn.h>
#include <dlib/revision.h>
#include <floatfann.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "bench.hpp"

namespace {

using Input = dlib::matrix<float, 0, 1>;
using W1Net = dlib::loss_multiclass_log<
    dlib::fc<10, dlib::relu<dlib::fc<64, dlib::relu<dlib::fc<128, dlib::input<Input>>>>>>>;
using W2Net = dlib::loss_multiclass_log<
    dlib::fc<10, dlib::relu<dlib::fc<256, dlib::relu<dlib::fc<512, dlib::input<Input>>>>>>>;
using W3Net = dlib::loss_binary_log<dlib::fc<1, dlib::htan<dlib::fc<4, dlib::input<Input>>>>>;

std::size_t data_rows(const bench::Workload& w) { return std::max<std::size_t>(w.batch * 8, 64); }

// Uniform inputs in [-1, 1) and a random class per row, as the workloads use.
struct Data {
  std::vector<std::vector<float>> x;
  std::vector<std::size_t> label;
};

Data make_data(const bench::Workload& w) {
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  const std::size_t classes = w.sizes.back() == 1 ? 2 : w.sizes.back();
  std::uniform_int_distribution<std::size_t> pick(0, classes - 1);
  Data d;
  for (std::size_t r = 0; r < data_rows(w); ++r) {
    std::vector<float> row(w.sizes.front());
    for (float& v : row) v = uniform(rng);
    d.x.push_back(row);
    d.label.push_back(pick(rng));
  }
  return d;
}

template <typename Net, typename Label>
bench::Timing dlib_steps(const bench::Workload& w, double budget_s) {
  const Data d = make_data(w);
  std::vector<Input> x;
  std::vector<Label> y;
  for (std::size_t r = 0; r < d.x.size(); ++r) {
    Input in(static_cast<long>(d.x[r].size()));
    for (std::size_t i = 0; i < d.x[r].size(); ++i) in(static_cast<long>(i)) = d.x[r][i];
    x.push_back(in);
    if constexpr (std::is_same_v<Label, float>)
      y.push_back(d.label[r] ? 1.0f : -1.0f);  // loss_binary_log's labels
    else
      y.push_back(d.label[r]);
  }
  Net net;
  std::vector<dlib::adam> solvers(Net::num_computational_layers, dlib::adam(0.0, 0.9, 0.999));
  dlib::resizable_tensor batch;
  const std::size_t batches = x.size() / w.batch;
  std::size_t next = 0;
  auto step = [&] {
    const auto at = static_cast<std::ptrdiff_t>((next++ % batches) * w.batch);
    const auto size = static_cast<std::ptrdiff_t>(w.batch);
    net.to_tensor(x.begin() + at, x.begin() + at + size, batch);
    net.compute_parameter_gradients(batch, y.begin() + at);
    net.update_parameters(dlib::make_sstack(solvers), 1e-3);
  };
  for (std::size_t i = 0; i < batches; ++i) step();  // the first epoch: warm-up
  return bench::time_steps(step, budget_s);
}

bench::Timing fann_steps(const bench::Workload& w, double budget_s) {
  const Data d = make_data(w);
  std::vector<unsigned> layers(w.sizes.begin(), w.sizes.end());
  struct fann* ann =
      fann_create_standard_array(static_cast<unsigned>(layers.size()), layers.data());
  fann_set_activation_function_hidden(
      ann, w.activations.front() == "tanh" ? FANN_SIGMOID_SYMMETRIC : FANN_LINEAR_PIECE);
  fann_set_activation_function_output(ann, FANN_SIGMOID);
  fann_set_training_algorithm(ann, FANN_TRAIN_INCREMENTAL);
  fann_set_learning_rate(ann, 1e-3f);
  const std::size_t outputs = w.sizes.back();
  std::vector<std::vector<float>> target;
  for (std::size_t label : d.label) {
    std::vector<float> t(outputs, 0.0f);
    t[outputs == 1 ? 0 : label] = outputs == 1 ? float(label) : 1.0f;
    target.push_back(t);
  }
  const std::size_t batches = d.x.size() / w.batch;
  std::size_t next = 0;
  auto step = [&] {
    const std::size_t at = (next++ % batches) * w.batch;
    for (std::size_t r = at; r < at + w.batch; ++r)  // fann_train only reads its inputs
      fann_train(ann, const_cast<float*>(d.x[r].data()), target[r].data());
  };
  for (std::size_t i = 0; i < batches; ++i) step();
  const bench::Timing t = bench::time_steps(step, budget_s);
  fann_destroy(ann);
  return t;
}

void print(const char* separator, const char* library, const bench::Workload& w,
           const bench::Timing& t) {
  std::printf(
      "%s    {\"library\": \"%s\", \"name\": \"%s\", \"step_us\": %.4f, \"samples_per_s\": %.1f}",
      separator, library, w.name.c_str(), t.median_s * 1e6, double(w.batch) / t.median_s);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> only;
  double seconds = 2.0;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string arg = argv[i], value = argv[i + 1];
    if (arg == "--seconds") {
      seconds = std::atof(value.c_str());
    } else if (arg == "--only") {
      for (std::size_t start = 0; start <= value.size();) {
        const std::size_t comma = std::min(value.find(',', start), value.size());
        only.push_back(value.substr(start, comma - start));
        start = comma + 1;
      }
    } else {
      std::fprintf(stderr, "usage: neuronlab_bench_peers [--only W1,W3] [--seconds S]\n");
      return 2;
    }
  }
  std::printf("{\n  \"dlib\": \"%d.%d\",\n  \"fann\": \"2.2\",\n  \"peers\": [", DLIB_MAJOR_VERSION,
              DLIB_MINOR_VERSION);
  const char* separator = "\n";
  for (const bench::Workload& w : bench::workloads()) {
    if (w.threads != 1) continue;  // the peers run on one thread
    if (!only.empty() && std::find(only.begin(), only.end(), w.name) == only.end()) continue;
    bench::Timing t;
    if (w.name == "W1")
      t = dlib_steps<W1Net, unsigned long>(w, seconds);
    else if (w.name == "W2")
      t = dlib_steps<W2Net, unsigned long>(w, seconds);
    else
      t = dlib_steps<W3Net, float>(w, seconds);
    print(separator, "dlib", w, t);
    separator = ",\n";
    print(separator, "FANN", w, fann_steps(w, seconds));
  }
  std::printf("\n  ]\n}\n");
  return 0;
}
