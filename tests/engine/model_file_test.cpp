// Model files: save → load → predict is bit-identical (weights, batch_norm parameters and
// running statistics, input standardization), the write is atomic, and a bad file says why.
#define BOOST_TEST_MODULE engine_model_file
#include <boost/test/unit_test.hpp>

#include <neuronlab/engine/model_file.hpp>
#include <neuronlab/engine/trainer.hpp>
#include <neuronlab/error.hpp>

#include <unistd.h>

#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>

#include "support.hpp"
#include "support/errors.hpp"

using namespace neuronlab;
using namespace neuronlab::engine;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("neuronlab-engine-model-" + std::to_string(getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  BOOST_REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

using neuronlab::test::error_of;

// A trained 4 → 6 (relu, batch_norm) → 3 (softmax) classifier on standardized inputs.
struct Trained {
  std::vector<float> raw = support::uniform(30 * 4, -5.0, 20.0, 1);
  std::vector<float> x = raw;
  std::vector<float> y = std::vector<float>(30 * 3, 0.0f);
  Network network{
      support::network(4, {support::layer(6, "relu", "batch_norm"), support::layer(3, "softmax")}),
      support::registry(), 3};
  ModelInfo info;

  Trained() {
    for (std::size_t r = 0; r < 30; ++r) y[r * 3 + r % 3] = 1.0f;
    info.task = data::Task::categorical;
    info.feature_names = {"a", "b", "c", "d"};
    info.target_name = "kind";
    info.class_names = {"x", "y", "z"};
    info.input_normalization.name = "standardize";
    info.input_normalization.object = support::registry().create<Normalization>("standardize");
    info.input_normalization.object->fit(support::view(raw, 4));
    info.input_normalization.object->transform(support::view(raw, 4), {x.data(), 30, 4, 4});
    TrainingOptions o;
    o.epochs = 5;
    o.batch_size = 8;
    o.task = data::Task::categorical;
    o.loss = "categorical_cross_entropy";
    o.optimizer = "adam";
    Trainer trainer(network, support::registry(), o);
    trainer.fit(support::view(x, 4), support::view(y, 3));
  }

  std::vector<float> predict(Network& n) {
    const ConstMatrixView out = n.forward(support::view(x, 4), false);
    return std::vector<float>(out.data, out.data + out.rows * out.cols);
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(save_load_predict_is_bit_identical) {
  TempDir dir;
  Trained trained;
  const fs::path file = dir.path / "model.yaml";
  save_model(file, trained.network, trained.info);
  BOOST_TEST(read(file).rfind("format_version: 1\nkind: model\n", 0) == 0u);
  // Only the model: the temporary file was renamed over it.
  BOOST_TEST(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);

  Model loaded = load_model(file, support::registry());
  BOOST_TEST(loaded.info.class_names == trained.info.class_names);
  BOOST_TEST(loaded.info.feature_names == trained.info.feature_names);
  BOOST_TEST(loaded.info.target_name == "kind");
  BOOST_TEST((loaded.info.task == data::Task::categorical));
  BOOST_TEST(loaded.network.spec().layers[0].normalization == "batch_norm");

  const std::vector<float> before = trained.predict(trained.network);
  const std::vector<float> after = trained.predict(loaded.network);
  BOOST_REQUIRE(before.size() == after.size());
  BOOST_TEST(std::memcmp(before.data(), after.data(), before.size() * sizeof(float)) == 0);

  // The restored standardization transforms new rows exactly as the fitted one.
  std::vector<float> again(trained.raw.size());
  loaded.info.input_normalization.object->transform(support::view(trained.raw, 4),
                                                    {again.data(), 30, 4, 4});
  BOOST_TEST(std::memcmp(again.data(), trained.x.data(), again.size() * sizeof(float)) == 0);

  // Saving the loaded model writes the same file.
  const fs::path copy = dir.path / "copy.yaml";
  save_model(copy, loaded.network, loaded.info);
  BOOST_TEST(read(copy) == read(file));
}

BOOST_AUTO_TEST_CASE(an_unknown_format_version_is_refused) {
  TempDir dir;
  Trained trained;
  const fs::path file = dir.path / "model.yaml";
  save_model(file, trained.network, trained.info);
  write(file, replace(read(file), "format_version: 1", "format_version: 2"));
  BOOST_TEST(error_of([&] { load_model(file, support::registry()); }) ==
             file.string() +
                 ":1:17: format_version 2 is not supported; this neuronlab reads model files of "
                 "format_version 1 (load it with the neuronlab that saved it, or train and save "
                 "it again)");
}

BOOST_AUTO_TEST_CASE(a_missing_plugin_is_named) {
  TempDir dir;
  Trained trained;
  const fs::path file = dir.path / "model.yaml";
  save_model(file, trained.network, trained.info);
  write(file, replace(read(file), "{name: softmax}", "{name: sparsemax}"));
  const std::string m = error_of([&] { load_model(file, support::registry()); });
  BOOST_TEST_INFO(m);
  BOOST_TEST(m.rfind(file.string() + ":", 0) == 0u);
  BOOST_TEST(m.find("unknown activation 'sparsemax'") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(damaged_files_say_where) {
  TempDir dir;
  Trained trained;
  const fs::path file = dir.path / "model.yaml";
  save_model(file, trained.network, trained.info);
  const std::string text = read(file);
  const auto bias = text.rfind("bias: [");
  write(file, text.substr(0, bias) + "bias: [0.5, oops, 1]\n");
  const std::string m = error_of([&] { load_model(file, support::registry()); });
  BOOST_TEST_INFO(m);
  BOOST_TEST(m.find("expected a number, not 'oops'; the model file is damaged") !=
             std::string::npos);

  write(file, "format_version: 1\nlayers: [\n");
  BOOST_TEST(
      error_of([&] { load_model(file, support::registry()); }).rfind(file.string() + ":", 0) == 0u);
  BOOST_TEST(error_of([&] { load_model(dir.path / "absent.yaml", support::registry()); }) ==
             (dir.path / "absent.yaml").string() +
                 ": no such file (check the path; a relative path is taken from the current "
                 "folder)");
}
