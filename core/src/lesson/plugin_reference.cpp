// The reference values of a plugin exercise (plugin_reference.hpp).
#include "plugin_reference.hpp"

#include <neuronlab/lesson/steps.hpp>

#include <cmath>
#include <vector>

namespace neuronlab::lesson {
namespace {

std::string number(double v) { return trace_number(v); }

bool close(double got, double want) {
  return std::fabs(got - want) <= 1e-4 * std::max(1.0, std::fabs(want));
}

class ActivationReference final : public PluginReference {
 public:
  struct Value {
    double x, f, df;
  };
  std::vector<Value> values;

  Kind kind() const override { return Kind::activation; }
  std::size_t size() const override { return values.size(); }

  bool compare(const Registry& registry, const std::string& name,
               std::ostream& out) const override {
    const std::size_t n = values.size();
    std::vector<float> x(n), y(n), ones(n, 1.0f), dx(n);
    for (std::size_t i = 0; i < n; ++i) x[i] = static_cast<float>(values[i].x);
    try {
      const auto f = registry.create<Activation>(name);
      f->forward(ConstMatrixView(x.data(), n, 1, 1), MatrixView{y.data(), n, 1, 1});
      f->backward(ConstMatrixView(x.data(), n, 1, 1), ConstMatrixView(y.data(), n, 1, 1),
                  ConstMatrixView(ones.data(), n, 1, 1), MatrixView{dx.data(), n, 1, 1});
    } catch (const std::exception& e) {
      out << "  FAILED  your activation threw: " << e.what() << "\n";
      return false;
    }
    bool all = true;
    for (std::size_t i = 0; i < n; ++i) {
      const Value& r = values[i];
      if (!close(y[i], r.f)) {
        out << "  FAILED  your f at x = " << number(r.x) << " is " << number(y[i])
            << "; it should be " << number(r.f) << "\n";
        all = false;
      }
      if (!close(dx[i], r.df)) {
        out << "  FAILED  your derivative at x = " << number(r.x) << " is " << number(dx[i])
            << "; it should be " << number(r.df) << "\n";
        all = false;
      }
    }
    return all;
  }
};

class OptimizerReference final : public PluginReference {
 public:
  struct Step {
    double gradient, value;
  };
  ParamMap parameters;
  double start = 0;
  std::vector<Step> steps;

  Kind kind() const override { return Kind::optimizer; }
  std::size_t size() const override { return steps.size(); }

  // One weight from `start`, stepped with each gradient in turn; the first wrong value is
  // said (the ones after it follow from it).
  bool compare(const Registry& registry, const std::string& name,
               std::ostream& out) const override {
    float value = static_cast<float>(start), grad = 0.0f;
    const Tensor tensor{"weight", &value, &grad, 1};
    try {
      const auto optimizer = registry.create<Optimizer>(name, parameters);
      optimizer->bind(&tensor, 1);
      for (std::size_t i = 0; i < steps.size(); ++i) {
        grad = static_cast<float>(steps[i].gradient);
        const float before = value;
        optimizer->step(&tensor, 1);
        if (!close(value, steps[i].value)) {
          out << "  FAILED  step " << i + 1 << ": from weight " << number(before)
              << " with gradient " << number(steps[i].gradient) << " your optimizer gives "
              << number(value) << "; it should give " << number(steps[i].value) << "\n";
          return false;
        }
      }
    } catch (const std::exception& e) {
      out << "  FAILED  your optimizer threw: " << e.what() << "\n";
      return false;
    }
    return true;
  }
};

}  // namespace

std::unique_ptr<const PluginReference> read_plugin_reference(const yaml::YamlReader& in,
                                                             const YAML::Node& node, Kind kind) {
  const YAML::Node refs = in.require(
      node, "reference", "plugin_exercise",
      kind == Kind::optimizer ? "the weights to expect: [{gradient: 0.5, value: 0.95}, ...]"
                              : "values to compare with: [{x: -2, f: ..., df: ...}]");
  if (!refs.IsSequence() || refs.size() == 0)
    in.fail(refs, kind == Kind::optimizer
                      ? "plugin_exercise.reference must be a list of {gradient, value}"
                      : "plugin_exercise.reference must be a list of {x, f, df}");
  if (kind == Kind::optimizer) {
    auto made = std::make_unique<OptimizerReference>();
    made->start =
        in.real(in.require(node, "start", "plugin_exercise", "the weight before the first step"),
                "start", -1e6, 1e6);
    if (const YAML::Node p = node["parameters"]) {
      in.expect_map(p, "plugin_exercise.parameters");
      for (auto it = p.begin(); it != p.end(); ++it)
        made->parameters.emplace_back(it->first.Scalar(),
                                      in.param_value(it->second, it->first.Scalar()));
    }
    for (const YAML::Node& r : refs) {
      in.expect_map(r, "a reference step");
      in.check_keys(r, "a reference step", {"gradient", "value"});
      made->steps.push_back(
          {in.real(in.require(r, "gradient", "a reference step", "the weight's gradient"),
                   "gradient", -1e6, 1e6),
           in.real(in.require(r, "value", "a reference step", "the weight after the step"), "value",
                   -1e12, 1e12)});
    }
    return made;
  }
  for (const char* key : {"start", "parameters"})
    if (node[key])
      throw Error(in.key_where(node, key) + ": plugin_exercise." + key +
                  " is for an optimizer exercise (kind: optimizer)");
  auto made = std::make_unique<ActivationReference>();
  for (const YAML::Node& r : refs) {
    in.expect_map(r, "a reference value");
    in.check_keys(r, "a reference value", {"x", "f", "df"});
    made->values.push_back(
        {in.real(in.require(r, "x", "a reference value", "the input"), "x", -1e6, 1e6),
         in.real(in.require(r, "f", "a reference value", "f(x)"), "f", -1e12, 1e12),
         in.real(in.require(r, "df", "a reference value", "f'(x)"), "df", -1e12, 1e12)});
  }
  return made;
}

}  // namespace neuronlab::lesson
