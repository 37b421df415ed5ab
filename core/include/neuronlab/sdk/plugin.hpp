// The four plugin interfaces. Batches cross the boundary, never single values: every view is
// a row-major float matrix, one row per observation. Nothing here depends on more than the
// standard library.
#ifndef NEURONLAB_SDK_PLUGIN_HPP
#define NEURONLAB_SDK_PLUGIN_HPP

#include <cstddef>
#include <stdexcept>
#include <string>

// The interfaces keep default visibility although plugins build with hidden visibility, as
// Boost.DLL's tutorial does for its plugin API: their type_info and vtables are then the same
// kind of symbol in the host and in every plugin, whatever the plugin's visibility preset.
#define NEURONLAB_SDK_VISIBLE __attribute__((visibility("default")))

namespace neuronlab {

namespace detail {
struct LossAccess;
}

// A user's mistake, not a fault of the plugin: throw it from a component's constructor when
// parameter values that are each inside their schema range do not go together ("beta1 must
// be smaller than beta2"). The message is shown to the user after the component's kind and
// name, so it says what is wrong and how to fix it, without repeating the name. Any other
// exception from a constructor is reported as a fault of the plugin. Only the constructor is
// covered: thrown from another member function it is an ordinary exception.
class NEURONLAB_SDK_VISIBLE PluginUserError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

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
class NEURONLAB_SDK_VISIBLE Activation {
 public:
  virtual ~Activation() = default;
  // x, y: (batch, n).
  virtual void forward(ConstMatrixView x, MatrixView y) const = 0;
  // dx = dy · ∂y/∂x, given x and y = forward(x); all (batch, n). dx may alias dy.
  virtual void backward(ConstMatrixView x, ConstMatrixView y, ConstMatrixView dy,
                        MatrixView dx) const = 0;
};

// A loss reduced over the batch; target has the prediction's shape (one-hot for classes).
class NEURONLAB_SDK_VISIBLE Loss {
 public:
  virtual ~Loss() = default;
  virtual double forward(ConstMatrixView prediction, ConstMatrixView target) const = 0;
  // grad = ∂loss/∂prediction of the value forward returns, (batch, n).
  virtual void backward(ConstMatrixView prediction, ConstMatrixView target,
                        MatrixView grad) const = 0;

  // A loss may fuse with an output activation (softmax with cross-entropy). It declares the
  // activation in its descriptor (`static constexpr const char* fuses_with = "softmax";`,
  // recorded in nl_component::fuses_with), so that the host can check the pairing before it
  // creates anything. When the network's output activation is that one, at its default
  // parameters, the host passes the activation's input (logits) to the *_logits pair instead,
  // which must equal forward/backward composed with that activation, computed stably.
  // fused_activation() returns the declared name (or nullptr); the SDK sets it on creation.
  const char* fused_activation() const { return fuses_with_; }
  virtual double forward_logits(ConstMatrixView, ConstMatrixView) const {
    throw std::logic_error("this loss does not fuse with an activation");
  }
  virtual void backward_logits(ConstMatrixView, ConstMatrixView, MatrixView) const {
    throw std::logic_error("this loss does not fuse with an activation");
  }

 private:
  friend struct detail::LossAccess;
  const char* fuses_with_ = nullptr;
};

// Updates parameter tensors from their gradients, keeping its own state per tensor.
class NEURONLAB_SDK_VISIBLE Optimizer {
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
class NEURONLAB_SDK_VISIBLE Normalization {
 public:
  virtual ~Normalization() = default;

  // Both usages: bind(features, max_batch) allocates the parameters and the state for that
  // many features (and, for layer usage, batches of up to max_batch rows), starting them
  // afresh. A data-usage component is bound with max_batch 0 when a saved state is restored
  // into state(i) instead of fitted; transform must then work without fit.
  // bind may be called again on the same object (a larger batch, the same features): it
  // starts afresh again, with the same parameter and state names and sizes, and the host then
  // copies the values it kept back into parameter(i) and state(i). After that the object must
  // compute exactly as a fresh one bound once and given those values; tensors returned before
  // the second bind are invalid.
  virtual void bind(std::size_t /*features*/, std::size_t /*max_batch*/) { unsupported("bind"); }

  // Data usage: fit computes the state from the training rows. x, y: (rows, features).
  virtual void fit(ConstMatrixView) { unsupported("fit"); }
  virtual void transform(ConstMatrixView, MatrixView) const { unsupported("transform"); }

  // Layer usage: forward caches what backward needs; backward writes dx and overwrites the
  // parameters' gradients (parameter(i).grad) with those of the last forward's batch: it
  // never adds to them, so calling it twice after one forward gives the same gradients.
  // dx may not alias dy.
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
