// The batch forward and backward passes through a network, and where the last one first
// produced a value that is not finite. Per layer, with X (B, fan_in) the layer's input and
// W (n, fan_in):
//   forward   Z = X·Wᵀ + b,  H = norm(Z) (or Z),  A = f(H)
//   backward  dH = f'ᵀ(dA)              activation backward, in place in da
//             dZ = norm'ᵀ(dH) (or dH)
//             dW = dZᵀ·X,  db = Σ_rows dZ,  dX = dZ·W   (dX is the previous layer's dA)
// With a fused loss the output layer's dH comes straight from the loss's backward_logits.
#include <neuronlab/error.hpp>
#include <neuronlab/sdk/parallel.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "network_impl.hpp"
#include "plugin_call.hpp"

namespace neuronlab::engine {

namespace {

// f(first, count) over row slices of a (rows, cols) batch: threads only for batches of at
// least 2^14 values a thread (the SDK lets activations run concurrently on disjoint rows).
template <class F>
void for_row_slices(std::size_t rows, std::size_t cols, F&& f) {
  constexpr std::size_t kElementsPerThread = 1 << 14;
  for_slices(rows, (kElementsPerThread + cols - 1) / std::max<std::size_t>(cols, 1), f);
}

// Rows [first, first + count) of a (·, cols) buffer.
MatrixView rows_of(Floats& buffer, std::size_t first, std::size_t count, std::size_t cols) {
  return {buffer.data() + first * cols, count, cols, cols};
}
ConstMatrixView rows_of(const Floats& buffer, std::size_t first, std::size_t count,
                        std::size_t cols) {
  return {buffer.data() + first * cols, count, cols, cols};
}

void copy_rows(ConstMatrixView from, float* to) {
  for (std::size_t r = 0; r < from.rows; ++r)
    std::memcpy(to + r * from.cols, from.row(r), from.cols * sizeof(float));
}

}  // namespace

ConstMatrixView Network::forward(ConstMatrixView x, bool training, Input input) {
  Impl& m = *impl_;
  if (x.cols != m.spec.inputs)
    throw Error("the network takes " + std::to_string(m.spec.inputs) +
                " inputs per observation but was given " + std::to_string(x.cols) +
                "; check the feature columns");
  if (x.rows > m.max_batch) reserve(x.rows);
  const std::size_t rows = x.rows;
  if (input == Input::copied) {
    copy_rows(x, m.input.data());
    m.in = {m.input.data(), x.rows, x.cols, x.cols};
  } else {
    m.in = x;
  }
  for (std::size_t l = 0; l < m.layers.size(); ++l) {
    DenseLayer& layer = m.layers[l];
    m.products.multiply(layer.forward_plan, rows, layer.n, layer.fan_in, m.input_of(l),
                        {layer.w.data(), layer.fan_in, true}, layer.z.data(), layer.n,
                        layer.b.data());
    if (layer.normalization)
      call_plugin(Kind::normalization, l, layer.normalization_label, [&] {
        layer.normalization->forward(view(layer.z, rows, layer.n), view(layer.h, rows, layer.n),
                                     training);
      });
    const Activation& activation = *layer.activation;
    const Floats& pre = layer.pre_activation();
    call_plugin(Kind::activation, l, layer.activation_label, [&] {
      for_row_slices(rows, layer.n, [&](std::size_t first, std::size_t count) {
        activation.forward(rows_of(pre, first, count, layer.n),
                           rows_of(layer.a, first, count, layer.n));
      });
    });
  }
  m.batch = rows;
  m.training = training;
  return output();
}

ConstMatrixView Network::output() const {
  const DenseLayer& last = impl_->layers.back();
  return view(last.a, impl_->batch, last.n);
}

ConstMatrixView Network::layer_output(std::size_t layer) const {
  const DenseLayer& l = impl_->layers.at(layer);
  return view(l.a, impl_->batch, l.n);
}

double Network::loss(const Loss& loss, ConstMatrixView target) const {
  const Impl& m = *impl_;
  const DenseLayer& last = m.layers.back();
  if (m.fused(loss))
    return loss.forward_logits(view(last.pre_activation(), m.batch, last.n), target);
  return loss.forward(view(last.a, m.batch, last.n), target);
}

double Network::backward(const Loss& loss, ConstMatrixView target) {
  Impl& m = *impl_;
  const std::size_t rows = m.batch;
  if (rows == 0) throw std::logic_error("Network::backward needs a forward pass first");
  DenseLayer& last = m.layers.back();
  const bool fused = m.fused(loss);
  double value;
  if (fused) {
    const ConstMatrixView logits = view(last.pre_activation(), rows, last.n);
    value = loss.forward_logits(logits, target);
    loss.backward_logits(logits, target, view(last.da, rows, last.n));  // already ∂loss/∂h
  } else {
    const ConstMatrixView prediction = view(last.a, rows, last.n);
    value = loss.forward(prediction, target);
    loss.backward(prediction, target, view(last.da, rows, last.n));
  }
  for (std::size_t l = m.layers.size(); l-- > 0;) {
    DenseLayer& layer = m.layers[l];
    const MatrixView da = view(layer.da, rows, layer.n);
    if (!(fused && l + 1 == m.layers.size())) {
      const Activation& activation = *layer.activation;
      const Floats& pre = layer.pre_activation();
      call_plugin(Kind::activation, l, layer.activation_label, [&] {
        for_row_slices(rows, layer.n, [&](std::size_t first, std::size_t count) {
          const MatrixView slice = rows_of(layer.da, first, count, layer.n);
          activation.backward(rows_of(pre, first, count, layer.n),
                              rows_of(layer.a, first, count, layer.n), slice, slice);
        });
      });
    }
    if (layer.normalization) {
      Normalization& norm = *layer.normalization;
      call_plugin(Kind::normalization, l, layer.normalization_label,
                  [&] { norm.backward(da, view(layer.dz, rows, layer.n)); });
      for (std::size_t i = 0; i < layer.norm_grads.size(); ++i) {
        const Tensor t = norm.parameter(i);
        std::copy(t.grad, t.grad + t.size, layer.norm_grads[i].data());
      }
    }
    const float* delta = layer.delta().data();
    m.products.multiply(layer.weight_plan, layer.n, layer.fan_in, rows, {delta, layer.n, true},
                        m.input_of(l), layer.dw.data(), layer.fan_in);
    Products::column_sums(delta, rows, layer.n, layer.db.data());
    if (l > 0)
      m.products.multiply(layer.input_plan, rows, layer.fan_in, layer.n, {delta, layer.n, false},
                          {layer.w.data(), layer.fan_in, false}, m.layers[l - 1].da.data(),
                          layer.fan_in);
  }
  return value;
}

namespace {

bool finite(const Floats& values, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i)
    if (!std::isfinite(values[i])) return false;
  return true;
}

}  // namespace

NonFiniteSource Network::find_non_finite() const {
  using Stage = NonFiniteSource::Stage;
  const Impl& m = *impl_;
  for (std::size_t l = 0; l < m.layers.size(); ++l) {
    const DenseLayer& layer = m.layers[l];
    const std::size_t values = m.batch * layer.n;
    if (!finite(layer.w, layer.w.size()) || !finite(layer.b, layer.b.size()))
      return {Stage::parameters, l};
    if (!finite(layer.z, values)) return {Stage::weighted_sum, l};
    if (layer.normalization && !finite(layer.h, values)) return {Stage::normalization, l};
    if (!finite(layer.a, values)) return {Stage::activation, l};
  }
  return {Stage::loss, m.layers.size()};
}

}  // namespace neuronlab::engine
