// Calling plugin code from the engine (never installed): an exception from it becomes a
// PluginFailure naming the component: its kind, its layer (none for the loss and the
// optimizer) and its label, "layer 2's activation 'relu' (/path/lib.so)". neuronlab's own
// errors pass through unchanged.
#ifndef NEURONLAB_ENGINE_PLUGIN_CALL_HPP
#define NEURONLAB_ENGINE_PLUGIN_CALL_HPP

#include <neuronlab/engine/network.hpp>

#include <cstddef>
#include <exception>
#include <optional>
#include <string>

namespace neuronlab::engine {

template <class F>
auto call_plugin(Kind kind, std::optional<std::size_t> layer, const std::string& label, F&& f)
    -> decltype(f()) {
  try {
    return f();
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw PluginFailure(kind, layer, label, e.what());
  }
}

}  // namespace neuronlab::engine

#endif  // NEURONLAB_ENGINE_PLUGIN_CALL_HPP
