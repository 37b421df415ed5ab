// Runs a program and captures its exit status, standard output and standard error, for tests
// that drive the neuronlab host the way a user does.
#ifndef NEURONLAB_TESTS_PROCESS_HPP
#define NEURONLAB_TESTS_PROCESS_HPP

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace neuronlab::test {

struct ProcessResult {
  int status = -1;  // exit status; 128 + signal number if killed by a signal
  std::string out;
  std::string err;
};

inline std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// argv[0] is the program's path. Standard input is /dev/null. Output goes through temporary
// files, so a chatty program cannot block on a full pipe. With interrupt_when, the program
// gets SIGINT (as from Ctrl-C) as soon as its standard output or error contains that text;
// it is killed if it has not printed it within 60 seconds.
inline ProcessResult run_process(const std::vector<std::string>& argv,
                                 const std::string& interrupt_when = {}) {
  char out_name[] = "/tmp/neuronlab-test-out-XXXXXX";
  char err_name[] = "/tmp/neuronlab-test-err-XXXXXX";
  int out_fd = mkstemp(out_name);
  int err_fd = mkstemp(err_name);
  if (out_fd < 0 || err_fd < 0) throw std::runtime_error("mkstemp failed");
  pid_t pid = fork();
  if (pid == 0) {
    int in_fd = open("/dev/null", O_RDONLY);
    dup2(in_fd, 0);
    dup2(out_fd, 1);
    dup2(err_fd, 2);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  close(out_fd);
  close(err_fd);
  int raw = 0;
  if (!interrupt_when.empty()) {
    bool sent = false;
    for (int waited = 0; !sent && waited < 6000; ++waited) {
      if (waitpid(pid, &raw, WNOHANG) == pid) break;
      if ((slurp(out_name) + slurp(err_name)).find(interrupt_when) != std::string::npos) {
        kill(pid, SIGINT);
        sent = true;
      } else {
        usleep(10000);
      }
    }
    if (!sent) kill(pid, SIGKILL);
  }
  waitpid(pid, &raw, 0);
  ProcessResult result;
  result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  result.out = slurp(out_name);
  result.err = slurp(err_name);
  unlink(out_name);
  unlink(err_name);
  return result;
}

}  // namespace neuronlab::test

#endif
