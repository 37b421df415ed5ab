// The built-in losses against PyTorch (fixture written by tests/fixtures/gen_activation_loss.py),
// loaded through the registry: values and gradients on predictions and, for the fused cases,
// on logits; the fused pairs against the composition with their activation; finite results at
// the edges (p = 0 or 1, logits of ±1000); and the error for a prediction that is not a
// probability.
#define BOOST_TEST_MODULE losses
#include <boost/test/unit_test.hpp>

#include <map>
#include <set>

#include "fixture.hpp"

using fixture::Matrix;
using fixture::registry;
using neuronlab::Activation;
using neuronlab::Kind;
using neuronlab::Loss;

namespace {

const char* const kLosses[] = {
    "mse", "mae", "huber", "binary_cross_entropy", "categorical_cross_entropy", "hinge"};

const YAML::Node& losses() {
  static const YAML::Node node = fixture::load("losses.yaml");
  return node;
}

neuronlab::ParamMap sum_reduction() {
  neuronlab::ParamValue sum;
  sum.value = std::string("sum");
  return {{"reduction", sum}};
}

std::string error_of(const Loss& loss, const Matrix& p, const Matrix& t) {
  try {
    loss.forward(p.cview(), t.cview());
  } catch (const std::exception& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_catalog_is_complete) {
  for (const char* name : kLosses)
    BOOST_TEST(registry().find(Kind::loss, name) != nullptr, name << " is not registered");
  for (const auto& d : registry().diagnostics())
    BOOST_TEST((d.level != neuronlab::Diagnostic::Level::error), d.path << ": " << d.message);
}

// Every loss offers reduction mean|sum, mean by default as in PyTorch; huber's delta is 1.
BOOST_AUTO_TEST_CASE(schemas_carry_pytorch_defaults_and_docs) {
  for (const char* name : kLosses) {
    BOOST_TEST_CONTEXT(name) {
      const neuronlab::ComponentInfo* info = registry().find(Kind::loss, name);
      BOOST_TEST_REQUIRE(info != nullptr);
      BOOST_TEST(!info->formula.empty());
      BOOST_TEST(!info->reference.empty());
      const neuronlab::ParamInfo* reduction = info->param("reduction");
      BOOST_TEST_REQUIRE(reduction != nullptr);
      BOOST_TEST(reduction->choices == (std::vector<std::string>{"mean", "sum"}),
                 boost::test_tools::per_element());
      BOOST_TEST(reduction->default_value == 0.0);
      for (const auto& p : info->params) BOOST_TEST(!p.doc.empty(), p.name);
      BOOST_TEST(info->params.size() == (std::string(name) == "huber" ? 2u : 1u));
    }
  }
  BOOST_TEST(registry().find(Kind::loss, "huber")->param("delta")->default_value == 1.0);
}

BOOST_AUTO_TEST_CASE(fused_activations) {
  const std::map<std::string, std::string> fused = {{"binary_cross_entropy", "sigmoid"},
                                                    {"categorical_cross_entropy", "softmax"}};
  for (const char* name : kLosses) {
    const char* partner = registry().create<Loss>(name)->fused_activation();
    BOOST_TEST_CONTEXT(name) {
      if (fused.count(name)) {
        BOOST_TEST_REQUIRE(partner != nullptr);
        BOOST_TEST(partner == fused.at(name));
      } else {
        BOOST_TEST(partner == nullptr);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(values_and_gradients_match_pytorch) {
  std::set<std::string> covered, covered_fused;
  for (const auto& c : losses()["cases"]) {
    const std::string name = c["name"].as<std::string>();
    const bool fused = c["fused"].as<bool>();
    (fused ? covered_fused : covered).insert(c["loss"].as<std::string>());
    for (std::size_t pad : {0u, 2u}) {
      BOOST_TEST_CONTEXT("case " << name << ", row padding " << pad) {
        auto loss =
            registry().create<Loss>(c["loss"].as<std::string>(), fixture::params(c["params"]));
        const Matrix p(c["prediction"], pad), t(c["target"], pad);
        Matrix grad(p.rows, p.cols, pad);
        const double value = fused ? loss->forward_logits(p.cview(), t.cview())
                                   : loss->forward(p.cview(), t.cview());
        if (fused)
          loss->backward_logits(p.cview(), t.cview(), grad.view());
        else
          loss->backward(p.cview(), t.cview(), grad.view());
        const double want = c["value"].as<double>();
        BOOST_TEST(fixture::close(value, want), "value " << value << ", PyTorch " << want);
        fixture::check_close(grad, c["grad"], "grad");
      }
    }
  }
  for (const char* name : kLosses)
    BOOST_TEST(covered.count(name) == 1u, name << " has no PyTorch reference");
  BOOST_TEST(covered_fused.count("binary_cross_entropy") == 1u);
  BOOST_TEST(covered_fused.count("categorical_cross_entropy") == 1u);
}

// The fused pair must equal the loss composed with its activation: value, and the gradient
// carried back through the activation's backward. Logits are moderate, where the composed
// path is accurate too.
BOOST_AUTO_TEST_CASE(fused_equals_loss_after_activation) {
  for (const auto& c : losses()["cases"]) {
    if (!c["fused"].as<bool>()) continue;
    BOOST_TEST_CONTEXT("case " << c["name"].as<std::string>()) {
      auto loss =
          registry().create<Loss>(c["loss"].as<std::string>(), fixture::params(c["params"]));
      auto activation = registry().create<Activation>(loss->fused_activation());
      // The fixture's last two rows: logits within ±4.
      Matrix x(2, 3), t(2, 3), y(2, 3), grad_y(2, 3), composed(2, 3), direct(2, 3);
      for (std::size_t r = 0; r < 2; ++r)
        for (std::size_t col = 0; col < 3; ++col) {
          x.at(r, col) = c["prediction"][r + 2][col].as<float>();
          t.at(r, col) = c["target"][r + 2][col].as<float>();
        }
      activation->forward(x.cview(), y.view());
      const double value = loss->forward(y.cview(), t.cview());
      loss->backward(y.cview(), t.cview(), grad_y.view());
      activation->backward(x.cview(), y.cview(), grad_y.cview(), composed.view());
      loss->backward_logits(x.cview(), t.cview(), direct.view());
      BOOST_TEST(loss->forward_logits(x.cview(), t.cview()) == value,
                 boost::test_tools::tolerance(1e-5));
      for (std::size_t r = 0; r < 2; ++r)
        for (std::size_t col = 0; col < 3; ++col)
          BOOST_TEST(fixture::close(direct.at(r, col), composed.at(r, col)),
                     "[" << r << "][" << col << "] fused " << direct.at(r, col) << ", composed "
                         << composed.at(r, col));
    }
  }
}

// Logits of ±1000 through log-sum-exp: the exact loss, and the gradient softmax − t per row.
BOOST_AUTO_TEST_CASE(categorical_cross_entropy_on_logits_of_1000) {
  auto ce = registry().create<Loss>("categorical_cross_entropy");
  Matrix x(2, 3), t(2, 3), grad(2, 3);
  const float logits[2][3] = {{1000.0f, -1000.0f, 0.0f}, {-1000.0f, -1000.0f, 1000.0f}};
  for (std::size_t r = 0; r < 2; ++r)
    for (std::size_t c = 0; c < 3; ++c) x.at(r, c) = logits[r][c];
  t.at(0, 1) = 1.0f;  // the worst class: loss 2000
  t.at(1, 2) = 1.0f;  // the best class: loss 0
  const double value = ce->forward_logits(x.cview(), t.cview());
  ce->backward_logits(x.cview(), t.cview(), grad.view());
  BOOST_TEST(value == 1000.0, boost::test_tools::tolerance(1e-12));  // (2000 + 0) / 2 rows
  BOOST_TEST(grad.finite());
  const float want[2][3] = {{0.5f, -0.5f, 0.0f}, {0.0f, 0.0f, 0.0f}};
  for (std::size_t r = 0; r < 2; ++r)
    for (std::size_t c = 0; c < 3; ++c) BOOST_TEST(grad.at(r, c) == want[r][c]);

  auto sum = registry().create<Loss>("categorical_cross_entropy", sum_reduction());
  BOOST_TEST(sum->forward_logits(x.cview(), t.cview()) == 2000.0,
             boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(binary_cross_entropy_on_logits_of_1000) {
  auto bce = registry().create<Loss>("binary_cross_entropy");
  Matrix x(1, 4), t(1, 4), grad(1, 4);
  const float logits[] = {1000.0f, -1000.0f, 1000.0f, -1000.0f};
  const float targets[] = {0.0f, 1.0f, 1.0f, 0.0f};
  for (std::size_t c = 0; c < 4; ++c) {
    x.at(0, c) = logits[c];
    t.at(0, c) = targets[c];
  }
  BOOST_TEST(bce->forward_logits(x.cview(), t.cview()) == 500.0,  // (1000 + 1000 + 0 + 0) / 4
             boost::test_tools::tolerance(1e-12));
  bce->backward_logits(x.cview(), t.cview(), grad.view());
  const float want[] = {0.25f, -0.25f, 0.0f, 0.0f};
  for (std::size_t c = 0; c < 4; ++c) BOOST_TEST(grad.at(0, c) == want[c]);
}

// On probabilities, p = 0 and p = 1 are reachable in float (a saturated sigmoid or softmax):
// the clamped logs keep loss and gradient finite, every combination with the targets 0 and 1.
BOOST_AUTO_TEST_CASE(cross_entropies_at_probabilities_0_and_1_are_finite) {
  Matrix p(2, 2), t(2, 2), grad(2, 2);
  p.at(0, 1) = 1.0f;  // rows are also distributions, as softmax would give
  p.at(1, 0) = 1.0f;
  t.at(0, 0) = 1.0f;  // wrong with certainty
  t.at(1, 0) = 1.0f;  // right with certainty
  for (const char* name : {"binary_cross_entropy", "categorical_cross_entropy"}) {
    BOOST_TEST_CONTEXT(name) {
      auto loss = registry().create<Loss>(name);
      const double value = loss->forward(p.cview(), t.cview());
      loss->backward(p.cview(), t.cview(), grad.view());
      BOOST_TEST(std::isfinite(value));
      BOOST_TEST(grad.finite());
      // The wrong certainty costs the clamp, 100 per wrong element; the right one nothing.
      BOOST_TEST(value == (std::string(name) == "binary_cross_entropy" ? 200.0 / 4 : 100.0 / 2),
                 boost::test_tools::tolerance(1e-12));
      BOOST_TEST(grad.at(0, 0) < -1e10f);  // pushes the certain wrong p = 0 up, hard
      // Certainly right: BCE's (p − t) / p(1 − p) is 0; −t / p for categorical is −1 / batch.
      BOOST_TEST(grad.at(1, 0) == (std::string(name) == "binary_cross_entropy" ? 0.0f : -0.5f));
    }
  }
}

BOOST_AUTO_TEST_CASE(a_prediction_that_is_no_probability_is_an_error) {
  Matrix p(1, 2), t(1, 2);
  p.at(0, 0) = 0.25f;
  p.at(0, 1) = 1.5f;
  const std::string bce = error_of(*registry().create<Loss>("binary_cross_entropy"), p, t);
  BOOST_TEST(bce.find("prediction[0][1] = 1.5 is not a probability in [0, 1]") != std::string::npos,
             bce);
  BOOST_TEST(bce.find("sigmoid") != std::string::npos, bce);
  const std::string ce = error_of(*registry().create<Loss>("categorical_cross_entropy"), p, t);
  BOOST_TEST(ce.find("prediction[0][1] = 1.5") != std::string::npos, ce);
  BOOST_TEST(ce.find("softmax") != std::string::npos, ce);
  // NaN is passed on, so that the trainer reports a diverged run as such.
  p.at(0, 1) = std::nanf("");
  for (const char* name : {"binary_cross_entropy", "categorical_cross_entropy"})
    BOOST_TEST(std::isnan(registry().create<Loss>(name)->forward(p.cview(), t.cview())), name);
}

// Hinge takes its labels as {0, 1} or as {-1, +1}: the same scores give the same loss.
BOOST_AUTO_TEST_CASE(hinge_labels_01_and_pm1_agree) {
  auto hinge = registry().create<Loss>("hinge");
  Matrix p(2, 3), t01(2, 3), tpm(2, 3), g01(2, 3), gpm(2, 3);
  const float scores[] = {-2.0f, -0.5f, 0.25f, 0.75f, 1.5f, 3.0f};
  const float labels[] = {0.0f, 1.0f, 0.0f, 1.0f, 1.0f, 0.0f};
  for (std::size_t i = 0; i < 6; ++i) {
    p.at(i / 3, i % 3) = scores[i];
    t01.at(i / 3, i % 3) = labels[i];
    tpm.at(i / 3, i % 3) = 2.0f * labels[i] - 1.0f;
  }
  BOOST_TEST(hinge->forward(p.cview(), t01.cview()) == hinge->forward(p.cview(), tpm.cview()));
  // max(0, 1 - s p): 0, 1.5, 1.25, 0.25, 0, 4 → mean 7 / 6.
  BOOST_TEST(hinge->forward(p.cview(), t01.cview()) == 7.0 / 6.0,
             boost::test_tools::tolerance(1e-12));
  hinge->backward(p.cview(), t01.cview(), g01.view());
  hinge->backward(p.cview(), tpm.cview(), gpm.view());
  BOOST_TEST(g01.data == gpm.data, boost::test_tools::per_element());
}
