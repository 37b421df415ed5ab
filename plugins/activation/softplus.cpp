// softplus: a smooth relu.
//   forward   y = log(1 + e^(beta·x)) / beta     if beta·x <= threshold
//             y = x                              otherwise (PyTorch's switch to the linear part)
//   backward  dx = dy · σ(beta·x)                if beta·x <= threshold, else dy
// log(1 + e^z) is evaluated as max(z, 0) + log1p(e^(−|z|)), which cannot overflow even when the
// threshold is set very high.
// Reference: torch.nn.Softplus (beta = 1, threshold = 20).
#include <neuronlab/sdk/register.hpp>

#include "elementwise.hpp"

namespace {

using neuronlab::activation::log1p_exp;
using neuronlab::activation::logistic;

class Softplus final : public neuronlab::activation::Elementwise<Softplus> {
 public:
  static constexpr const char* name = "softplus";
  static constexpr const char* summary =
      "Softplus: a smooth relu, log(1 + exp(x)); its derivative is the sigmoid";
  static constexpr const char* formula =
      "f(x) = log(1 + exp(beta x)) / beta (x where beta x > threshold);  "
      "f'(x) = sigmoid(beta x) (1 where beta x > threshold)";
  static constexpr const char* reference = "torch.nn.Softplus";

  static std::vector<nl_param> schema() {
    using neuronlab::inf;
    return {
        neuronlab::real("beta", 1.0, 0.0, inf, "sharpness: larger beta bends closer to relu", true),
        neuronlab::real("threshold", 20.0, 0.0, inf,
                        "above beta*x = threshold the output is x itself")};
  }

  explicit Softplus(const neuronlab::Args& args)
      : beta_(args.real("beta")), threshold_(args.real("threshold")) {}

  double value(double x) const {
    const double z = beta_ * x;
    return z > threshold_ ? x : log1p_exp(z) / beta_;
  }
  double derivative(double x) const {
    const double z = beta_ * x;
    return z > threshold_ ? 1.0 : logistic(z);
  }

 private:
  double beta_;
  double threshold_;
};

}  // namespace

NEURONLAB_REGISTER(Softplus);
