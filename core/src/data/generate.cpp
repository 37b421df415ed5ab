// The generator table, built from generators.def, and generate().
#include <neuronlab/data/generate.hpp>

namespace neuronlab::data {

namespace synthetic {
#define NEURONLAB_GENERATOR(f) const Generator& f();
#include "generators.def"
#undef NEURONLAB_GENERATOR
}  // namespace synthetic

const std::vector<const Generator*>& generators() {
  static const std::vector<const Generator*> table = {
#define NEURONLAB_GENERATOR(f) &synthetic::f(),
#include "generators.def"
#undef NEURONLAB_GENERATOR
  };
  return table;
}

const std::vector<const Schema*>& generator_schemas() {
  static const std::vector<const Schema*> schemas = [] {
    std::vector<const Schema*> out;
    for (const Generator* g : generators()) out.push_back(&g->schema);
    return out;
  }();
  return schemas;
}

const Generator& require_generator(const std::string& name, const std::string& where) {
  const Schema& schema = find_schema(generator_schemas(), name, "generator", "generators", where);
  for (const Generator* g : generators())
    if (&g->schema == &schema) return *g;
  throw std::logic_error("a generator schema without its generator");
}

Dataset generate(const std::string& name, const ParamMap& params, std::uint64_t seed,
                 const std::string& where) {
  const Generator& generator = require_generator(name, where);
  return generator.make(resolve(generator.schema, params), seed);
}

}  // namespace neuronlab::data
