// `plugins --check` in a process of its own: a plugin that crashes, aborts or hangs while it
// is checked becomes a failed check instead of the end of neuronlab.
#ifndef NEURONLAB_HOST_PLUGIN_CHECK_HPP
#define NEURONLAB_HOST_PLUGIN_CHECK_HPP

#include <neuronlab/check.hpp>

#include <functional>
#include <string>
#include <vector>

namespace neuronlab::host {

// check_library(file) run in a child process; each result reaches `on_result` as the child
// makes it. A child that dies by a signal, exits early or prints nothing for 120 s adds a
// failed result naming the check it was in.
std::vector<CheckResult> check_in_child(const std::string& file,
                                        const std::function<void(const CheckResult&)>& on_result);

}  // namespace neuronlab::host

#endif  // NEURONLAB_HOST_PLUGIN_CHECK_HPP
