// The loader's failure classes and parameter validation, through the Registry API.
#define BOOST_TEST_MODULE loader_registry
#include <neuronlab/sdk/abi.h>
#include <neuronlab/registry.hpp>

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>
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
  // A choice value no index can hold (from a damaged descriptor, found by fuzz_descriptor)
  // is shown as the number, never cast.
  BOOST_TEST(info->params[3].format_value(7.68463e49) == "7.68463e+49");
  BOOST_TEST(info->params[3].format_value(-1) == "-1");
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
                         "was built with '") +
                 NEURONLAB_TOOLCHAIN_TAG +
                 "'\n  hint: C++ objects cannot cross between them; rebuild the plugin with the "
                 "compiler and standard library neuronlab was built with");
  BOOST_TEST(r.components().empty());
}

BOOST_AUTO_TEST_CASE(a_hostile_descriptor_is_refused_before_it_is_read) {
  const std::string rebuild = "\n  hint: rebuild the plugin against this neuronlab's SDK";
  const std::pair<const char*, std::string> cases[] = {
      {"test_hostile_count",
       "its descriptor lists 100000000 components, more than the 1000 a library may hold (the "
       "descriptor is damaged)" +
           rebuild},
      {"test_hostile_pointer",
       "its component table is not readable memory (the descriptor is damaged)" + rebuild},
      {"test_hostile_escape",
       "component #1's summary holds a control character (\\x1b), which would act on the "
       "terminal that lists it" +
           rebuild},
      {"test_hostile_long",
       "component #1's summary is longer than 4096 bytes, or not readable text" + rebuild},
      {"test_hostile_data",
       "it exports neuronlab_module_v1 as data, not as a function, so it cannot be called\n  "
       "hint: define it with NEURONLAB_MODULE(name, version)"},
  };
  for (const auto& [name, message] : cases) {
    Registry r;
    BOOST_TEST(!r.load_library(plugin(name)), name);
    BOOST_TEST(only_diagnostic(r).message == message, name);
    BOOST_TEST(r.components().empty());
  }
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

BOOST_AUTO_TEST_CASE(a_user_mistake_in_a_constructor_is_a_parameter_error_naming_the_component) {
  Registry r;
  BOOST_TEST(r.load_library(plugin("test_user_error")));
  const std::string library = fs::canonical(plugin("test_user_error")).string();
  auto picky = [&](double beta1, const std::string& where) {
    return [&r, beta1, where] {
      r.create<neuronlab::Optimizer>("picky", params({{"beta1", {beta1, "run.yaml:7:22"}}}), where);
    };
  };
  const std::string expected =
      "run.yaml:7:12: optimizer 'picky': beta1 (0.950000) must be smaller than beta2 (0.900000)\n"
      "  hint: the rule comes from " +
      library + "; 'neuronlab plugins picky' describes the parameters";
  BOOST_TEST(error_of(picky(0.95, "run.yaml:7:12")) == expected);
  // A distinct type, still an Error: the host exits with status 2 for it.
  BOOST_CHECK_THROW(picky(0.95, "")(), neuronlab::ParameterError);
  BOOST_TEST(error_of(picky(0.25, "")) == "no error");
}

BOOST_AUTO_TEST_CASE(any_other_failure_of_a_constructor_names_the_component_and_its_library) {
  Registry r;
  r.load_library(plugin("test_throwing"));
  try {
    r.create<neuronlab::Loss>("throwing", {}, "run.yaml:3:7");
    BOOST_FAIL("created");
  } catch (const neuronlab::ParameterError&) {
    BOOST_FAIL("a fault of the plugin was reported as the user's mistake");
  } catch (const neuronlab::Error& e) {
    BOOST_TEST(std::string(e.what()) == "run.yaml:3:7: loss 'throwing' from " +
                                            fs::canonical(plugin("test_throwing")).string() +
                                            " failed to initialise: the throwing loss refuses "
                                            "to be created");
  }
}

BOOST_AUTO_TEST_CASE(a_later_minor_with_larger_structs_loads_and_works) {
  Registry r;
  BOOST_TEST(r.load_library(plugin("test_future_minor")));
  BOOST_TEST(r.diagnostics().empty());
  // Both components and both of their parameters: the tables were walked with the plugin's
  // element sizes, not this host's.
  const auto* first = r.find(Kind::activation, "future_first");
  const auto* second = r.find(Kind::activation, "future_second");
  BOOST_TEST_REQUIRE(first != nullptr);
  BOOST_TEST_REQUIRE(second != nullptr);
  BOOST_TEST(second->module_version == "1.1.0");
  BOOST_TEST_REQUIRE(second->params.size() == 2u);
  BOOST_TEST(second->params[0].name == "gain");
  BOOST_TEST(second->params[1].name == "shift");
  BOOST_TEST(second->params[1].default_value == 1.0);
  BOOST_TEST(second->params[1].range_text() == "[-5, 5]");
  BOOST_TEST(second->fuses_with == "");
  auto a = r.create<neuronlab::Activation>("future_first", params({{"offset", {0.5, ""}}}));
  auto b = r.create<neuronlab::Activation>("future_second");
  float x = 2.0f, y = 0.0f;
  a->forward({&x, 1, 1, 1}, {&y, 1, 1, 1});
  BOOST_TEST(y == 4.5f);  // slope 2, offset 0.5
  b->forward({&x, 1, 1, 1}, {&y, 1, 1, 1});
  BOOST_TEST(y == 27.0f);  // (gain 3 + 10) · 2 + shift 1
}

BOOST_AUTO_TEST_CASE(descriptor_structs_smaller_than_the_hosts_are_refused) {
  Registry r;
  BOOST_TEST(!r.load_library(plugin("test_future_shrunk")));
  BOOST_TEST(only_diagnostic(r).message ==
             "its descriptor structures (nl_module/nl_component/nl_param) have sizes " +
                 std::to_string(sizeof(nl_module) + 8) + "/" +
                 std::to_string(sizeof(nl_component) - 8) + "/" +
                 std::to_string(sizeof(nl_param) + 16) + ", smaller than this neuronlab's " +
                 std::to_string(sizeof(nl_module)) + "/" + std::to_string(sizeof(nl_component)) +
                 "/" + std::to_string(sizeof(nl_param)) +
                 " (ABI 1.1)\n  hint: rebuild the plugin against this neuronlab's SDK");
  BOOST_TEST(r.components().empty());
}

BOOST_AUTO_TEST_CASE(only_a_loss_may_declare_fuses_with) {
  Registry r;
  BOOST_TEST(r.load_library(plugin("test_future_misfused")));
  BOOST_TEST(only_diagnostic(r).message ==
             "component skipped: activation 'future_second' declares fuses_with 'sigmoid', "
             "which only a loss may");
  BOOST_TEST(r.find(Kind::activation, "future_first") != nullptr);
}

BOOST_AUTO_TEST_CASE(a_loss_declares_its_fused_activation_in_the_descriptor) {
  Registry r;
  r.load_library(plugin("test_fused"));
  const auto* info = r.find(Kind::loss, "scaled_square");
  BOOST_TEST_REQUIRE(info != nullptr);
  BOOST_TEST(info->fuses_with == "scale");
  auto loss = r.create<neuronlab::Loss>("scaled_square");
  BOOST_TEST_REQUIRE(loss->fused_activation() != nullptr);
  BOOST_TEST(std::string(loss->fused_activation()) == "scale");
  r.load_library(plugin("test_throwing"));
  BOOST_TEST(r.find(Kind::loss, "throwing")->fuses_with == "");
}

BOOST_AUTO_TEST_CASE(the_pairing_of_a_loss_and_its_output_activation_is_checked) {
  Registry r;
  r.load_library(plugin("test_fused"));
  r.load_library(plugin("test_scale"));
  r.load_library(plugin("test_future_minor"));
  BOOST_TEST(r.check_pairing("scaled_square", "scale", {}, "net.yaml:4:5"));
  // A parameter given at its default value changes nothing.
  BOOST_TEST(r.check_pairing("scaled_square", "scale", params({{"factor", {2.0, ""}}})));
  // Another output activation: allowed, not fused.
  BOOST_TEST(!r.check_pairing("scaled_square", "future_first", {}));
  BOOST_TEST(error_of([&] {
               r.check_pairing("scaled_square", "scale",
                               params({{"mode", {std::string("squared"), "net.yaml:4:40"}}}),
                               "net.yaml:4:5");
             }) ==
             "net.yaml:4:5: loss 'scaled_square' fuses with the output activation 'scale' "
             "and computes it itself at its default parameters, but 'mode' is squared here "
             "(default plain)\n  hint: leave scale's parameters at their defaults, or "
             "choose a loss that takes the activation's output");
  // The activation's own parameters are validated as usual, and names must be known.
  BOOST_TEST(error_of([&] {
               r.check_pairing("scaled_square", "scale", params({{"factor", {0.0, "n.yaml:2:3"}}}));
             }) ==
             "n.yaml:2:3: parameter 'factor' of activation 'scale' is 0, outside its range "
             "(0, 10]\n  hint: the constant factor");
  BOOST_TEST(error_of([&] { r.check_pairing("scaled_squar", "scale", {}, "n.yaml:1:7"); }) ==
             "n.yaml:1:7: unknown loss 'scaled_squar' (did you mean 'scaled_square'?)\n  hint: "
             "known: scaled_square ('neuronlab plugins' lists them all)");
}

BOOST_AUTO_TEST_CASE(a_stripped_plugin_still_loads) {
  // strip removes .symtab (which Boost 1.74's library_info::symbols() reads) but keeps the
  // dynamic symbol table, where the entry point is found.
  fs::path dir = scratch("stripped");
  fs::copy_file(plugin("test_scale"), dir / "test_scale.so");
  const std::string command =
      std::string(NEURONLAB_TEST_STRIP) + " --strip-all '" + (dir / "test_scale.so").string() + "'";
  BOOST_TEST_REQUIRE(std::system(command.c_str()) == 0);
  std::ifstream file(dir / "test_scale.so", std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  BOOST_TEST_REQUIRE(bytes.find(".symtab") == std::string::npos);  // really stripped
  Registry r;
  BOOST_TEST(r.load_library(dir / "test_scale.so"));
  BOOST_TEST(r.diagnostics().empty());
  BOOST_TEST(r.find(Kind::activation, "scale") != nullptr);
}

BOOST_AUTO_TEST_CASE(a_library_for_another_machine_is_refused_unread) {
  // An ELF header for another machine: the loader reads no further and never loads it.
  std::ifstream in(plugin("test_scale"), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  bytes[18] = static_cast<char>(bytes[18] ^ 0x01);  // e_machine, little-endian low byte
  fs::path dir = scratch("machine");
  std::ofstream(dir / "other.so", std::ios::binary) << bytes;
  Registry r;
  BOOST_TEST(!r.load_library(dir / "other.so"));
  BOOST_TEST(only_diagnostic(r).message ==
             "unreadable ELF file (built for another machine or word size)");
}
