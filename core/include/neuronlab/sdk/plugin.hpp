// The four plugin interfaces. Batches cross the boundary, never single values: every view is
// a row-major float matrix, one row per observation. Nothing here depends on more than the
// standard library.
#ifndef NEURONLAB_SDK_PLUGIN_HPP
#define NEURONLAB_SDK_PLUGIN_HPP

#include <cstddef>
#include <stdexcept>
#include <string>

namespace neuronlab {

// A row-major view: element (r, c) is data[r * stride + c]; stride >= cols.
struct MatrixView {
  float* data;
  std::size_t rows;
  std::size_t cols;
  std::size_t stride;
  float& operator()(std::size_t r, std::size_t c) const { return data[r * stride + c]; }
  float* row(std::size_t r) const { return data + r * stride; }
};

struct ConstMatrixView {
  const float* data;
  std::size_t rows;
  std::size_t cols;
  std::size_t stride;
  ConstMatrixView(const float* d, std::size_t r, std::size_t c, std::size_t s)
      : data(d), rows(r), cols(c), stride(s) {}
  ConstMatrixView(MatrixView m) : data(m.data), rows(m.rows), cols(m.cols), stride(m.stride) {}
  const float& operator()(std::size_t r, std::size_t c) const { return data[r * stride + c]; }
  const float* row(std::size_t r) const { return data + r * stride; }
};

// A named flat tensor: a parameter with its gradient, or a piece of saved state (grad null).
struct Tensor {
  const char* name;
  float* value;
  const float* grad;
  std::size_t size;
};

// y = f(x) elementwise or row-wise; backward is the vector-Jacobian product. Rows are
// independent, and the host may call forward and backward concurrently from several threads
// on disjoint rows of one batch: keep no mutable state in them.
class Activation {
 public:
  virtual ~Activation() = default;
  // x, y: (batch, n).
  virtual void forward(ConstMatrixView x, MatrixView y) const = 0;
  // dx = dy · ∂y/∂x, given x and y = forward(x); all (batch, n). dx may alias dy.
  virtual void backward(ConstMatrixView x, ConstMatrixView y, ConstMatrixView dy,
                        MatrixView dx) const = 0;
};

// A loss reduced over the batch; target has the prediction's shape (one-hot for classes).
class Loss {
 public:
  virtual ~Loss() = default;
  virtual double forward(ConstMatrixView prediction, ConstMatrixView target) const = 0;
  // grad = ∂loss/∂prediction of the value forward returns, (batch, n).
  virtual void backward(ConstMatrixView prediction, ConstMatrixView target,
                        MatrixView grad) const = 0;

  // A loss may fuse with the output activation it names (softmax with cross-entropy): the
  // host then passes the activation's input (logits) to the *_logits pair instead, which
  // must equal forward/backward composed with that activation, computed stably.
  virtual const char* fused_activation() const { return nullptr; }
  virtual double forward_logits(ConstMatrixView, ConstMatrixView) const {
    throw std::logic_error("this loss does not fuse with an activation");
  }
  virtual void backward_logits(ConstMatrixView, ConstMatrixView, MatrixView) const {
    throw std::logic_error("this loss does not fuse with an activation");
  }
};

// Updates parameter tensors from their gradients, keeping its own state per tensor.
class Optimizer {
 public:
  explicit Optimizer(double learning_rate) : learning_rate_(learning_rate) {}
  virtual ~Optimizer() = default;
  // Called once with the tensors every later step receives, in the same order: allocate
  // all state here, so that step allocates nothing.
  virtual void bind(const Tensor* tensors, std::size_t count) = 0;
  virtual void step(const Tensor* tensors, std::size_t count) = 0;
  // Schedules change the rate between steps, as PyTorch's schedulers set a group's "lr".
  double learning_rate() const { return learning_rate_; }
  void set_learning_rate(double rate) { learning_rate_ = rate; }

 private:
  double learning_rate_;
};

// Normalization of input data (fit on training rows, then transform), or inside a network
// (forward/backward with learnable parameters), as the component's usage bits declare.
class Normalization {
 public:
  virtual ~Normalization() = default;

  // Both usages: bind(features, max_batch) allocates the parameters and the state for that
  // many features (and, for layer usage, batches of up to max_batch rows). A data-usage
  // component is bound with max_batch 0 when a saved state is restored into state(i)
  // instead of fitted; transform must then work without fit.
  virtual void bind(std::size_t /*features*/, std::size_t /*max_batch*/) { unsupported("bind"); }

  // Data usage: fit computes the state from the training rows. x, y: (rows, features).
  virtual void fit(ConstMatrixView) { unsupported("fit"); }
  virtual void transform(ConstMatrixView, MatrixView) const { unsupported("transform"); }

  // Layer usage: forward caches what backward needs; backward writes dx and the
  // parameters' gradients. dx may not alias dy.
  virtual void forward(ConstMatrixView, MatrixView, bool /*training*/) { unsupported("forward"); }
  virtual void backward(ConstMatrixView /*dy*/, MatrixView /*dx*/) { unsupported("backward"); }
  virtual std::size_t parameter_count() const { return 0; }
  virtual Tensor parameter(std::size_t) { unsupported("parameter"); }

  // Both usages: the state a saved model must carry (fitted statistics, running estimates).
  virtual std::size_t state_count() const { return 0; }
  virtual Tensor state(std::size_t) { unsupported("state"); }

 private:
  [[noreturn]] static void unsupported(const char* what) {
    throw std::logic_error(std::string("this normalization does not support ") + what);
  }
};

}  // namespace neuronlab

#endif  // NEURONLAB_SDK_PLUGIN_HPP
