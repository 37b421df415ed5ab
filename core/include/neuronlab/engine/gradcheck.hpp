// Numeric gradient checking: central differences against a component's backward.
//
// For an input (or parameter) value v, with L a scalar function of the component's output,
//   D(h)     = (L(v + h) − L(v − h)) / ((v + h) − (v − h))
//   numeric  = (4·D(h/2) − D(h)) / 3        (Richardson extrapolation: no step² error)
//   relative = |analytic − numeric| / max(|analytic|, |numeric|, floor)
// The plugins compute in float; L is accumulated in double, and the step is the difference of
// the float arguments actually used, so the noise left is the float rounding of the outputs.
// `floor` keeps gradients near zero from dividing by noise. Where the one-sided differences
// at ±h disagree by more than half their size (a kink, as relu's at 0, or a turning point),
// the analytic value only has to lie between them; such values are counted in `skipped`.
//
// Activations and normalizations use L = Σ dy·y with dy fixed and drawn from `seed`; losses
// use their own value. One checker serves every plugin, built in or third party.
#ifndef NEURONLAB_ENGINE_GRADCHECK_HPP
#define NEURONLAB_ENGINE_GRADCHECK_HPP

#include <neuronlab/engine/network.hpp>
#include <neuronlab/sdk/plugin.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace neuronlab::engine {

struct GradientCheckOptions {
  double step = 1e-2;
  double floor = 1e-2;
  std::uint64_t seed = 1;
};

struct GradientCheck {
  double worst_relative_error = 0.0;
  std::string worst_at;   // e.g. "x[2][1]", "layer1.weight[3][0]"
  double analytic = 0.0;  // at worst_at
  double numeric = 0.0;
  std::size_t checked = 0;
  std::size_t skipped = 0;  // at a kink: checked against the one-sided slopes only
};

// x: (batch, n).
GradientCheck check_activation_gradient(const Activation& activation, ConstMatrixView x,
                                        const GradientCheckOptions& options = {});
// prediction, target: (batch, n); the gradient with respect to the prediction.
GradientCheck check_loss_gradient(const Loss& loss, ConstMatrixView prediction,
                                  ConstMatrixView target, const GradientCheckOptions& options = {});
// backward_logits against forward_logits; logits, target: (batch, n).
GradientCheck check_fused_loss_gradient(const Loss& loss, ConstMatrixView logits,
                                        ConstMatrixView target,
                                        const GradientCheckOptions& options = {});
// A layer-usage normalization in training mode: binds it to x's shape (batch, features),
// then checks the input gradient and every parameter's gradient.
GradientCheck check_normalization_gradient(Normalization& normalization, ConstMatrixView x,
                                           const GradientCheckOptions& options = {});
// Every parameter of the network, training mode, for the loss of (x, target).
GradientCheck check_network_gradients(Network& network, const Loss& loss, ConstMatrixView x,
                                      ConstMatrixView target,
                                      const GradientCheckOptions& options = {});

}  // namespace neuronlab::engine

#endif  // NEURONLAB_ENGINE_GRADCHECK_HPP
