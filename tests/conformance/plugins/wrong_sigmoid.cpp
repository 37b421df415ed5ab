// A sigmoid whose derivative is wrong (y instead of y·(1 − y)): the conformance checker must
// catch it and name the component and the worst point.
#include <neuronlab/sdk/register.hpp>

#include <cmath>

namespace {

class WrongSigmoid final : public neuronlab::Activation {
 public:
  static constexpr const char* name = "wrong_sigmoid";
  static constexpr const char* summary = "Sigmoid with a wrong derivative (test plugin)";
  static constexpr const char* formula = "f(x) = 1 / (1 + exp(-x));  f'(x) claimed = f(x)";
  static constexpr const char* reference = "none";
  explicit WrongSigmoid(const neuronlab::Args&) {}
  void forward(neuronlab::ConstMatrixView x, neuronlab::MatrixView y) const override {
    for (std::size_t r = 0; r < x.rows; ++r)
      for (std::size_t c = 0; c < x.cols; ++c) y(r, c) = 1.0f / (1.0f + std::exp(-x(r, c)));
  }
  void backward(neuronlab::ConstMatrixView, neuronlab::ConstMatrixView y,
                neuronlab::ConstMatrixView dy, neuronlab::MatrixView dx) const override {
    for (std::size_t r = 0; r < y.rows; ++r)
      for (std::size_t c = 0; c < y.cols; ++c) dx(r, c) = dy(r, c) * y(r, c);
  }
};

// An optimizer that climbs: it adds the gradient instead of subtracting it.
class Ascent final : public neuronlab::Optimizer {
 public:
  static constexpr const char* name = "ascent";
  static constexpr const char* summary = "Gradient ascent by mistake (test plugin)";
  static constexpr const char* formula = "p += lr * g";
  static constexpr const char* reference = "none";
  static std::vector<nl_param> schema() {
    return {neuronlab::real("learning_rate", 0.1, 0.0, neuronlab::inf, "step size")};
  }
  explicit Ascent(const neuronlab::Args& args) : Optimizer(args.real("learning_rate")) {}
  void bind(const neuronlab::Tensor*, std::size_t) override {}
  void step(const neuronlab::Tensor* tensors, std::size_t count) override {
    for (std::size_t t = 0; t < count; ++t)
      for (std::size_t i = 0; i < tensors[t].size; ++i)
        tensors[t].value[i] += static_cast<float>(learning_rate()) * tensors[t].grad[i];
  }
};

}  // namespace

NEURONLAB_REGISTER(WrongSigmoid);
NEURONLAB_REGISTER(Ascent);
NEURONLAB_MODULE("conformance-test-broken", "1.0.0");
