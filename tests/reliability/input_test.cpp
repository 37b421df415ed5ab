// Input that is wrong in a way a careful user or a hostile file author could make it: each
// gets one exact message and exit status 2, never a crash, a hang or a silent success.
//   - files: a directory, a missing or unreadable file, a NUL byte, a second document, deep
//     nesting, a file or an inline table too large, a pipe;
//   - paths: a table outside the file's folder (.., absolute, a symbolic link), unless the
//     user passes --allow-outside-paths;
//   - terminal control codes in what is echoed back;
//   - mistakes that used to train without a word: softmax on one output, a value beyond
//     float range, a class only the test rows have; and options given empty or together.
#define BOOST_TEST_MODULE reliability_input
#include <boost/test/unit_test.hpp>

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/scratch.hpp"

namespace fs = std::filesystem;
using neuronlab::test::ProcessResult;
using neuronlab::test::write_file;
using namespace std::string_literals;

namespace {

ProcessResult host(std::vector<std::string> args) {
  args.insert(args.begin(), NEURONLAB_TEST_HOST);
  return neuronlab::test::run_process(args);
}

const std::string network =
    "network: {layers: [{neurons: 2, activation: tanh}, {neurons: 1, activation: sigmoid}]}\n"
    "training: {epochs: 3}\n";
const std::string xor_file = "format_version: 1\ndata: {generate: xor}\n" + network;

std::string error(const std::string& message) { return "neuronlab: error: " + message + "\n"; }

// The host's exit status and standard error for `run FILE` with the file holding `text`.
ProcessResult run_text(const fs::path& dir, const std::string& name, const std::string& text) {
  return host({"run", "-q", write_file(dir / name, text).string()});
}

}  // namespace

BOOST_AUTO_TEST_CASE(files_that_cannot_be_read_say_why) {
  const fs::path dir = neuronlab::test::scratch_dir("reliability", "files");
  fs::create_directories(dir / "folder.yaml");
  ProcessResult r = host({"run", (dir / "folder.yaml").string()});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err == error((dir / "folder.yaml").string() +
                            ": this is a directory, not a file (give the path of a file in it)"));

  r = host({"run", (dir / "absent.yaml").string()});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err == error((dir / "absent.yaml").string() +
                            ": no such file (check the path; a relative path is taken from the "
                            "current folder)"));

  // Unreadable: as a user without the permission (root reads every file, so the child drops
  // to nobody when it runs as root).
  const fs::path secret = write_file(dir / "secret.yaml", xor_file);
  chmod(secret.c_str(), 0200);
  chmod(dir.c_str(), 0755);
  const pid_t pid = fork();
  if (pid == 0) {
    if (!freopen((dir / "err.txt").c_str(), "w", stderr)) _exit(98);
    if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(99);
    execl(NEURONLAB_TEST_HOST, NEURONLAB_TEST_HOST, "run", secret.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  int raw = 0;
  waitpid(pid, &raw, 0);
  BOOST_TEST(WEXITSTATUS(raw) == 2);
  BOOST_TEST(neuronlab::test::slurp((dir / "err.txt").string()) ==
             error(secret.string() +
                   ": cannot open the file: Permission denied (check the file's permissions)"));
}

BOOST_AUTO_TEST_CASE(yaml_that_is_not_one_plain_document_is_refused_at_its_place) {
  const fs::path dir = neuronlab::test::scratch_dir("reliability", "yaml");
  ProcessResult r = run_text(dir, "nul.yaml", "format_version: 1\nname: x\0y\n"s);
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err == error((dir / "nul.yaml").string() +
                            ":2:8: the file holds a NUL byte (an experiment file is text: save it "
                            "as UTF-8 text)"));

  r = run_text(dir, "two.yaml", xor_file + "---\nname: second\n");
  BOOST_TEST(r.status == 2);
  BOOST_TEST(
      r.err ==
      error((dir / "two.yaml").string() +
            ":5:1: a second YAML document (after '---' or '...'); an experiment file holds one "
            "document (remove the '---' line and what follows, or put it in a file of "
            "its own)"));

  // Nesting: 40 levels, and 100000 (which would otherwise exhaust the parser's stack).
  for (const std::size_t depth : {std::size_t(40), std::size_t(100000)}) {
    r = run_text(dir, "deep.yaml",
                 "format_version: 1\nname: " + std::string(depth, '[') + std::string(depth, ']'));
    BOOST_TEST(r.status == 2);
    BOOST_TEST(r.err.find("deep.yaml:2:") != std::string::npos, r.err);
    BOOST_TEST(
        r.err.find(": the YAML is nested too deeply (at most 32 levels of lists and maps)") !=
            std::string::npos,
        r.err);
  }

  // Size: 5 MB of comment is refused before it is parsed.
  r = run_text(dir, "huge.yaml", xor_file + "# " + std::string(5'000'000, 'x') + "\n");
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err == error((dir / "huge.yaml").string() +
                            ": the file is 5 MB, more than the 4 MB such a file may hold (put "
                            "tables of data in a CSV file and name it with data: {csv: FILE})"));

  std::string rows;
  for (int i = 0; i < 1001; ++i) rows += "[" + std::to_string(i % 2) + ", 1], ";
  r = run_text(dir, "inline.yaml",
               "format_version: 1\ndata:\n  inline:\n    columns: [x, y]\n    rows: [" + rows +
                   "]\n" + network);
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err == error((dir / "inline.yaml").string() +
                            ":5:11: inline.rows holds 1001 rows; an inline table is for a small "
                            "example of at most 1000 rows (put the rows in a CSV file and name "
                            "it with csv: FILE)"));
}

BOOST_AUTO_TEST_CASE(text_that_once_sent_the_yaml_reader_into_a_loop_is_answered_at_once) {
  // Found by fuzz_yaml_files: yaml-cpp's LoadAll never returned on it. The fuzz corpus keeps
  // it (after its first byte, which picks the reader).
  const std::string input = neuronlab::test::slurp(
      NEURONLAB_TEST_SOURCE_DIR "/tests/fuzz/corpus/yaml_files/regression-loadall-loop");
  const fs::path dir = neuronlab::test::scratch_dir("reliability", "loop");
  const auto started = std::chrono::steady_clock::now();
  const ProcessResult r = run_text(dir, "loop.yaml", input.substr(1));
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err.rfind("neuronlab: error: " + (dir / "loop.yaml").string() + ": ", 0) == 0u,
             r.err);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  BOOST_TEST(seconds < 10.0);
}

BOOST_AUTO_TEST_CASE(an_experiment_read_from_a_pipe_is_read_once) {
  const fs::path dir = neuronlab::test::scratch_dir("reliability", "pipe");
  const fs::path fifo = dir / "xor.yaml";
  BOOST_REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  const pid_t writer = fork();
  if (writer == 0) {
    FILE* out = fopen(fifo.c_str(), "w");
    fputs(xor_file.c_str(), out);
    fclose(out);
    _exit(0);
  }
  const ProcessResult r = host({"run", "-q", fifo.string()});
  waitpid(writer, nullptr, 0);
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(r.out.find("train       loss ") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(a_file_reads_tables_only_in_its_own_folder) {
  const fs::path dir = neuronlab::test::scratch_dir("reliability", "paths");
  fs::create_directories(dir / "lesson" / "data");
  write_file(dir / "secret.csv", "password,y\nhunter2,1\n");
  write_file(dir / "lesson" / "data" / "ok.csv", "x,y\n0,0\n1,1\n0,1\n1,0\n");
  fs::create_symlink(dir / "secret.csv", dir / "lesson" / "data" / "link.csv");
  const std::string outside =
      "' is outside this file's folder (" + (dir / "lesson").string() +
      "); a lesson or experiment file may read files only in its own folder and below it (copy "
      "the table there, or pass --allow-outside-paths if you trust this file)";
  for (const std::string& csv : {std::string("../secret.csv"), (dir / "secret.csv").string(),
                                 std::string("data/link.csv")}) {
    const ProcessResult r = run_text(dir / "lesson", "e.yaml",
                                     "format_version: 1\ndata: {csv: " + csv + "}\n" + network);
    BOOST_TEST(r.status == 2);
    BOOST_TEST(
        r.err == error((dir / "lesson" / "e.yaml").string() + ":2:13: data.csv '" + csv + outside),
        csv);
    BOOST_TEST(r.err.find("password") == std::string::npos);  // nothing of the file is shown
  }
  // Inside: read. Outside, with the user's word for it: read too.
  ProcessResult r = run_text(dir / "lesson", "in.yaml",
                             "format_version: 1\ndata: {csv: data/ok.csv}\n" + network);
  BOOST_TEST(r.status == 0, r.err);
  const fs::path trusted =
      write_file(dir / "lesson" / "t.yaml",
                 "format_version: 1\ndata: {csv: ../secret.csv}\n" + network + "loss: mse\n");
  r = host({"run", "-q", "--allow-outside-paths", trusted.string()});
  BOOST_TEST(r.err.find("is outside this file's folder") == std::string::npos, r.err);
  BOOST_TEST(r.err.find("hunter2") != std::string::npos, r.err);  // read: not a number
}

BOOST_AUTO_TEST_CASE(control_codes_are_shown_escaped_never_sent_to_the_terminal) {
  const ProcessResult r = host({"run", "x\x1b]0;title\x07\x1b[2J.yaml"});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err == error("x\\x1b]0;title\\x07\\x1b[2J.yaml: no such file (check the path; a "
                            "relative path is taken from the current folder)"));
  const ProcessResult command = host({"\x1b[2Jrun"});
  BOOST_TEST(command.status == 2);
  BOOST_TEST(command.err.find('\x1b') == std::string::npos, command.err);
  BOOST_TEST(command.err.rfind("neuronlab: error: unknown command '\\x1b[2Jrun'", 0) == 0u,
             command.err);
}

BOOST_AUTO_TEST_CASE(mistakes_that_trained_without_a_word_are_named) {
  const fs::path dir = neuronlab::test::scratch_dir("reliability", "silent");
  ProcessResult r = run_text(dir, "softmax.yaml", R"(format_version: 1
data: {generate: xor}
network: {layers: [{neurons: 2, activation: tanh}, {neurons: 1, activation: softmax}]}
)");
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err == error((dir / "softmax.yaml").string() +
                            ":3:77: softmax over a single output neuron is always 1, so the "
                            "network cannot learn anything; use sigmoid for one output (a binary "
                            "task), softmax for one neuron per class"));

  write_file(dir / "big.csv", "a,y\n1,0\n1e39,1\n");
  r = run_text(dir, "big.yaml", "format_version: 1\ndata: {csv: big.csv}\n" + network);
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err == error((dir / "big.csv").string() +
                            ":3:1: row 2, column 'a': '1e39' is beyond the range of the 32-bit "
                            "numbers neuronlab trains with (about 3.4e38 either way); rescale "
                            "the column"));

  // The last row's class is held out (no shuffle: the last rows are the test rows).
  std::string rows = "a,b,y\n";
  for (int i = 0; i < 20; ++i) rows += std::to_string(i % 3) + ",1," + (i % 2 ? "x" : "z") + "\n";
  write_file(dir / "classes.csv", rows + "5,5,rare\n");
  r = run_text(dir, "classes.yaml", R"(format_version: 1
data: {csv: classes.csv, test_split: 0.1, shuffle: false, task: categorical}
network: {layers: [{neurons: 3, activation: softmax}]}
training: {epochs: 2}
)");
  BOOST_TEST(r.status == 0, r.err);
  r = host({"run", (dir / "classes.yaml").string()});
  BOOST_TEST(r.out.find("\nwarning: class 'rare' has 1 test row but no training row, so the "
                        "network cannot learn it (add rows of it to the data, or split it so "
                        "that some are in training)\n") != std::string::npos,
             r.out);
}

BOOST_AUTO_TEST_CASE(advice_names_only_what_is_not_already_done) {
  const fs::path dir = neuronlab::test::scratch_dir("reliability", "advice");
  // Normalized inputs, no clipping: the advice is a lower rate or clipping, not normalizing.
  const std::string diverging = R"(format_version: 1
data: {generate: {name: moons, samples: 64}}
normalize: standardize
network: {layers: [{neurons: 8, activation: relu}, {neurons: 1, activation: identity}]}
loss: mse
optimizer: {name: sgd, learning_rate: 1000}
training: {epochs: 50)";
  ProcessResult r = run_text(dir, "normalized.yaml", diverging + "}\n");
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.err.find("(learning_rate 1000); try a lower learning_rate (e.g. 100), or clip the "
                        "gradients (clip_grad_norm: 1)\n") != std::string::npos,
             r.err);
  std::string clipped = diverging + ", clip_grad_norm: 1e9}\n";
  clipped.replace(clipped.find("learning_rate: 1000"), 19, "learning_rate: 1e30");
  r = run_text(dir, "clipped.yaml", clipped);
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.err.find("(learning_rate 1e+30); try a lower learning_rate (e.g. 1e+29)\n") !=
                 std::string::npos,
             r.err);

  // An experiment given where a model belongs says which file predict wants.
  const fs::path experiment = write_file(
      dir / "xor.yaml", "format_version: 1\nkind: experiment\ndata: {generate: xor}\n" + network);
  write_file(dir / "rows.csv", "x1,x2\n0,1\n");
  r = host({"predict", experiment.string(), (dir / "rows.csv").string()});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err.find("this is an experiment file, not a model (predict and evaluate read the "
                        "model a run saved: model.yaml in a run folder, or the file given to run "
                        "--save-model)") != std::string::npos,
             r.err);
}

BOOST_AUTO_TEST_CASE(running_out_of_memory_is_a_user_error_not_an_internal_one) {
  if (NEURONLAB_TEST_SANITIZED) {
    // AddressSanitizer reserves terabytes of address space for its shadow memory, so a limit
    // on the address space stops it before the program starts.
    BOOST_TEST_MESSAGE(
        "skipped under AddressSanitizer: it cannot run within an address-space "
        "limit");
    return;
  }
  const fs::path dir = neuronlab::test::scratch_dir("reliability", "memory");
  const fs::path file = write_file(dir / "mem.yaml", R"(format_version: 1
data: {generate: {name: moons, samples: 1000000}}
network: {layers: [{neurons: 512, activation: tanh}, {neurons: 1, activation: sigmoid}]}
training: {epochs: 1, batch_size: all}
)");
  const pid_t pid = fork();
  if (pid == 0) {
    if (!freopen((dir / "err.txt").c_str(), "w", stderr)) _exit(98);
    const rlimit limit{400'000'000, 400'000'000};
    setrlimit(RLIMIT_AS, &limit);
    execl(NEURONLAB_TEST_HOST, NEURONLAB_TEST_HOST, "run", "-q", file.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  int raw = 0;
  waitpid(pid, &raw, 0);
  BOOST_TEST(WIFEXITED(raw));
  BOOST_TEST(WEXITSTATUS(raw) == 2);
  BOOST_TEST(neuronlab::test::slurp((dir / "err.txt").string()) ==
             "neuronlab: error: not enough memory for this data set or network\n  hint: use "
             "fewer rows, fewer or narrower layers, or a smaller batch_size\n");
}

BOOST_AUTO_TEST_CASE(options_given_empty_or_together_are_usage_errors) {
  const fs::path dir = neuronlab::test::scratch_dir("reliability", "options");
  const fs::path file = write_file(dir / "xor.yaml", xor_file);
  ProcessResult r = host({"run", file.string(), "--save-model", ""});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err ==
             "neuronlab run: error: --save-model needs a file name, such as --save-model "
             "model.yaml\nTry 'neuronlab run --help'.\n");

  setenv("NEURONLAB_STATE_DIR", (dir / "state").c_str(), 1);
  r = host({"learn", "--list", "--reset"});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err ==
             "neuronlab learn: error: --list and --reset do one thing each; give one of them\n"
             "Try 'neuronlab learn --help'.\n");

  for (const std::string& bad :
       {std::string("/dev/null"), file.string(), (dir / "nope").string()}) {
    r = host({"plugins", "--plugin-dir", bad});
    BOOST_TEST(r.status == 2);
    BOOST_TEST(r.err ==
               "neuronlab plugins: error: --plugin-dir " + bad + ": " +
                   (bad == (dir / "nope").string() ? "no such directory" : "not a directory") +
                   " (give the folder that holds plugin libraries; 'neuronlab plugins "
                   "--check FILE' checks one library)\nTry 'neuronlab plugins --help'.\n");
  }
}
