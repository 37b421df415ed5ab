// check_in_child (plugin_check.hpp): the child runs the checks and writes one line per stage
// and per result into a pipe; the parent reads them as they come and waits for the child.
#include "plugin_check.hpp"

#include <neuronlab/error.hpp>
#include <neuronlab/io/files.hpp>

#include <csignal>
#include <cstring>
#include <iostream>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

namespace neuronlab::host {
namespace {

// One line of the child's report: "S<TAB>stage" or "R<TAB>0|1<TAB>subject<TAB>detail", with
// backslash, tab and newline escaped so that each record is one line.
std::string escaped(const std::string& text) {
  std::string out;
  for (const char c : text)
    out += c == '\\' ? "\\\\" : c == '\t' ? "\\t" : c == '\n' ? "\\n" : std::string(1, c);
  return out;
}
std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> out(1);
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\t') {
      out.emplace_back();
    } else if (line[i] == '\\' && i + 1 < line.size()) {
      const char c = line[++i];
      out.back() += c == 't' ? '\t' : c == 'n' ? '\n' : c;
    } else {
      out.back() += line[i];
    }
  }
  return out;
}

void write_line(int fd, const std::string& line) {
  for (std::size_t done = 0; done < line.size();) {
    const ssize_t n = ::write(fd, line.data() + done, line.size() - done);
    if (n <= 0) _exit(4);  // the parent is gone
    done += std::size_t(n);
  }
}

}  // namespace

// Runs check_library in a child process, so that a plugin that crashes, aborts or hangs in its
// code is reported as a failed check instead of taking neuronlab down. Each result reaches
// `on_result` as the child makes it.
std::vector<CheckResult> check_in_child(const std::string& file,
                                        const std::function<void(const CheckResult&)>& on_result) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw Error(std::string("pipe: ") + std::strerror(errno));
  std::cout.flush();
  const pid_t pid = ::fork();
  if (pid < 0) throw Error(std::string("cannot start the check: ") + std::strerror(errno));
  if (pid == 0) {
    ::close(pipe_fds[0]);
    // A plugin's crash is the child's death by its own signal, whatever handlers the parent
    // (or a sanitizer) installed.
    for (const int s : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) std::signal(s, SIG_DFL);
    const int out = pipe_fds[1];
    CheckProgress progress;
    progress.stage = [out](const std::string& s) { write_line(out, "S\t" + escaped(s) + "\n"); };
    progress.result = [out](const CheckResult& r) {
      write_line(out, std::string("R\t") + (r.passed ? "1" : "0") + "\t" + escaped(r.subject) +
                          "\t" + escaped(r.detail) + "\n");
    };
    check_library(file, progress);
    _exit(0);
  }
  ::close(pipe_fds[1]);
  std::vector<CheckResult> results;
  std::string stage = "library: its loading", pending;
  // A check that prints nothing for this long is taken to hang.
  constexpr int kQuietSeconds = 120;
  bool hung = false;
  char buffer[4096];
  for (;;) {
    pollfd p{pipe_fds[0], POLLIN, 0};
    const int ready = ::poll(&p, 1, kQuietSeconds * 1000);
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) {
      hung = true;
      ::kill(pid, SIGKILL);
      break;
    }
    const ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    pending.append(buffer, std::size_t(n));
    for (std::size_t end; (end = pending.find('\n')) != std::string::npos;) {
      const std::vector<std::string> f = fields(pending.substr(0, end));
      pending.erase(0, end + 1);
      if (f.size() == 2 && f[0] == "S") stage = f[1];
      if (f.size() == 4 && f[0] == "R") {
        results.push_back({f[1] == "1", f[2], f[3]});
        on_result(results.back());
      }
    }
  }
  ::close(pipe_fds[0]);
  const int status = io::wait_program(pid);
  if (status == 0 && !hung) return results;
  // "activation 'x': the gradient check at ..." names the component and what it was doing.
  const std::size_t colon = stage.find(": ");
  const std::string subject = stage.substr(0, colon), doing = stage.substr(colon + 2);
  std::string what;
  if (hung)
    what = "did not finish: nothing happened for " + std::to_string(kQuietSeconds) + " s during " +
           doing + " (stopped)";
  else if (status > 128)
    what = std::string("crashed with SIG") + sigabbrev_np(status - 128) + " (" +
           strsignal(status - 128) + ") during " + doing +
           " (in a process of its own: neuronlab "
           "itself is unharmed)";
  else
    what = "ended the check with exit status " + std::to_string(status) + " during " + doing;
  results.push_back({false, subject, what});
  on_result(results.back());
  return results;
}

}  // namespace neuronlab::host
