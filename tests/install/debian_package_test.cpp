// The Debian package, as a user gets it: build the .deb (or take the one given in
// NEURONLAB_TEST_DEB, as CI does with `./setup --package`), read its control fields and
// contents, unpack it into a scratch root, run the first lesson with the unpacked host and
// build the example plugin from the package's own documentation against its CMake package.
#define BOOST_TEST_MODULE install_debian_package
#include "support/process.hpp"
#include "support/text.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace fs = std::filesystem;
using neuronlab::test::has;
using neuronlab::test::lines_of;
using neuronlab::test::ProcessResult;
using neuronlab::test::run_process;

namespace {

const fs::path scratch = fs::path(NEURONLAB_TEST_BINARY_DIR) / "scratch" / "debian-package";

ProcessResult must_run(const std::vector<std::string>& args) {
  auto r = run_process(args);
  BOOST_TEST_REQUIRE(r.status == 0, args[0] << " failed (exit " << r.status << "):\n"
                                            << r.out << r.err);
  return r;
}

// The package CI built with ./setup --package, or one made here from this build tree.
struct Package {
  fs::path deb;
  bool from_setup = false;
};

const Package& package() {
  static const Package made = [] {
    Package p;
    if (const char* given = std::getenv("NEURONLAB_TEST_DEB"); given && *given) {
      p.deb = fs::absolute(given);
      p.from_setup = true;
      return p;
    }
    const fs::path out = scratch / "cpack";
    fs::remove_all(out);
    fs::create_directories(out);
    must_run({NEURONLAB_TEST_CPACK, "-G", "DEB", "-B", out.string(), "--config",
              std::string(NEURONLAB_TEST_BINARY_DIR) + "/CPackConfig.cmake"});
    for (const auto& e : fs::directory_iterator(out))
      if (e.path().extension() == ".deb") p.deb = e.path();
    return p;
  }();
  return made;
}

// dpkg-deb -f: one control field.
std::string field(const std::string& name) {
  auto r = must_run({"/usr/bin/dpkg-deb", "-f", package().deb.string(), name});
  std::string value = r.out;
  while (!value.empty() && value.back() == '\n') value.pop_back();
  return value;
}

// The package unpacked into a scratch root, once.
const fs::path& unpacked() {
  static const fs::path root = [] {
    fs::path r = scratch / "root";
    fs::remove_all(r);
    fs::create_directories(r);
    must_run({"/usr/bin/dpkg-deb", "-x", package().deb.string(), r.string()});
    return r;
  }();
  return root;
}

// The one file of that name under dir (the library folder is lib/ or lib/<multiarch>/).
fs::path find_under(const fs::path& dir, const std::string& name) {
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().filename() == name) return e.path();
  return {};
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_control_fields_name_the_debian_runtime_packages) {
  BOOST_TEST_REQUIRE(fs::exists(package().deb), "no .deb at " << package().deb);
  BOOST_TEST(package().deb.filename() == "neuronlab_" NEURONLAB_TEST_VERSION "_amd64.deb");
  BOOST_TEST(field("Package") == "neuronlab");
  BOOST_TEST(field("Version") == NEURONLAB_TEST_VERSION);
  BOOST_TEST(field("Architecture") == "amd64");
  BOOST_TEST(field("Section") == "education");
  BOOST_TEST(field("Recommends") == "g++, cmake (>= 3.25)");
  const std::string depends = field("Depends");
  // Read off the binaries by dpkg-shlibdeps: the libraries the host links, as Debian's
  // runtime packages, never their -dev packages.
  for (const char* runtime :
       {"libboost-program-options1.74.0 (>=", "libyaml-cpp0.7 (>=", "libstdc++6 (>=", "libc6 (>="})
    BOOST_TEST(has(depends, runtime), runtime << " in " << depends);
  BOOST_TEST(!has(depends, "-dev"), depends);
  const std::string description = field("Description");
  BOOST_TEST(
      description.rfind("A course framework for neural networks, from one neuron up\n", 0) == 0u,
      description);
  for (const std::string& line : lines_of(description)) BOOST_TEST(line.size() <= 80u, line);
  BOOST_TEST(lines_of(description).size() == 7u, description);
}

BOOST_AUTO_TEST_CASE(it_ships_the_program_plugins_lessons_sdk_manual_and_completion) {
  const auto listing = must_run({"/usr/bin/dpkg-deb", "-c", package().deb.string()}).out;
  std::size_t entries = 0;
  for (const std::string& line : lines_of(listing)) {
    const std::string path = line.substr(line.find("./"));
    BOOST_TEST((path == "./" || path.rfind("./usr/", 0) == 0), "outside /usr: " << path);
    ++entries;
  }
  BOOST_TEST(entries > 50u);

  const fs::path usr = unpacked() / "usr";
  for (const char* file :
       {"bin/neuronlab", "share/man/man1/neuronlab.1",
        "share/bash-completion/completions/neuronlab", "share/zsh/vendor-completions/_neuronlab",
        "share/neuronlab/lessons/01-one-neuron.yaml", "share/neuronlab/lessons/data/iris.csv",
        "include/neuronlab/sdk/plugin.hpp", "include/neuronlab/sdk/register.hpp",
        "share/doc/neuronlab/README.md", "share/doc/neuronlab/plugins.md",
        "share/doc/neuronlab/examples/out_of_tree_plugin/CMakeLists.txt"})
    BOOST_TEST(fs::is_regular_file(usr / file), file);
  for (const char* file :
       {"nl_activations.so", "nl_losses.so", "nl_optimizers.so", "nl_normalizations.so",
        "neuronlabConfig.cmake", "neuronlabTargets.cmake", "NeuronlabPlugin.cmake"})
    BOOST_TEST(!find_under(usr / "lib", file).empty(), file << " under usr/lib");
  if (package().from_setup)
    for (const char* file : {"libneuronlab_kernels_x86_64.so", "libneuronlab_kernels_x86_64_v3.so",
                             "libneuronlab_kernels_x86_64_v4.so"})
      BOOST_TEST(fs::is_regular_file(usr / "lib/x86_64-linux-gnu/neuronlab" / file), file);
  // The manual page is the packaged program's own, and man finds it by name.
  const std::string page = neuronlab::test::slurp((usr / "share/man/man1/neuronlab.1").string());
  BOOST_TEST(page == must_run({(usr / "bin/neuronlab").string(), "help", "--man"}).out);
  if (package().from_setup) {
    // Its FILES section names the folders where the package put them.
    const fs::path lib = find_under(usr / "lib", "nl_activations.so").parent_path();
    BOOST_TEST(lib.string().size() > unpacked().string().size());
    const std::string plugins = lib.string().substr(unpacked().string().size());
    BOOST_TEST(plugins == "/usr/lib/x86_64-linux-gnu/neuronlab/plugins");
    for (const std::string& dir : {plugins, std::string("/usr/share/neuronlab/lessons"),
                                   std::string("/usr/lib/x86_64-linux-gnu/cmake/neuronlab"),
                                   std::string("/usr/share/doc/neuronlab")}) {
      std::string in_roff;
      for (char c : dir + "/") in_roff += c == '-' ? std::string("\\-") : std::string(1, c);
      BOOST_TEST(has(page, ".TP\n\\fB" + in_roff + "\\fR\n"), dir << " in FILES");
      BOOST_TEST(fs::is_directory(unpacked().string() + dir), dir);
    }
  }
  setenv("MANPATH", (usr / "share/man").c_str(), 1);
  auto where = must_run({"/usr/bin/man", "-w", "neuronlab"});
  unsetenv("MANPATH");
  BOOST_TEST(where.out == (usr / "share/man/man1/neuronlab.1").string() + "\n");
}

BOOST_AUTO_TEST_CASE(the_unpacked_host_finds_its_plugins_and_runs_lesson_one) {
  const std::string host = (unpacked() / "usr/bin/neuronlab").string();
  auto version = must_run({host, "--version"});
  BOOST_TEST(version.out.rfind("neuronlab " NEURONLAB_TEST_VERSION " (plugin ABI ", 0) == 0u,
             version.out);
  if (package().from_setup) {
    // Its kernels are found beside the plugins, through the program's own RUNPATH, for every
    // x86-64 level the package holds.
    BOOST_TEST(has(version.out, "\nportable build running its x86-64"), version.out);
    __builtin_cpu_init();
    const std::pair<const char*, bool> levels[] = {
        {"x86-64", true},
        {"x86-64-v3", __builtin_cpu_supports("x86-64-v3") != 0},
        {"x86-64-v4", __builtin_cpu_supports("x86-64-v4") != 0}};
    for (const auto& [level, runs] : levels) {
      setenv("NEURONLAB_KERNELS", level, 1);
      auto forced = run_process({host, "--version"});
      unsetenv("NEURONLAB_KERNELS");
      if (runs)
        BOOST_TEST(
            has(forced.out, "\nportable build running its " + std::string(level) + " kernels ("),
            forced.out << forced.err);
      else
        BOOST_TEST(forced.status == 2, forced.out << forced.err);
    }
  } else
    BOOST_TEST_MESSAGE(
        "the package was made from this build tree; ./setup --package's portable "
        "variant is checked when NEURONLAB_TEST_DEB names its .deb");

  auto listed = must_run({host, "plugins", "--kind", "activation"});
  BOOST_TEST(has(listed.out, "\nactivation     relu          nl_activations.so "), listed.out);

  const fs::path state = scratch / "state";
  fs::remove_all(state);
  setenv("NEURONLAB_STATE_DIR", state.c_str(), 1);
  auto learned = run_process({host, "learn", "--auto", "1"});
  unsetenv("NEURONLAB_STATE_DIR");
  BOOST_TEST(learned.status == 0, learned.out << learned.err);
  BOOST_TEST(learned.err == "");
  BOOST_TEST(has(learned.out, ": One neuron\nObjectives:\n"), learned.out);
  BOOST_TEST(has(learned.out, "  a = sigmoid(0.14) = 0.534943\n"), learned.out);
  BOOST_TEST(has(learned.out, "passed  train_accuracy = 1, expected >= 1\n"), learned.out);
  BOOST_TEST(fs::exists(state / "progress.yaml"));
}

BOOST_AUTO_TEST_CASE(the_example_plugin_builds_against_the_unpacked_package) {
  const fs::path usr = unpacked() / "usr";
  const fs::path build = scratch / "plugin-build";
  fs::remove_all(build);
  must_run({NEURONLAB_TEST_CMAKE, "-S",
            (usr / "share/doc/neuronlab/examples/out_of_tree_plugin").string(), "-B",
            build.string(), "-DCMAKE_PREFIX_PATH=" + usr.string(), "-DCMAKE_BUILD_TYPE=Release"});
  // The package found is the unpacked one, not this build tree or one installed elsewhere.
  const std::string cache = neuronlab::test::slurp((build / "CMakeCache.txt").string());
  const fs::path config_dir = find_under(usr / "lib", "neuronlabConfig.cmake").parent_path();
  BOOST_TEST(has(cache, "neuronlab_DIR:PATH=" + config_dir.string() + "\n"), cache);
  must_run({NEURONLAB_TEST_CMAKE, "--build", build.string()});
  const fs::path library = build / "bent_identity.so";
  BOOST_TEST_REQUIRE(fs::exists(library));

  const std::string host = (usr / "bin/neuronlab").string();
  auto described = must_run({host, "--plugin-dir", build.string(), "plugins", "bent_identity"});
  BOOST_TEST(has(described.out, "  formula:    f(x) = (sqrt(x^2 + 1) - 1) / 2 + x\n"),
             described.out);
  auto checked = run_process({host, "plugins", "--check", fs::canonical(library).string()});
  BOOST_TEST(checked.status == 0, checked.out << checked.err);
}
