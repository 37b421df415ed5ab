// The message of the neuronlab::Error that f throws, or "no error": tests compare it whole.
#ifndef NEURONLAB_TESTS_SUPPORT_ERRORS_HPP
#define NEURONLAB_TESTS_SUPPORT_ERRORS_HPP

#include <neuronlab/error.hpp>

#include <functional>
#include <string>

namespace neuronlab::test {

inline std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace neuronlab::test

#endif  // NEURONLAB_TESTS_SUPPORT_ERRORS_HPP
