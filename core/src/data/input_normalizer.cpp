// Input normalization through a data-usage normalization plugin (see input_normalizer.hpp).
#include <neuronlab/sdk/abi.h>
#include <neuronlab/data/input_normalizer.hpp>

#include "text.hpp"

namespace neuronlab::data {

InputNormalizer::InputNormalizer(const Registry& registry, const std::string& name,
                                 const ParamMap& params, const std::string& where)
    : name_(name), params_(params) {
  const ComponentInfo& info = registry.require(Kind::normalization, name, where);
  if (!(info.usage & NL_USAGE_DATA)) {
    std::vector<std::string> data_usage;
    for (const ComponentInfo* c : registry.components())
      if (c->kind == Kind::normalization && (c->usage & NL_USAGE_DATA))
        data_usage.push_back(c->name);
    throw Error(
        detail::prefix(where) + "normalization '" + name +
        "' works inside a network, not on input data (put it in a layer as normalization: " + name +
        "; to normalize inputs use " + detail::join(data_usage) + ")");
  }
  plugin_ = registry.create<Normalization>(info, registry.resolve(info, params));
}

InputNormalizer::InputNormalizer(std::string name, ParamMap params,
                                 std::shared_ptr<Normalization> fitted)
    : name_(std::move(name)), params_(std::move(params)), plugin_(std::move(fitted)) {}

void InputNormalizer::fit(const Dataset& train) { plugin_->fit(train.x_view()); }

void InputNormalizer::transform(std::vector<float>& x, std::size_t rows,
                                std::size_t features) const {
  std::vector<float> out(x.size());
  plugin_->transform(ConstMatrixView{x.data(), rows, features, features},
                     MatrixView{out.data(), rows, features, features});
  x.swap(out);
}

void InputNormalizer::transform(Dataset& data) const {
  transform(data.x, data.rows, data.features());
}

}  // namespace neuronlab::data
