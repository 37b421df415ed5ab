// The loader's failure classes and parameter validation, through the Registry API.
#define BOOST_TEST_MODULE loader_registry
#include <neuronlab/sdk/abi.h>
#include <neuronlab/registry.hpp>

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>

#include "support/errors.hpp"

namespace fs = std::filesystem;
using neuronlab::Diagnostic;
using neuronlab::Kind;
using neuronlab::ParamMap;
using neuronlab::Registry;

namespace {

fs::path plugin(const std::string& name) {
  return fs::path(LOADER_PLUGINS) / name / (name + ".so");
}

// A fresh, empty directory under the build tree.
fs::path scratch(const std::string& name) {
  fs::path dir = fs::path(NEURONLAB_TEST_BINARY_DIR) / "scratch" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

const Diagnostic& only_diagnostic(const Registry& r) {
  BOOST_TEST_REQUIRE(r.diagnostics().size() == 1u);
  return r.diagnostics().front();
}

bool mapped(const fs::path& library) {
  std::ifstream maps("/proc/self/maps");
  std::stringstream s;
  s << maps.rdbuf();
  return s.str().find(fs::canonical(library).string()) != std::string::npos;
}

using neuronlab::test::error_of;

ParamMap params(std::initializer_list<std::pair<const char*, neuronlab::ParamValue>> list) {
  ParamMap out;
  for (const auto& [k, v] : list) out.emplace_back(k, v);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_valid_plugin_loads_with_its_schema) {
  Registry r;
  BOOST_TEST(r.load_library(plugin("test_scale")));
  BOOST_TEST(r.diagnostics().empty());
  const auto* info = r.find(Kind::activation, "scale");
  BOOST_TEST_REQUIRE(info != nullptr);
  BOOST_TEST(info->module_name == "loader-test-scale");
  BOOST_TEST(info->module_version == "1.2.3");
  BOOST_TEST(info->library == fs::canonical(plugin("test_scale")));
  BOOST_TEST_REQUIRE(info->params.size() == 4u);
  BOOST_TEST(info->params[0].range_text() == "(0, 10]");
  BOOST_TEST(info->params[1].range_text() == "a whole number in [1, 5]");
  BOOST_TEST(info->params[2].range_text() == "true or false");
  BOOST_TEST(info->params[3].range_text() == "one of {plain, squared}");
  BOOST_TEST(info->params[3].format_value(1) == "squared");
}

BOOST_AUTO_TEST_CASE(parameters_reach_the_component) {
  Registry r;
  r.load_library(plugin("test_scale"));
  auto scale = r.create<neuronlab::Activation>(
      "scale", params({{"factor", {3.0, ""}}, {"repeat", {2.0, ""}}, {"negate", {true, ""}}}));
  float x[2] = {1.0f, -0.5f};
  float y[2] = {};
  scale->forward({x, 1, 2, 2}, {y, 1, 2, 2});
  BOOST_TEST(y[0] == -9.0f);
  BOOST_TEST(y[1] == 4.5f);
  auto squared = r.create<neuronlab::Activation>("scale", params({{"mode", {"squared", ""}}}));
  squared->forward({x, 1, 2, 2}, {y, 1, 2, 2});
  BOOST_TEST(y[0] == 4.0f);  // default factor 2, squared
}

BOOST_AUTO_TEST_CASE(bad_parameters_are_errors_with_where_and_a_hint) {
  Registry r;
  r.load_library(plugin("test_scale"));
  auto create = [&](ParamMap p) {
    return [&r, p] { r.create<neuronlab::Activation>("scale", p); };
  };
  BOOST_TEST(error_of(create(params({{"factr", {1.0, "run.yaml:4:7"}}}))) ==
             "run.yaml:4:7: unknown parameter 'factr' for activation 'scale' (did you mean "
             "'factor'?)\n  hint: its parameters are: factor, repeat, negate, mode; see 'neuronlab "
             "plugins scale'");
  BOOST_TEST(error_of(create(params({{"factor", {0.0, "a.yaml:2:3"}}}))) ==
             "a.yaml:2:3: parameter 'factor' of activation 'scale' is 0, outside its range (0, 10]"
             "\n  hint: the constant factor");
  BOOST_TEST(error_of(create(params({{"factor", {std::string("big"), ""}}}))) ==
             "parameter 'factor' of activation 'scale' must be a number in (0, 10]");
  BOOST_TEST(error_of(create(params({{"repeat", {2.5, ""}}}))) ==
             "parameter 'repeat' of activation 'scale' must be a whole number in [1, 5], not 2.5");
  BOOST_TEST(error_of(create(params({{"negate", {1.0, ""}}}))) ==
             "parameter 'negate' of activation 'scale' must be true or false");
  BOOST_TEST(error_of(create(params({{"mode", {std::string("squard"), ""}}}))) ==
             "parameter 'mode' of activation 'scale' must be one of {plain, squared}, not 'squard' "
             "(did you mean 'squared'?)");
  BOOST_TEST(error_of(create(params({{"factor", {1.0, ""}}, {"factor", {2.0, "b.yaml:3:1"}}}))) ==
             "b.yaml:3:1: parameter 'factor' of activation 'scale' is given twice");
}

BOOST_AUTO_TEST_CASE(an_unknown_component_name_suggests_the_closest) {
  Registry r;
  r.load_library(plugin("test_scale"));
  BOOST_TEST(error_of([&] { r.require(Kind::activation, "scal", "net.yaml:9:20"); }) ==
             "net.yaml:9:20: unknown activation 'scal' (did you mean 'scale'?)\n  hint: known: "
             "scale ('neuronlab plugins' lists them all)");
  BOOST_TEST(
      error_of([&] { r.require(Kind::optimizer, "adam"); }) ==
      "unknown optimizer 'adam'\n  hint: no optimizer plugins are loaded; check --plugin-dir "
      "and NEURONLAB_PLUGIN_PATH");
}

BOOST_AUTO_TEST_CASE(a_file_that_is_not_a_shared_library_is_skipped) {
  fs::path dir = scratch("text");
  std::ofstream(dir / "notes.so") << "this is text, not ELF\n";
  Registry r;
  r.load_directories({dir});
  const Diagnostic& d = only_diagnostic(r);
  BOOST_TEST((d.level == Diagnostic::Level::note));
  BOOST_TEST(d.message == "not a shared library (no ELF header)");
  BOOST_TEST(r.components().empty());
}

BOOST_AUTO_TEST_CASE(a_library_that_is_not_a_plugin_is_never_loaded) {
  // Its constructor aborts: reaching the checks below proves it was not loaded.
  Registry r;
  BOOST_TEST(!r.load_library(plugin("test_not_a_plugin")));
  const Diagnostic& d = only_diagnostic(r);
  BOOST_TEST((d.level == Diagnostic::Level::note));
  BOOST_TEST(
      d.message ==
      "not a neuronlab plugin (it exports no neuronlab_module_v1); skipped without loading it");
  BOOST_TEST(!mapped(plugin("test_not_a_plugin")));
}

BOOST_AUTO_TEST_CASE(an_abi_major_mismatch_is_refused_before_loading) {
  Registry r;
  BOOST_TEST(!r.load_library(plugin("test_abi2")));
  const Diagnostic& d = only_diagnostic(r);
  BOOST_TEST((d.level == Diagnostic::Level::warning));
  BOOST_TEST(d.message ==
             "built for plugin ABI 2, but this neuronlab loads ABI 1\n  hint: rebuild the plugin "
             "against this neuronlab's SDK");
  BOOST_TEST(!mapped(plugin("test_abi2")));
}

BOOST_AUTO_TEST_CASE(a_toolchain_mismatch_is_refused) {
  Registry r;
  BOOST_TEST(!r.load_library(plugin("test_toolchain")));
  BOOST_TEST(only_diagnostic(r).message ==
             std::string("it was built with toolchain 'other-compiler/abi-0', but this neuronlab "
                         "with '") +
                 NEURONLAB_TOOLCHAIN_TAG +
                 "'\n  hint: C++ objects cannot cross between them; rebuild the plugin with the "
                 "compiler and standard library neuronlab was built with");
  BOOST_TEST(r.components().empty());
}

BOOST_AUTO_TEST_CASE(an_unresolved_symbol_is_refused) {
  Registry r;
  BOOST_TEST(!r.load_library(plugin("test_unresolved")));
  BOOST_TEST(only_diagnostic(r).message ==
             "cannot be loaded: " + fs::canonical(plugin("test_unresolved")).string() +
                 ": undefined symbol: neuronlab_test_symbol_nobody_defines\n  hint: a symbol it "
                 "needs is missing; link the plugin with every library it uses "
                 "(neuronlab_add_plugin builds with -z defs to catch this at build time)");
}

BOOST_AUTO_TEST_CASE(a_create_that_throws_is_an_error) {
  Registry r;
  BOOST_TEST(r.load_library(plugin("test_throwing")));
  BOOST_TEST(error_of([&] { r.create<neuronlab::Loss>("throwing"); }) ==
             "loss 'throwing' from " + fs::canonical(plugin("test_throwing")).string() +
                 " failed to initialise: the throwing loss refuses to be created");
}

BOOST_AUTO_TEST_CASE(a_component_with_a_default_outside_its_range_is_skipped) {
  Registry r;
  BOOST_TEST(r.load_library(plugin("test_bad_schema")));
  BOOST_TEST(only_diagnostic(r).message ==
             "component skipped: activation 'bad_schema' parameter 'alpha' has default 5 outside "
             "its own range [0, 1]");
  BOOST_TEST(r.find(Kind::activation, "bad_schema") == nullptr);
}

BOOST_AUTO_TEST_CASE(the_first_of_two_same_named_components_wins) {
  Registry r;
  r.load_library(plugin("test_scale"));
  r.load_library(plugin("test_twin"));
  const Diagnostic& d = only_diagnostic(r);
  BOOST_TEST((d.level == Diagnostic::Level::warning));
  BOOST_TEST(d.path == plugin("test_twin"));
  BOOST_TEST(d.message == "duplicate activation 'scale' ignored; the one from " +
                              fs::canonical(plugin("test_scale")).string() +
                              " is used\n  hint: remove one of the two libraries, or rename one "
                              "component");
  BOOST_TEST(r.find(Kind::activation, "scale")->module_name == "loader-test-scale");
}

BOOST_AUTO_TEST_CASE(the_same_library_is_loaded_once) {
  Registry r;
  fs::path dir = plugin("test_scale").parent_path();
  r.load_directories({dir, dir / ".." / "test_scale"});
  BOOST_TEST(r.components().size() == 1u);
  BOOST_TEST(r.diagnostics().empty());
  BOOST_TEST(r.load_library(plugin("test_scale")));
  BOOST_TEST(only_diagnostic(r).message == "already loaded");
}

BOOST_AUTO_TEST_CASE(missing_and_empty_directories_are_warnings) {
  Registry r;
  fs::path empty = scratch("empty");
  r.load_directories({"/nonexistent/neuronlab-plugins", empty});
  BOOST_TEST_REQUIRE(r.diagnostics().size() == 2u);
  BOOST_TEST(
      r.diagnostics()[0].message ==
      "plugin directory does not exist\n  hint: check --plugin-dir and NEURONLAB_PLUGIN_PATH");
  BOOST_TEST(r.diagnostics()[1].message == "plugin directory is empty");
  BOOST_TEST(r.components().empty());
}

BOOST_AUTO_TEST_CASE(objects_keep_their_library_loaded) {
  std::shared_ptr<neuronlab::Activation> scale;
  {
    Registry r;
    r.load_library(plugin("test_scale"));
    scale = r.create<neuronlab::Activation>("scale");
  }
  BOOST_TEST(mapped(plugin("test_scale")));
  float x = 1.5f, y = 0.0f;
  scale->forward({&x, 1, 1, 1}, {&y, 1, 1, 1});
  BOOST_TEST(y == 3.0f);
  scale.reset();
  BOOST_TEST(!mapped(plugin("test_scale")));
}

BOOST_AUTO_TEST_CASE(the_search_path_is_flags_then_environment_then_next_to_the_program) {
  setenv("NEURONLAB_PLUGIN_PATH", "/env/one::/env/two", 1);
  auto dirs = neuronlab::plugin_search_path({"/flag/a", "/flag/b"});
  unsetenv("NEURONLAB_PLUGIN_PATH");
  BOOST_TEST_REQUIRE(dirs.size() == 5u);
  BOOST_TEST(dirs[0] == "/flag/a");
  BOOST_TEST(dirs[1] == "/flag/b");
  BOOST_TEST(dirs[2] == "/env/one");
  BOOST_TEST(dirs[3] == "/env/two");
  BOOST_TEST(dirs[4].filename() == "plugins");
  BOOST_TEST(dirs[4].parent_path().filename() == "neuronlab");
}
