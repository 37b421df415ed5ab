// The host program as a user meets it: exit statuses and the exact messages.
#define BOOST_TEST_MODULE loader_host
#include "support/process.hpp"

#include <nlohmann/json.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using neuronlab::test::run_process;
using Json = nlohmann::json;

namespace {

std::string plugin(const std::string& name) {
  return fs::canonical(fs::path(LOADER_PLUGINS) / name / (name + ".so")).string();
}

neuronlab::test::ProcessResult host(std::vector<std::string> args) {
  args.insert(args.begin(), NEURONLAB_TEST_HOST);
  return run_process(args);
}

}  // namespace

BOOST_AUTO_TEST_CASE(lists_plugins_of_all_four_kinds_from_shared_libraries) {
  auto r = host({"plugins"});
  BOOST_TEST(r.status == 0);
  BOOST_TEST(r.err == "");
  for (const char* line : {"\nactivation     relu ", "\nloss ", "\noptimizer ", "\nnormalization "})
    BOOST_TEST(r.out.find(line) != std::string::npos, "missing: " << line);
  for (const char* lib :
       {"nl_activations.so", "nl_losses.so", "nl_optimizers.so", "nl_normalizations.so"})
    BOOST_TEST(r.out.find(lib) != std::string::npos, "missing: " << lib);
}

BOOST_AUTO_TEST_CASE(describes_one_plugin_with_every_parameter) {
  std::string dir = fs::path(plugin("test_scale")).parent_path().string();
  auto r = host({"--plugin-dir", dir, "plugins", "scale"});
  BOOST_TEST(r.status == 0);
  BOOST_TEST(r.out ==
             "scale (activation)\n"
             "  Multiplies by a constant factor (test plugin)\n\n"
             "  formula:    f(x) = factor * x\n"
             "  reference:  none\n"
             "  library:    " +
                 plugin("test_scale") +
                 " (loader-test-scale 1.2.3)\n\n"
                 "  parameters:\n"
                 "    factor  (real, default 2, (0, 10])\n      the constant factor\n"
                 "    repeat  (integer, default 1, a whole number in [1, 5])\n"
                 "      how many times to apply it\n"
                 "    negate  (boolean, default false, true or false)\n      negate the result\n"
                 "    mode  (choice, default plain, one of {plain, squared})\n"
                 "      plain: factor; squared: factor^2\n");
}

BOOST_AUTO_TEST_CASE(describes_as_json_with_unbounded_ranges_as_null) {
  auto r = host({"plugins", "relu", "--json"});
  BOOST_TEST(r.status == 0);
  const Json relu = Json::parse(r.out);
  BOOST_TEST(relu["kind"] == "activation");
  BOOST_TEST(relu["name"] == "relu");
  BOOST_TEST(relu["parameters"].empty());
  std::string dir = fs::path(plugin("test_scale")).parent_path().string();
  r = host({"plugins", "--plugin-dir", dir, "scale", "--json"});
  const Json scale = Json::parse(r.out);
  BOOST_TEST(scale["parameters"][0] == Json::parse(R"({"name": "factor", "type": "real",
      "default": 2, "min": 0, "min_open": true, "max": 10, "max_open": false,
      "doc": "the constant factor"})"));
  const Json& mode = scale["parameters"][3];
  BOOST_TEST(mode["default"] == "plain");
  BOOST_TEST(mode["choices"] == Json::parse(R"(["plain", "squared"])"));
  // An unbounded end of a range is null: JSON has no infinity.
  r = host({"plugins", "init/kaiming_uniform", "--json"});
  const Json kaiming = Json::parse(r.out);
  BOOST_TEST(kaiming["library"].is_null());  // built in
  BOOST_TEST(kaiming["parameters"][0]["min"].is_null());
  BOOST_TEST(kaiming["parameters"][0]["max"].is_null());
}

BOOST_AUTO_TEST_CASE(lists_and_describes_what_is_built_in_like_plugins) {
  auto r = host({"plugins", "--kind", "schedule"});
  BOOST_TEST(r.status == 0);
  BOOST_TEST(r.out ==
             "KIND           NAME         LIBRARY                 SUMMARY\n"
             "schedule       constant     (built in)              the optimizer's learning_rate "
             "in every epoch\n"
             "schedule       step         (built in)              multiplied by gamma every "
             "step_size epochs (StepLR)\n"
             "schedule       exponential  (built in)              multiplied by gamma every epoch "
             "(ExponentialLR)\n"
             "schedule       cosine       (built in)              half a cosine from lr0 down to "
             "eta_min over t_max epochs\n");
  r = host({"plugins", "spiral"});
  BOOST_TEST(r.status == 0);
  BOOST_TEST(r.out ==
             "spiral (generator)\n  arms of a spiral, one per class\n\n"
             "  library:    built into neuronlab\n\n"
             "  parameters:\n"
             "    samples  (integer, default 300, a whole number in [1, 1000000])\n"
             "      number of rows\n"
             "    noise  (real, default 0.2, [0, 100])\n"
             "      standard deviation of Gaussian noise added to the angle\n"
             "    classes  (integer, default 3, a whole number in [2, 10])\n"
             "      number of arms\n");
  r = host({"plugins", "--kind", "generators"});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(
      r.err.find("neuronlab plugins: error: unknown kind 'generators'\n  hint: kinds are "
                 "activation, loss, optimizer, normalization, init, schedule, generator\n") == 0u);
}

BOOST_AUTO_TEST_CASE(check_passes_a_good_library) {
  auto r = host({"plugins", "--check", plugin("test_scale")});
  BOOST_TEST(r.status == 0);
  // The structural checks; the numeric ones (tests/conformance) follow them.
  BOOST_TEST(r.out.rfind("checking " + plugin("test_scale") + "\n" +
                             "  pass  library: loaded loader-test-scale 1.2.3 with 1 component(s)\n"
                             "  pass  activation 'scale': created with its default parameters\n"
                             "  pass  activation 'scale': determinism: ",
                         0) == 0u,
             r.out);
  BOOST_TEST(r.out.find("FAIL") == std::string::npos);
  // 8 checks at the defaults, and one result each for factor and repeat off their defaults.
  BOOST_TEST(r.out.substr(r.out.rfind("passed: ")) == "passed: 10 passed, 0 failed\n");
}

BOOST_AUTO_TEST_CASE(check_reports_every_broken_library_with_status_1) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"test_not_a_plugin", "FAIL  library: not a neuronlab plugin"},
      {"test_abi2", "FAIL  library: built for plugin ABI 2, but this neuronlab loads ABI 1"},
      {"test_toolchain", "FAIL  library: it was built with toolchain 'other-compiler/abi-0'"},
      {"test_unresolved", "undefined symbol: neuronlab_test_symbol_nobody_defines"},
      {"test_throwing", "FAIL  loss 'throwing': loss 'throwing' from " + plugin("test_throwing") +
                            " failed to initialise: the throwing loss refuses to be created"},
      {"test_bad_schema",
       "FAIL  library: component skipped: activation 'bad_schema' parameter "
       "'alpha' has default 5 outside its own range [0, 1]"},
  };
  for (const auto& [name, expected] : cases) {
    auto r = host({"plugins", "--check", plugin(name)});
    BOOST_TEST(r.status == 1, name);
    BOOST_TEST(r.out.find(expected) != std::string::npos, name << " printed:\n" << r.out);
    BOOST_TEST(r.out.find("\nFAILED: ") != std::string::npos, name);
  }
  auto r = host({"plugins", "--check", "/nonexistent/plugin.so"});
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.out.find("FAIL  library: cannot open: No such file or directory") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(check_survives_a_plugin_that_crashes_and_names_the_check) {
  // The checks run in a child process: the crash is a result line, the host exits 1.
  auto r = host({"plugins", "--check", plugin("test_crashing")});
  BOOST_TEST(r.status == 1);
  BOOST_TEST(
      r.out ==
          "checking " + plugin("test_crashing") +
              "\n  pass  library: loaded loader-test-crashing 1.0.0 with 1 component(s)\n"
              "  pass  activation 'crashing': created with its default parameters\n"
              "  FAIL  activation 'crashing': crashed with SIGSEGV (Segmentation fault) during "
              "the determinism check (in a process of its own: neuronlab itself is "
              "unharmed)\nFAILED: 2 passed, 1 failed\n",
      r.out);
  auto json = host({"plugins", "--check", plugin("test_crashing"), "--json"});
  BOOST_TEST(json.status == 1);
  BOOST_TEST(json.out.find("crashed with SIGSEGV") != std::string::npos, json.out);
}

BOOST_AUTO_TEST_CASE(a_stray_library_in_a_plugin_dir_is_mentioned_only_with_verbose) {
  std::string dir = fs::path(plugin("test_not_a_plugin")).parent_path().string();
  auto quiet = host({"--plugin-dir", dir, "plugins"});
  BOOST_TEST(quiet.status == 0);
  BOOST_TEST(quiet.err == "");
  auto loud = host({"--plugin-dir", dir, "--verbose", "plugins"});
  BOOST_TEST(loud.status == 0);
  BOOST_TEST(loud.err == "neuronlab: note: " + dir +
                             "/test_not_a_plugin.so: not a neuronlab plugin (it exports no "
                             "neuronlab_module_v1); skipped without loading it\n");
}

BOOST_AUTO_TEST_CASE(a_broken_library_in_a_plugin_dir_is_a_warning_not_a_crash) {
  std::string dir = fs::path(plugin("test_abi2")).parent_path().string();
  auto r = host({"plugins", "--plugin-dir", dir});
  BOOST_TEST(r.status == 0);
  BOOST_TEST(r.err == "neuronlab: warning: " + dir +
                          "/test_abi2.so: built for plugin ABI 2, but this neuronlab loads ABI "
                          "1\n  hint: rebuild the plugin against this neuronlab's SDK\n");
  BOOST_TEST(r.out.find("\nactivation     relu ") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(usage_errors_suggest_and_exit_2) {
  auto r = host({"plugin"});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err ==
             "neuronlab: error: unknown command 'plugin' (did you mean 'plugins'?)\n"
             "Try 'neuronlab --help'.\n");
  r = host({"plugins", "--jsn"});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err ==
             "neuronlab plugins: error: unknown option '--jsn' (did you mean '--json'?)\n"
             "Try 'neuronlab plugins --help'.\n");
  r = host({"--verbos"});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err ==
             "neuronlab: error: unknown option '--verbos' (did you mean '--verbose'?)\n"
             "Try 'neuronlab --help'.\n");
  r = host({"plugins", "reluu"});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err.find("neuronlab: error: no plugin named 'reluu' (did you mean 'relu'?)") == 0u);
}

BOOST_AUTO_TEST_CASE(version_and_help) {
  auto r = host({"--version"});
  BOOST_TEST(r.status == 0);
  BOOST_TEST(r.out.rfind("neuronlab 0.1.0 (plugin ABI 1.0, ", 0) == 0u);
  r = host({"plugins", "--help"});
  BOOST_TEST(r.status == 0);
  BOOST_TEST(r.out.rfind("Usage: neuronlab plugins [NAME | KIND/NAME]", 0) == 0u);
  BOOST_TEST(r.out.find("--plugin-dir DIR") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_user_mistake_inside_a_plugin_exits_2_naming_the_component) {
  const fs::path dir = fs::path(NEURONLAB_TEST_BINARY_DIR) / "scratch" / "user_error";
  fs::create_directories(dir);
  const fs::path file = dir / "picky.yaml";
  std::ofstream(file) << "format_version: 1\nkind: experiment\nname: picky\nseed: 1\n"
                         "data:\n  generate: xor\nnetwork:\n  layers:\n"
                         "    - {neurons: 1, activation: sigmoid}\n"
                         "loss: binary_cross_entropy\n"
                         "optimizer: {name: picky, beta1: 0.95}\n"
                         "training: {epochs: 1, batch_size: 4}\n";
  const std::string plugins = fs::path(plugin("test_user_error")).parent_path().string();
  auto r = host({"--plugin-dir", plugins, "run", file.string()});
  BOOST_TEST(r.status == 2, r.out << r.err);
  BOOST_TEST(r.err.rfind("neuronlab: error: ", 0) == 0u, r.err);
  const std::string tail =
      "optimizer 'picky': beta1 (0.950000) must be smaller than beta2 (0.900000)\n"
      "  hint: the rule comes from " +
      plugin("test_user_error") + "; 'neuronlab plugins picky' describes the parameters\n";
  BOOST_TEST(r.err.size() >= tail.size());
  BOOST_TEST(r.err.substr(r.err.size() - std::min(r.err.size(), tail.size())) == tail, r.err);
  BOOST_TEST(r.err.find("internal error") == std::string::npos);
}
