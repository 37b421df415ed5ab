// An outside author's path: install neuronlab to a prefix, build a plugin against the
// installed package with find_package + neuronlab_add_plugin, and load it with the installed
// host through --plugin-dir.
#define BOOST_TEST_MODULE install_out_of_tree
#include "support/process.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace fs = std::filesystem;
using neuronlab::test::run_process;

namespace {

neuronlab::test::ProcessResult cmake(std::vector<std::string> args) {
  args.insert(args.begin(), NEURONLAB_TEST_CMAKE);
  auto r = run_process(args);
  BOOST_TEST_REQUIRE(r.status == 0, "cmake failed:\n" << r.out << r.err);
  return r;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_plugin_built_against_the_installed_package_loads) {
  const fs::path root = fs::path(NEURONLAB_TEST_BINARY_DIR) / "scratch" / "install";
  const fs::path prefix = root / "prefix";
  const fs::path build = root / "plugin-build";
  fs::remove_all(root);

  cmake({"--install", NEURONLAB_TEST_BINARY_DIR, "--prefix", prefix.string()});
  BOOST_TEST(fs::exists(prefix / "include/neuronlab/sdk/plugin.hpp"));
  BOOST_TEST(fs::exists(prefix / "bin/neuronlab"));

  cmake({"-S", std::string(NEURONLAB_TEST_SOURCE_DIR) + "/docs/examples/out_of_tree_plugin", "-B",
         build.string(), "-DCMAKE_PREFIX_PATH=" + prefix.string(), "-DCMAKE_BUILD_TYPE=Release"});
  cmake({"--build", build.string()});
  const fs::path library = build / "bent_identity.so";
  BOOST_TEST_REQUIRE(fs::exists(library));

  // The installed host finds the installed built-in plugins next to itself, and the new one
  // through --plugin-dir.
  const std::string host = (prefix / "bin/neuronlab").string();
  auto listed =
      run_process({host, "--plugin-dir", build.string(), "plugins", "--kind", "activation"});
  BOOST_TEST(listed.status == 0);
  BOOST_TEST(listed.err == "");
  BOOST_TEST(
      listed.out.find("\nactivation     bent_identity  bent_identity.so ") != std::string::npos,
      listed.out);
  BOOST_TEST(listed.out.find("\nactivation     relu ") != std::string::npos, listed.out);

  auto described = run_process({host, "--plugin-dir", build.string(), "plugins", "bent_identity"});
  BOOST_TEST(described.status == 0);
  BOOST_TEST(described.out.find("  formula:    f(x) = (sqrt(x^2 + 1) - 1) / 2 + x\n") !=
             std::string::npos);
  BOOST_TEST(described.out.find("(bent-identity-example 1.0.0)") != std::string::npos);

  auto checked = run_process({host, "plugins", "--check", fs::canonical(library).string()});
  BOOST_TEST(checked.status == 0, checked.out);

  // What a plugin author needs: a C++17 compiler and its standard library. Every header the
  // installed SDK pulls in is its own or the standard library's, and the installed package
  // asks for no other package.
  const fs::path include = prefix / "include";
  auto deps = run_process({NEURONLAB_TEST_CXX, "-std=c++17", "-x", "c++", "-M", "-I",
                           include.string(), (include / "neuronlab/sdk/register.hpp").string()});
  BOOST_TEST_REQUIRE(deps.status == 0, deps.err);
  BOOST_TEST(deps.out.find("neuronlab/sdk/plugin.hpp") != std::string::npos, deps.out);
  BOOST_TEST(deps.out.find("boost") == std::string::npos, deps.out);
  for (const char* file : {"neuronlabConfig.cmake", "neuronlabTargets.cmake"}) {
    std::ifstream in(prefix / NEURONLAB_TEST_PACKAGE_DIR / file);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    BOOST_TEST(!text.empty(), file);
    BOOST_TEST(text.find("Boost") == std::string::npos, file);
  }
}
