// Input normalization: a normalization plugin with data usage (standardize, min_max, ...)
// fit on the training rows only and then applied unchanged to every other row — validation,
// test and, through a saved model, the rows given to `neuronlab predict`. Fitting on all
// rows would leak the test set's statistics into training.
#ifndef NEURONLAB_DATA_INPUT_NORMALIZER_HPP
#define NEURONLAB_DATA_INPUT_NORMALIZER_HPP

#include <neuronlab/data/dataset.hpp>
#include <neuronlab/registry.hpp>

#include <memory>
#include <string>
#include <vector>

namespace neuronlab::data {

class InputNormalizer {
 public:
  // Throws neuronlab::Error at `where` for an unknown name, a bad parameter, or a
  // normalization that only works inside a network (batch_norm, layer_norm).
  InputNormalizer(const Registry& registry, const std::string& name, const ParamMap& params = {},
                  const std::string& where = {});

  // An already fitted normalization, as a loaded model carries it.
  InputNormalizer(std::string name, ParamMap params, std::shared_ptr<Normalization> fitted);

  void fit(const Dataset& train);
  void transform(Dataset& data) const;  // replaces data.x
  void transform(std::vector<float>& x, std::size_t rows, std::size_t features) const;

  const std::string& name() const { return name_; }
  const ParamMap& params() const { return params_; }
  // The plugin object; a saved model stores its state(i) tensors.
  const std::shared_ptr<Normalization>& object() const { return plugin_; }

 private:
  std::string name_;
  ParamMap params_;
  std::shared_ptr<Normalization> plugin_;
};

}  // namespace neuronlab::data

#endif  // NEURONLAB_DATA_INPUT_NORMALIZER_HPP
