// Accumulates metrics batch by batch; reset() allocates, add() does not.
#ifndef NEURONLAB_ENGINE_METRICS_HPP
#define NEURONLAB_ENGINE_METRICS_HPP

#include <neuronlab/engine/trainer.hpp>

#include <vector>

namespace neuronlab::engine {

class MetricsAccumulator {
 public:
  void reset(data::Task task, std::size_t outputs);
  // prediction, target: (batch, outputs); loss: the batch's mean loss.
  void add(ConstMatrixView prediction, ConstMatrixView target, double loss);
  Metrics finish() const;

 private:
  data::Task task_ = data::Task::regression;
  std::size_t rows_ = 0;
  double loss_ = 0.0;  // Σ batch loss · batch rows
  std::size_t correct_ = 0;
  double squared_ = 0.0, absolute_ = 0.0;
  std::vector<double> sum_, sum_squares_, residual_;  // per output: Σy, Σy², Σ(y − p)²
};

}  // namespace neuronlab::engine

#endif  // NEURONLAB_ENGINE_METRICS_HPP
