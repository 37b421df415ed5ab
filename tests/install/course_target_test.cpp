// The README's first command builds only what the course needs. ./setup builds the `course`
// target; configured afresh (with the test suites and the benchmark switched on, as a
// developer's tree is), that target depends on the host and the built-in plugins and on no
// target of tests/ or bench/ (read from CMake's file API).
#define BOOST_TEST_MODULE install_course_target
#include "support/process.hpp"
#include "support/text.hpp"

#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using json = nlohmann::json;
using neuronlab::test::has;
using neuronlab::test::run_process;

BOOST_AUTO_TEST_CASE(setup_builds_the_course_target_and_only_the_test_command_builds_all) {
  const std::string setup =
      neuronlab::test::slurp(std::string(NEURONLAB_TEST_SOURCE_DIR) + "/setup");
  BOOST_TEST(has(setup, "cmake --build \"$build\" -j \"$(nproc)\" --target course\n"));
  // The one unrestricted build is the one ctest follows.
  BOOST_TEST(has(setup,
                 "  cmake --build \"$build\" -j \"$(nproc)\"\n"
                 "  ctest --test-dir \"$build\""));
}

BOOST_AUTO_TEST_CASE(the_course_target_builds_the_host_and_plugins_and_nothing_of_tests) {
  const fs::path build = fs::path(NEURONLAB_TEST_BINARY_DIR) / "scratch" / "course-target";
  fs::remove_all(build);
  // CMake's file API: a query before configuring, a reply with every target's dependencies.
  fs::create_directories(build / ".cmake/api/v1/query");
  std::ofstream(build / ".cmake/api/v1/query/codemodel-v2").close();
  auto configured = run_process({NEURONLAB_TEST_CMAKE, "-S", NEURONLAB_TEST_SOURCE_DIR, "-B",
                                 build.string(), "-DCMAKE_BUILD_TYPE=Release",
                                 "-DNEURONLAB_BUILD_TESTS=ON", "-DNEURONLAB_BUILD_BENCH=ON"});
  BOOST_TEST_REQUIRE(configured.status == 0, configured.out << configured.err);

  const fs::path reply = build / ".cmake/api/v1/reply";
  fs::path index;
  for (const auto& e : fs::directory_iterator(reply))
    if (e.path().filename().string().rfind("codemodel-v2-", 0) == 0) index = e.path();
  BOOST_TEST_REQUIRE(!index.empty(), "no codemodel reply in " << reply);
  const auto model = json::parse(neuronlab::test::slurp(index.string()));
  // Each target: its name, its source folder and the ids of the targets it depends on.
  struct Target {
    std::string name, folder;
    std::vector<std::string> depends;
  };
  std::map<std::string, Target> targets;  // by id
  std::string course_id;
  for (const auto& t : model["configurations"][0]["targets"]) {
    const auto detail =
        json::parse(neuronlab::test::slurp((reply / t["jsonFile"].get<std::string>()).string()));
    Target target{detail["name"], detail["paths"]["source"], {}};
    for (const auto& d : detail.value("dependencies", json::array()))
      target.depends.push_back(d["id"]);
    if (target.name == "course") course_id = t["id"];
    targets[t["id"]] = target;
  }
  BOOST_TEST_REQUIRE(!course_id.empty(), "no course target");

  std::set<std::string> built, todo{course_id};
  while (!todo.empty()) {
    const std::string id = *todo.begin();
    todo.erase(todo.begin());
    if (!built.insert(targets.at(id).name).second) continue;
    for (const auto& d : targets.at(id).depends) todo.insert(d);
  }
  for (const char* needed : {"neuronlab", "nl_activations", "nl_losses", "nl_optimizers",
                             "nl_normalizations", "neuronlab_engine", "neuronlab_lesson"})
    BOOST_TEST(built.count(needed) == 1u, needed);
  std::size_t everything = 0;
  for (const auto& [id, t] : targets) {
    const bool elsewhere = t.folder.rfind("tests", 0) == 0 || t.folder.rfind("bench", 0) == 0;
    everything += elsewhere ? 1 : 0;
    if (elsewhere) BOOST_TEST(built.count(t.name) == 0u, t.name << " (" << t.folder << ")");
  }
  BOOST_TEST(everything > 40u);  // the suites and the benchmark are targets of this tree
  fs::remove_all(build);
}
