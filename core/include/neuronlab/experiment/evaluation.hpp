// How well a trained model does on labelled rows (neuronlab evaluate): for a classifier, the
// accuracy, each class's precision, recall and F1 with its support, their macro averages and
// the confusion matrix; for a regression, MSE, MAE and R² (torch and scikit-learn's
// definitions: R² = 1 − SS_res / SS_tot, averaged over the targets).
#ifndef NEURONLAB_EXPERIMENT_EVALUATION_HPP
#define NEURONLAB_EXPERIMENT_EVALUATION_HPP

#include <neuronlab/data/dataset.hpp>
#include <neuronlab/sdk/plugin.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace neuronlab::experiment {

struct ClassScore {
  std::string name;
  std::size_t support = 0;    // rows of this true class
  std::size_t predicted = 0;  // rows predicted as this class
  // tp / predicted, tp / support and their harmonic mean; 0 where the divisor is 0 (as
  // scikit-learn's zero_division=0).
  double precision = 0, recall = 0, f1 = 0;
};

struct Evaluation {
  data::Task task = data::Task::regression;
  std::size_t rows = 0;
  // Classifiers.
  double accuracy = 0;
  std::vector<ClassScore> classes;
  double macro_precision = 0, macro_recall = 0, macro_f1 = 0;
  std::vector<std::vector<std::size_t>> confusion;  // [true][predicted]
  // Regression.
  double mse = 0, mae = 0, r2 = 0;
};

// prediction: the network's outputs (rows, outputs): a value, a probability (binary, > 0.5 is
// class 1) or one probability per class (the largest wins). `labels`: the true class index of
// each row (classifiers), or `values` the true values (rows, outputs) for a regression.
Evaluation evaluate_classifier(data::Task task, const std::vector<std::string>& classes,
                               ConstMatrixView prediction, const std::vector<std::size_t>& labels);
Evaluation evaluate_regression(ConstMatrixView prediction, ConstMatrixView values);

// Terminal text: the overall numbers, a table of the classes and the confusion matrix.
std::string evaluation_text(const Evaluation& evaluation);
// One JSON document with the same numbers.
std::string evaluation_json(const Evaluation& evaluation);

}  // namespace neuronlab::experiment

#endif  // NEURONLAB_EXPERIMENT_EVALUATION_HPP
