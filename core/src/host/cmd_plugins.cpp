// neuronlab plugins: list every loaded component, describe one, or check a library file.
#include "cli.hpp"

#include <neuronlab/sdk/abi.h>
#include <neuronlab/check.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>

namespace po = boost::program_options;

namespace neuronlab::host {

namespace {

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
          out += buffer;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

// JSON has no infinity: an unbounded end of a range is null.
std::string json_number(double v) {
  if (!std::isfinite(v)) return "null";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", v);
  return buffer;
}

std::string usage_text(const ComponentInfo& c) {
  if (c.kind != Kind::normalization) return "";
  std::string text = (c.usage & NL_USAGE_DATA) ? "data" : "";
  if (c.usage & NL_USAGE_LAYER) text += text.empty() ? "layer" : ", layer";
  return text;
}

std::string json_component(const ComponentInfo& c) {
  std::string out =
      "{\"kind\": " + json_string(kind_name(c.kind)) + ", \"name\": " + json_string(c.name) +
      ", \"summary\": " + json_string(c.summary) + ", \"formula\": " + json_string(c.formula) +
      ", \"reference\": " + json_string(c.reference);
  if (c.kind == Kind::normalization) out += ", \"usage\": " + json_string(usage_text(c));
  out += ", \"library\": " + json_string(c.library.string()) +
         ", \"module\": " + json_string(c.module_name) +
         ", \"module_version\": " + json_string(c.module_version) + ", \"parameters\": [";
  for (std::size_t i = 0; i < c.params.size(); ++i) {
    const ParamInfo& p = c.params[i];
    out += std::string(i ? ", " : "") + "{\"name\": " + json_string(p.name) +
           ", \"type\": " + json_string(type_name(p.type)) + ", \"default\": ";
    if (p.type == ParamType::boolean)
      out += p.default_value != 0.0 ? "true" : "false";
    else if (p.type == ParamType::choice)
      out += json_string(p.format_value(p.default_value));
    else
      out += json_number(p.default_value);
    if (p.type == ParamType::choice) {
      out += ", \"choices\": [";
      for (std::size_t k = 0; k < p.choices.size(); ++k)
        out += (k ? ", " : "") + json_string(p.choices[k]);
      out += "]";
    } else if (p.type != ParamType::boolean) {
      out += ", \"min\": " + json_number(p.min_value) +
             ", \"min_open\": " + (p.min_open ? "true" : "false") +
             ", \"max\": " + json_number(p.max_value) +
             ", \"max_open\": " + (p.max_open ? "true" : "false");
    }
    out += ", \"doc\": " + json_string(p.doc) + "}";
  }
  return out + "]}";
}

void print_table(const std::vector<const ComponentInfo*>& components) {
  std::size_t name_width = 4;
  for (const auto* c : components) name_width = std::max(name_width, c->name.size());
  auto pad = [](std::string s, std::size_t width) {
    s.resize(std::max(width, s.size()), ' ');
    return s;
  };
  std::cout << pad("KIND", 15) << pad("NAME", name_width + 2) << pad("LIBRARY", 24) << "SUMMARY\n";
  for (const auto* c : components)
    std::cout << pad(kind_name(c->kind), 15) << pad(c->name, name_width + 2)
              << pad(c->library.filename().string(), 24) << c->summary << "\n";
}

void describe(const ComponentInfo& c) {
  std::cout << c.name << " (" << kind_name(c.kind) << ")\n  " << c.summary << "\n\n"
            << "  formula:    " << c.formula << "\n"
            << "  reference:  " << c.reference << "\n";
  if (c.kind == Kind::normalization) std::cout << "  usage:      " << usage_text(c) << "\n";
  std::cout << "  library:    " << c.library.string() << " (" << c.module_name << " "
            << c.module_version << ")\n\n";
  if (c.params.empty()) {
    std::cout << "  parameters: none\n";
    return;
  }
  std::cout << "  parameters:\n";
  for (const auto& p : c.params)
    std::cout << "    " << p.name << "  (" << type_name(p.type) << ", default "
              << p.format_value(p.default_value) << ", " << p.range_text() << ")\n      " << p.doc
              << "\n";
}

// "relu" or "activation/relu"; a name shared by several kinds must say which.
const ComponentInfo& lookup(const Registry& registry, const std::string& wanted) {
  auto slash = wanted.find('/');
  if (slash != std::string::npos) {
    auto kind = parse_kind(wanted.substr(0, slash));
    if (!kind)
      throw UsageError("unknown plugin kind '" + wanted.substr(0, slash) +
                       "'\n  hint: kinds are activation, loss, optimizer, normalization");
    return registry.require(*kind, wanted.substr(slash + 1));
  }
  std::vector<const ComponentInfo*> matches;
  std::vector<std::string> names;
  for (const auto* c : registry.components()) {
    if (c->name == wanted) matches.push_back(c);
    names.push_back(c->name);
  }
  if (matches.size() == 1) return *matches.front();
  if (matches.empty())
    throw Error("no plugin named '" + wanted + "'" + did_you_mean(wanted, names) +
                "\n  hint: 'neuronlab plugins' lists every loaded plugin");
  std::string kinds;
  for (const auto* c : matches)
    kinds += std::string(kinds.empty() ? "" : ", ") + kind_name(c->kind);
  throw UsageError("'" + wanted + "' names several plugins (" + kinds +
                   ")\n  hint: say which, e.g. 'neuronlab plugins " + kind_name(matches[0]->kind) +
                   "/" + wanted + "'");
}

int check(const std::string& file, bool json) {
  auto results = check_library(file);
  bool all_passed = !results.empty();
  for (const auto& r : results) all_passed = all_passed && r.passed;
  if (json) {
    std::cout << "{\"library\": " << json_string(file)
              << ", \"passed\": " << (all_passed ? "true" : "false") << ", \"checks\": [";
    for (std::size_t i = 0; i < results.size(); ++i)
      std::cout << (i ? ", " : "") << "{\"passed\": " << (results[i].passed ? "true" : "false")
                << ", \"subject\": " << json_string(results[i].subject)
                << ", \"detail\": " << json_string(results[i].detail) << "}";
    std::cout << "]}\n";
  } else {
    std::cout << "checking " << file << "\n";
    for (const auto& r : results)
      std::cout << (r.passed ? "  pass  " : "  FAIL  ") << r.subject << ": " << r.detail << "\n";
    std::size_t failed = 0;
    for (const auto& r : results) failed += r.passed ? 0 : 1;
    std::cout << (all_passed ? "passed" : "FAILED") << ": " << results.size() - failed
              << " passed, " << failed << " failed\n";
  }
  return all_passed ? 0 : 1;
}

}  // namespace

int plugins_command(const GlobalOptions& global_in, const std::vector<std::string>& args) {
  GlobalOptions global = global_in;
  CommandLine line;
  line.usage = "neuronlab plugins [NAME | KIND/NAME] [--json] [--kind KIND] [--check FILE]";
  line.description =
      "Without NAME, lists every loaded plugin component: kind, name, library, summary.\n"
      "With NAME, describes one: summary, formula, reference and every parameter with its\n"
      "type, default, range and meaning. --check loads one library file on its own and\n"
      "reports every problem with it (exit status 1 if there is any).";
  line.options.add_options()                                                  //
      ("name", po::value<std::string>(), "the plugin to describe")            //
      ("json", po::bool_switch(), "print JSON instead of text, for scripts")  //
      ("kind", po::value<std::string>()->value_name("KIND"),
       "list only this kind: activation, loss, optimizer or normalization")  //
      ("check", po::value<std::string>()->value_name("FILE"), "check one plugin library file");
  line.positional.add("name", 1);
  po::variables_map vm;
  if (!parse_command(line, args, global, vm)) return 0;
  const bool json = vm["json"].as<bool>();

  if (vm.count("check")) {
    if (vm.count("name")) throw UsageError("give either NAME or --check FILE, not both");
    return check(vm["check"].as<std::string>(), json);
  }

  Registry registry = load_registry(global);
  if (vm.count("name")) {
    const ComponentInfo& c = lookup(registry, vm["name"].as<std::string>());
    if (json)
      std::cout << json_component(c) << "\n";
    else
      describe(c);
    return 0;
  }

  auto components = registry.components();
  if (vm.count("kind")) {
    auto kind = parse_kind(vm["kind"].as<std::string>());
    if (!kind)
      throw UsageError("unknown plugin kind '" + vm["kind"].as<std::string>() +
                       "'\n  hint: kinds are activation, loss, optimizer, normalization");
    components.erase(std::remove_if(components.begin(), components.end(),
                                    [&](const ComponentInfo* c) { return c->kind != *kind; }),
                     components.end());
  }
  if (json) {
    std::cout << "[";
    for (std::size_t i = 0; i < components.size(); ++i)
      std::cout << (i ? ",\n " : "") << json_component(*components[i]);
    std::cout << "]\n";
  } else if (components.empty()) {
    std::cout << "no plugins loaded\n";
  } else {
    print_table(components);
  }
  return 0;
}

}  // namespace neuronlab::host
