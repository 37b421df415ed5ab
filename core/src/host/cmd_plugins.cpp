// neuronlab plugins: list every loaded component, describe one, or check a library file.
#include "cli.hpp"
#include "plugin_check.hpp"

#include <neuronlab/sdk/abi.h>
#include <neuronlab/check.hpp>
#include <neuronlab/data/generate.hpp>
#include <neuronlab/engine/network.hpp>
#include <neuronlab/engine/trainer.hpp>
#include <neuronlab/schema.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

#include <cmath>
#include <cstdio>
#include <iostream>

namespace po = boost::program_options;

namespace neuronlab::host {

namespace {

using Json = nlohmann::ordered_json;

// A thing configured by name with parameters, as this command shows it: a plugin component
// from a library, or one the host has built in (an init scheme, a schedule, a generator).
struct Entry {
  std::string kind, name, summary, formula, reference, usage;
  std::string library;  // empty: built in
  std::string module;
  const std::vector<ParamInfo>* params;
};

std::string usage_text(const ComponentInfo& c) {
  if (c.kind != Kind::normalization) return "";
  std::string text = (c.usage & NL_USAGE_DATA) ? "data" : "";
  if (c.usage & NL_USAGE_LAYER) text += text.empty() ? "layer" : ", layer";
  return text;
}

Entry entry(const ComponentInfo& c) {
  return {
      kind_name(c.kind), c.name,        c.summary,          c.formula,
      c.reference,       usage_text(c), c.library.string(), c.module_name + " " + c.module_version,
      &c.params};
}

Entry entry(const Schema& s) {
  return {s.kind, s.name, s.summary, s.formula, "", "", "", "", &s.params};
}

const std::vector<std::string>& host_kinds() {
  static const std::vector<std::string> kinds = {"init", "schedule", "generator"};
  return kinds;
}

const std::vector<const Schema*>& schemas_of(const std::string& kind) {
  if (kind == "init") return engine::init_schemas();
  if (kind == "schedule") return engine::schedule_schemas();
  return data::generator_schemas();
}

std::vector<Entry> everything(const Registry& registry) {
  std::vector<Entry> out;
  for (const ComponentInfo* c : registry.components()) out.push_back(entry(*c));
  for (const std::string& kind : host_kinds())
    for (const Schema* s : schemas_of(kind)) out.push_back(entry(*s));
  return out;
}

// JSON has no infinity: an unbounded end of a range is null.
Json json_number(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

Json json_entry(const Entry& e) {
  Json out = {{"kind", e.kind}, {"name", e.name}, {"summary", e.summary}, {"formula", e.formula}};
  if (!e.library.empty()) out["reference"] = e.reference;
  if (!e.usage.empty()) out["usage"] = e.usage;
  out["library"] = e.library.empty() ? Json(nullptr) : Json(e.library);
  Json params = Json::array();
  for (const ParamInfo& p : *e.params) {
    Json q = {{"name", p.name}, {"type", type_name(p.type)}};
    if (p.type == ParamType::boolean)
      q["default"] = p.default_value != 0.0;
    else if (p.type == ParamType::choice)
      q["default"] = p.format_value(p.default_value);
    else
      q["default"] = json_number(p.default_value);
    if (p.type == ParamType::choice) {
      q["choices"] = p.choices;
    } else if (p.type != ParamType::boolean) {
      q["min"] = json_number(p.min_value);
      q["min_open"] = p.min_open;
      q["max"] = json_number(p.max_value);
      q["max_open"] = p.max_open;
    }
    q["doc"] = p.doc;
    params.push_back(std::move(q));
  }
  out["parameters"] = std::move(params);
  return out;
}

void print_table(const std::vector<Entry>& entries) {
  std::size_t name_width = 4;
  for (const Entry& e : entries) name_width = std::max(name_width, e.name.size());
  auto pad = [](std::string s, std::size_t width) {
    s.resize(std::max(width, s.size()), ' ');
    return s;
  };
  std::cout << pad("KIND", 15) << pad("NAME", name_width + 2) << pad("LIBRARY", 24) << "SUMMARY\n";
  for (const Entry& e : entries)
    std::cout << pad(e.kind, 15) << pad(e.name, name_width + 2)
              << pad(e.library.empty() ? "(built in)"
                                       : std::filesystem::path(e.library).filename().string(),
                     24)
              << e.summary << "\n";
}

void describe(const Entry& e) {
  std::cout << e.name << " (" << e.kind << ")\n  " << e.summary << "\n\n";
  if (!e.formula.empty()) std::cout << "  formula:    " << e.formula << "\n";
  if (!e.reference.empty()) std::cout << "  reference:  " << e.reference << "\n";
  if (!e.usage.empty()) std::cout << "  usage:      " << e.usage << "\n";
  std::cout << "  library:    "
            << (e.library.empty() ? "built into neuronlab" : e.library + " (" + e.module + ")")
            << "\n\n";
  if (e.params->empty()) {
    std::cout << "  parameters: none\n";
    return;
  }
  std::cout << "  parameters:\n";
  for (const auto& p : *e.params)
    std::cout << "    " << p.name << "  (" << type_name(p.type) << ", default "
              << p.format_value(p.default_value) << ", " << p.range_text() << ")\n      " << p.doc
              << "\n";
}

bool host_kind(const std::string& kind) {
  const auto& kinds = host_kinds();
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

const std::string kinds_hint =
    "\n  hint: kinds are activation, loss, optimizer, normalization, init, schedule, generator";

// "relu" or "activation/relu", "spiral" or "generator/spiral"; a name shared by several
// kinds must say which.
Entry lookup(const Registry& registry, const std::string& wanted) {
  auto slash = wanted.find('/');
  if (slash != std::string::npos) {
    const std::string kind_text = wanted.substr(0, slash), name = wanted.substr(slash + 1);
    if (host_kind(kind_text))
      return entry(find_schema(schemas_of(kind_text), name, kind_text, kind_text + "s", ""));
    auto kind = parse_kind(kind_text);
    if (!kind) throw UsageError("unknown kind '" + kind_text + "'" + kinds_hint);
    return entry(registry.require(*kind, name));
  }
  std::vector<Entry> matches;
  std::vector<std::string> names;
  for (const Entry& e : everything(registry)) {
    if (e.name == wanted) matches.push_back(e);
    names.push_back(e.name);
  }
  if (matches.size() == 1) return matches.front();
  if (matches.empty())
    throw Error("no plugin named '" + wanted + "'" + did_you_mean(wanted, names) +
                "\n  hint: 'neuronlab plugins' lists every loaded plugin");
  std::string kinds;
  for (const Entry& e : matches) kinds += (kinds.empty() ? "" : ", ") + e.kind;
  throw UsageError("'" + wanted + "' names several plugins (" + kinds +
                   ")\n  hint: say which, e.g. 'neuronlab plugins " + matches[0].kind + "/" +
                   wanted + "'");
}

int check(const std::string& file, bool json) {
  if (!json) std::cout << "checking " << file << "\n" << std::flush;
  const std::vector<CheckResult> results = check_in_child(file, [&](const CheckResult& r) {
    if (json) return;
    std::cout << (r.passed ? "  pass  " : "  FAIL  ") << printable(r.subject) << ": "
              << printable(r.detail) << "\n"
              << std::flush;
  });
  bool all_passed = !results.empty();
  for (const auto& r : results) all_passed = all_passed && r.passed;
  if (json) {
    Json checks = Json::array();
    for (const auto& r : results)
      checks.push_back({{"passed", r.passed}, {"subject", r.subject}, {"detail", r.detail}});
    std::cout
        << Json{{"library", file}, {"passed", all_passed}, {"checks", std::move(checks)}}.dump(2)
        << "\n";
  } else {
    std::size_t failed = 0;
    for (const auto& r : results) failed += r.passed ? 0 : 1;
    std::cout << (all_passed ? "passed" : "FAILED") << ": " << results.size() - failed
              << " passed, " << failed << " failed\n";
  }
  return all_passed ? 0 : 1;
}

}  // namespace

CommandLine plugins_command_line() {
  CommandLine line;
  line.usage =
      "neuronlab plugins [NAME | KIND/NAME] [--kind KIND] [--json]\n"
      "       neuronlab plugins --check FILE [--json]";
  line.description =
      "Without NAME, lists every loaded plugin component (activation, loss, optimizer,\n"
      "normalization) and what neuronlab has built in (init schemes, schedules, data\n"
      "generators): kind, name, library, summary. With NAME, describes one: summary,\n"
      "formula, reference and every parameter with its type, default, range and meaning.\n"
      "--check loads one library file on its own, in a child process, and reports every\n"
      "problem with it.";
  line.options.add_options()                                                            //
      ("name", po::value<std::string>()->value_name("NAME"), "the plugin to describe")  //
      ("json", po::bool_switch(), "print JSON instead of text, for scripts")            //
      ("kind", po::value<std::string>()->value_name("KIND"),
       "list only this kind: activation, loss, optimizer, normalization, init, schedule or "
       "generator")  //
      ("check", po::value<std::string>()->value_name("FILE"), "check one plugin library file");
  line.positional.add("name", 1);
  line.values["name"] = {ValueKind::plugins};
  line.values["kind"] = {
      ValueKind::words,
      {"activation", "loss", "optimizer", "normalization", "init", "schedule", "generator"}};
  line.values["check"] = {ValueKind::files, {"so"}};
  line.examples = {{"neuronlab plugins", "every loaded plugin"},
                   {"neuronlab plugins leaky_relu", "one plugin: formula, parameters, ranges"},
                   {"neuronlab plugins --kind optimizer --json", "the optimizers, for scripts"},
                   {"neuronlab plugins --check build/my_plugin.so", "check a library you wrote"}};
  line.exit_statuses = {{0, "listed, described, or the library passed every check"},
                        {1, "the library checked has a problem"},
                        {2, "an unknown plugin or kind, or a mistake on the command line"}};
  return line;
}

int plugins_command(const GlobalOptions& global_in, const std::vector<std::string>& args) {
  GlobalOptions global = global_in;
  CommandLine line = plugins_command_line();
  po::variables_map vm;
  if (!parse_command(line, args, global, vm)) return 0;
  const bool json = vm["json"].as<bool>();

  if (vm.count("check")) {
    if (vm.count("name")) throw UsageError("give either NAME or --check FILE, not both");
    return check(vm["check"].as<std::string>(), json);
  }

  Registry registry = load_registry(global);
  if (vm.count("name")) {
    const Entry e = lookup(registry, vm["name"].as<std::string>());
    if (json)
      std::cout << json_entry(e).dump(2) << "\n";
    else
      describe(e);
    return 0;
  }

  std::vector<Entry> entries = everything(registry);
  if (vm.count("kind")) {
    const std::string kind = vm["kind"].as<std::string>();
    if (!host_kind(kind) && !parse_kind(kind))
      throw UsageError("unknown kind '" + kind + "'" + kinds_hint);
    entries.erase(std::remove_if(entries.begin(), entries.end(),
                                 [&](const Entry& e) { return e.kind != kind; }),
                  entries.end());
  }
  if (json) {
    Json list = Json::array();
    for (const Entry& e : entries) list.push_back(json_entry(e));
    std::cout << list.dump(2) << "\n";
  } else if (entries.empty()) {
    std::cout << "no plugins loaded\n";
  } else {
    print_table(entries);
  }
  return 0;
}

}  // namespace neuronlab::host
