// Learning-rate schedules (trainer.hpp): their schemas, a schedule from its parameters, and
// the rate of each epoch in the closed forms of torch.optim.lr_scheduler.
#include <neuronlab/engine/trainer.hpp>

#include <cmath>

namespace neuronlab::engine {

const std::vector<const Schema*>& schedule_schemas() {
  static const std::vector<Schema> table = {
      {"schedule", "constant", "the optimizer's learning_rate in every epoch", "lr0", {}},
      {"schedule",
       "step",
       "multiplied by gamma every step_size epochs (StepLR)",
       "lr0 · gamma^floor(epoch / step_size)",
       {integer_param("step_size", 1, 1, 1000000, "epochs between two decays"),
        real_param("gamma", 0.1, 0, 1, "the factor of each decay", true)}},
      {"schedule",
       "exponential",
       "multiplied by gamma every epoch (ExponentialLR)",
       "lr0 · gamma^epoch",
       {real_param("gamma", 0.1, 0, 1, "the factor of each epoch", true)}},
      {"schedule",
       "cosine",
       "half a cosine from lr0 down to eta_min over t_max epochs",
       "eta_min + (lr0 − eta_min)·(1 + cos(π·epoch / t_max)) / 2  (CosineAnnealingLR)",
       {integer_param("t_max", 0, 0, 1000000, "epochs of the half cycle; 0: the number of epochs"),
        real_param("eta_min", 0.0, 0, 1e6, "the rate it ends at")}},
  };
  static const std::vector<const Schema*> schemas = schema_list(table);
  return schemas;
}

Schedule make_schedule(const std::string& name, const ParamValues& v, std::size_t epochs) {
  Schedule s;
  if (name == "step") {
    s.kind = Schedule::Kind::step;
    s.step_size = std::size_t(v.integer("step_size"));
    s.gamma = v.real("gamma");
  } else if (name == "exponential") {
    s.kind = Schedule::Kind::exponential;
    s.gamma = v.real("gamma");
  } else if (name == "cosine") {
    s.kind = Schedule::Kind::cosine;
    s.t_max = v.integer("t_max") == 0 ? epochs : std::size_t(v.integer("t_max"));
    s.eta_min = v.real("eta_min");
  }
  return s;
}

double Schedule::rate(double base, std::size_t epoch) const {
  const double e = double(epoch);
  switch (kind) {
    case Kind::constant:
      return base;
    case Kind::step:
      return base * std::pow(gamma, std::floor(e / double(step_size)));
    case Kind::exponential:
      return base * std::pow(gamma, e);
    case Kind::cosine:
      return eta_min + (base - eta_min) * (1.0 + std::cos(M_PI * e / double(t_max))) / 2.0;
  }
  return base;
}

}  // namespace neuronlab::engine
