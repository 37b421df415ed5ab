// A program run on a pseudo-terminal, for tests of what a person at a terminal sees: colour,
// live progress, questions answered as they are asked. Output lines end in \n (the terminal's
// \r is dropped).
#ifndef NEURONLAB_TESTS_SUPPORT_TERMINAL_HPP
#define NEURONLAB_TESTS_SUPPORT_TERMINAL_HPP

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

namespace neuronlab::test {

// A program on a pseudo-terminal 80 columns wide, with `environment` ("NAME=value") added,
// that a test types into and reads from as a person would. A program still running when the
// Terminal goes is killed.
class Terminal {
 public:
  // argv[0] is the program's path.
  Terminal(std::vector<std::string> argv, const std::vector<std::string>& environment) {
    winsize size{};
    size.ws_col = 80;
    size.ws_row = 40;
    pid_ = forkpty(&master_, nullptr, nullptr, &size);
    if (pid_ == 0) {
      for (const std::string& e : environment) {
        const std::size_t eq = e.find('=');
        setenv(e.substr(0, eq).c_str(), e.substr(eq + 1).c_str(), 1);
      }
      std::vector<char*> args;
      for (std::string& a : argv) args.push_back(a.data());
      args.push_back(nullptr);
      execv(args[0], args.data());
      _exit(127);
    }
  }
  Terminal(Terminal&& other) noexcept
      : master_(other.master_),
        pid_(other.pid_),
        screen_(std::move(other.screen_)),
        from_(other.from_) {
    other.master_ = -1;
    other.pid_ = -1;
  }
  Terminal(const Terminal&) = delete;
  Terminal& operator=(const Terminal&) = delete;
  ~Terminal() {
    if (pid_ > 0) kill(pid_, SIGKILL);
    if (master_ >= 0) close(master_);
    if (pid_ > 0) waitpid(pid_, nullptr, 0);
  }
  void type(const std::string& keys) {
    if (write(master_, keys.data(), keys.size()) != ssize_t(keys.size()))
      throw std::runtime_error("cannot type into the terminal");
  }
  // Reads until the screen shows `text` after what was read before (60 s at most).
  bool expect(const std::string& text) {
    for (int waited = 0; waited < 600; ++waited) {
      const std::size_t at = screen_.find(text, from_);
      if (at != std::string::npos) {
        from_ = at + text.size();
        return true;
      }
      if (!read_some()) return false;
    }
    return false;
  }
  // Reads until the program ends (killing one that has waited 60 s for more typing: a test
  // that typed too little must fail, not hang) and returns its exit status.
  int finish() {
    for (int waited = 0; waited < 600 && read_some(); ++waited) {
    }
    int raw = 0;
    kill(pid_, SIGKILL);  // a no-op for a program that has ended
    waitpid(pid_, &raw, 0);
    pid_ = -1;
    return WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  }
  const std::string& screen() const { return screen_; }

 private:
  // Waits up to 100 ms for output; false once the program has closed the terminal.
  bool read_some() {
    pollfd p{master_, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) return true;
    char buffer[4096];
    const ssize_t n = read(master_, buffer, sizeof buffer);
    if (n <= 0) return false;
    for (ssize_t i = 0; i < n; ++i)  // the terminal ends lines with \r\n
      if (buffer[i] != '\r') screen_ += buffer[i];
    return true;
  }

  int master_ = -1;
  pid_t pid_ = -1;
  std::string screen_;
  std::size_t from_ = 0;
};

}  // namespace neuronlab::test

#endif  // NEURONLAB_TESTS_SUPPORT_TERMINAL_HPP
