// 'neuronlab __complete WORD... CURRENT': shell completion, answered by the program itself
// from the same command table and CommandLines that parse the command line, so the two agree.
// The shell scripts (completion/) print what comes back: one candidate per line, or a line
// ':files EXT,...' (files with those extensions, and folders to go into), ':files' (any file)
// or ':folders'.
#include <neuronlab/lesson/catalog.hpp>

#include <filesystem>
#include <iostream>
#include <set>

#include "cli.hpp"

namespace po = boost::program_options;

namespace neuronlab::host {
namespace {

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

void offer(const std::vector<std::string>& candidates, const std::string& current) {
  std::set<std::string> seen;
  for (const std::string& c : candidates)
    if (starts_with(c, current) && seen.insert(c).second) std::cout << c << "\n";
}

std::vector<std::string> lesson_names() {
  std::vector<std::string> names;
  try {
    for (const lesson::LessonEntry& l : lesson::list_lessons(lesson::default_lessons_directory())) {
      names.push_back(std::to_string(l.number));
      names.push_back(l.id);
    }
  } catch (const Error&) {
    // No course next to the program: nothing to offer, and nothing to say while typing.
  }
  return names;
}

// Bash splits words at '=' (COMP_WORDBREAKS), so "--out=DIR" arrives as "--out", "=", "DIR":
// joined again here. An option and '=' just before the word being typed become the option
// alone, so that the word is taken as its value.
std::vector<std::string> joined_at_equals(const std::vector<std::string>& words) {
  std::vector<std::string> joined;
  bool glue = false;
  for (const std::string& word : words) {
    if (word == "=" && !joined.empty() && starts_with(joined.back(), "--") && !glue &&
        joined.back().find('=') == std::string::npos) {
      glue = true;
    } else if (glue) {
      joined.back() += "=" + word;
      glue = false;
    } else {
      joined.push_back(word);
    }
  }
  return joined;
}

// The folders --plugin-dir names among the words typed so far, before the command or after
// it: the command will load their plugins, so completion offers them too.
std::vector<std::filesystem::path> plugin_dirs_in(const std::vector<std::string>& words) {
  const std::string flag = "--plugin-dir";
  std::vector<std::filesystem::path> dirs;
  for (std::size_t w = 0; w < words.size(); ++w) {
    if (words[w] == flag && w + 1 < words.size()) {
      dirs.emplace_back(words[++w]);
    } else if (starts_with(words[w], flag + "=")) {
      dirs.emplace_back(words[w].substr(flag.size() + 1));
    }
  }
  return dirs;
}

std::vector<std::string> plugin_names(const std::string& kind,
                                      const std::vector<std::filesystem::path>& dirs) {
  Registry registry;  // its diagnostics are not printed: completion must stay quiet
  registry.load_directories(plugin_search_path(dirs));
  std::vector<std::string> names;
  for (const ComponentInfo* c : registry.components())
    if (kind.empty() || kind == kind_name(c->kind)) names.push_back(c->name);
  return names;
}

void offer_value(const ValueKind& value, const std::string& current,
                 const std::vector<std::filesystem::path>& plugin_dirs) {
  switch (value.kind) {
    case ValueKind::anything:
      return;
    case ValueKind::files: {
      std::string line = ":files";
      for (std::size_t i = 0; i < value.choices.size(); ++i)
        line += (i ? "," : " ") + value.choices[i];
      std::cout << line << "\n";
      return;
    }
    case ValueKind::folders:
      std::cout << ":folders\n";
      return;
    case ValueKind::lessons:
      offer(lesson_names(), current);
      std::cout << ":files yaml\n";  // a lesson file of one's own
      return;
    case ValueKind::plugins:
      offer(plugin_names(value.plugin_kind, plugin_dirs), current);
      return;
    case ValueKind::words:
      offer(value.choices, current);
      return;
  }
}

// The option a word names, among the command's and the global ones.
const po::option_description* option_named(const po::options_description& options,
                                           const std::string& word) {
  try {
    if (starts_with(word, "--") && word.size() > 2)
      return options.find_nothrow(word.substr(2, word.find('=') - 2), false);
    if (word.size() == 2 && word != "--")
      return options.find_nothrow(word.substr(1), false, false, true);
  } catch (const po::error&) {
    // An ambiguous name: nothing is known about what follows it.
  }
  return nullptr;
}

std::vector<std::string> option_words(const po::options_description& options,
                                      const std::set<std::string>& skip) {
  std::vector<std::string> words;
  for (const auto& o : options.options()) {
    if (skip.count(o->long_name())) continue;
    words.push_back("--" + o->long_name());
    if (const std::string flag = short_flag(*o); !flag.empty()) words.push_back(flag);
  }
  return words;
}

// What the shell may offer for a plot's arguments depends on the kind of picture.
ValueKind plot_arguments(const std::string& kind) {
  if (kind == "curves") return {ValueKind::files, {"json"}};
  if (kind == "activations") return {ValueKind::plugins, {}, "activation"};
  return {ValueKind::files, {"yaml", "yml"}};  // a saved model
}

}  // namespace

int complete_command(const GlobalOptions&, const std::vector<std::string>& words) {
  if (words.empty()) return 0;
  const std::string& current = words.back();
  const std::vector<std::string> before =
      joined_at_equals(std::vector<std::string>(words.begin(), words.end() - 1));
  const std::vector<std::filesystem::path> plugin_dirs = plugin_dirs_in(before);
  const po::options_description top = top_level_options();

  std::size_t i = 0;
  while (i < before.size() && starts_with(before[i], "-")) {
    const po::option_description* o = option_named(top, before[i]);
    if (o && o->semantic()->max_tokens() > 0 && before[i].find('=') == std::string::npos) {
      if (i + 1 == before.size()) {
        offer_value(global_values().at(o->long_name()), current, plugin_dirs);
        return 0;
      }
      ++i;
    }
    ++i;
  }
  if (i == before.size()) {
    std::vector<std::string> names;
    if (starts_with(current, "-"))
      names = option_words(top, {});
    else
      for (const Command& c : commands()) names.push_back(c.name);
    offer(names, current);
    return 0;
  }

  const Command* command = find_command(before[i]);
  if (!command) return 0;
  if (!command->line) {  // help: a command's name, or --man
    std::vector<std::string> names = {"--man"};
    if (i + 1 == before.size())
      for (const Command& c : commands()) names.push_back(c.name);
    offer(names, current);
    return 0;
  }
  const CommandLine line = command->line();
  po::options_description all;
  po::options_description globals;
  add_global_options(globals);
  all.add(line.options).add(globals);
  all.add_options()("help,h", "");
  auto value_of = [&](const std::string& name) {
    const auto own = line.values.find(name);
    if (own != line.values.end()) return own->second;
    const auto global = global_values().find(name);
    return global != global_values().end() ? global->second : ValueKind{};
  };

  std::vector<std::string> arguments;  // the positional words so far
  const po::option_description* pending = nullptr;
  for (std::size_t w = i + 1; w < before.size(); ++w) {
    const std::string& word = before[w];
    if (pending) {
      pending = nullptr;
    } else if (starts_with(word, "-") && word.size() > 1) {
      const po::option_description* o = option_named(all, word);
      if (o && o->semantic()->max_tokens() > 0 && word.find('=') == std::string::npos) pending = o;
    } else {
      arguments.push_back(word);
    }
  }
  if (pending) {
    offer_value(value_of(pending->long_name()), current, plugin_dirs);
    return 0;
  }
  if (starts_with(current, "-")) {
    offer(option_words(all, unlisted_options(line)), current);
    return 0;
  }
  if (arguments.size() >= line.positional.max_total_count()) return 0;
  const std::string name =
      line.positional.name_for_position(static_cast<unsigned>(arguments.size()));
  if (command->name == std::string("plot") && name == "inputs")
    offer_value(plot_arguments(arguments.front()), current, plugin_dirs);
  else
    offer_value(value_of(name), current, plugin_dirs);
  return 0;
}

}  // namespace neuronlab::host
