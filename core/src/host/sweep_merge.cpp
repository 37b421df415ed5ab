// neuronlab sweep-merge: the folders of a sweep's shards joined into one table, computed from
// the runs' own metrics as one run of the whole sweep computes it (sweep_parts.hpp).
#include <neuronlab/io/atomic_file.hpp>
#include <neuronlab/io/files.hpp>

#include <nlohmann/json.hpp>

#include <iostream>
#include <map>

#include "sweep_parts.hpp"

namespace neuronlab::host {

namespace fs = std::filesystem;
using Json = nlohmann::json;

CommandLine sweep_merge_command_line() {
  namespace po = boost::program_options;
  CommandLine line;
  line.usage = "neuronlab sweep-merge DIR... --out DIR [--force]";
  line.description =
      "Joins the folders of a sweep's shards (neuronlab run SWEEP.yaml --shard i/N --out DIR)\n"
      "into one table, as one run of the whole sweep would make it: sweep.csv, the table,\n"
      "the overlaid curves and index.html in the --out folder, which links to the runs\n"
      "where they are. The folders must hold shards of the same sweep (the same file, --set\n"
      "options, grid, repeats and seed).";
  line.options.add_options()  //
      ("dirs", po::value<std::vector<std::string>>()->value_name("DIR")->composing(),
       "the shards' folders")                                                              //
      ("out", po::value<std::string>()->value_name("DIR"), "where the merged table goes")  //
      ("force", po::bool_switch(), "replace what the --out folder holds");
  line.positional.add("dirs", -1);
  line.values["dirs"] = {ValueKind::folders};
  line.values["out"] = {ValueKind::folders};
  line.examples = {{"neuronlab sweep-merge shard-1 shard-2 --out sweep",
                    "two shards' folders joined into sweep/"}};
  line.exit_statuses = {{0, "the table was written"},
                        {1, "a run of the sweep is missing from every folder"},
                        {2, "folders of different sweeps, or a folder that is not a sweep's"}};
  return line;
}

int sweep_merge_command(const GlobalOptions& global_in, const std::vector<std::string>& args) {
  namespace po = boost::program_options;
  GlobalOptions global = global_in;
  CommandLine line = sweep_merge_command_line();
  po::variables_map vm;
  if (!parse_command(line, args, global, vm)) return 0;
  if (!vm.count("dirs")) throw UsageError("give the shards' folders: neuronlab sweep-merge DIR...");
  if (!vm.count("out")) throw UsageError("give the folder for the merged table: --out DIR");
  const std::vector<std::string> dirs = vm["dirs"].as<std::vector<std::string>>();
  Json first;
  std::string first_dir;
  std::map<std::string, fs::path> found;  // member folder → where it is
  for (const std::string& dir : dirs) {
    const fs::path file = fs::path(dir) / "sweep.json";
    std::error_code ec;
    if (!fs::exists(file, ec))
      throw Error(dir +
                  ": not a sweep's folder (it has no sweep.json); give the folders that "
                  "'neuronlab run SWEEP.yaml --shard i/N --out DIR' made");
    Json m;
    try {
      m = Json::parse(io::read_file(file));
      (void)sweep_of(m.at("sweep"));
    } catch (const std::exception& e) {
      throw Error(file.string() + ": not a sweep's manifest (" + e.what() + ")");
    }
    if (first.is_null()) {
      first = m, first_dir = dir;
    } else if (m.at("sweep") != first.at("sweep")) {
      std::string what;
      for (const char* key : {"file_fingerprint", "set", "axes", "repeats", "seed", "metric"})
        if (m["sweep"][key] != first["sweep"][key])
          what += (what.empty() ? "" : ", ") +
                  std::string(std::string(key) == "file_fingerprint" ? "the file's text" : key);
      throw Error(dir + " holds another sweep than " + first_dir + " (" + what +
                  " differ); merge only the shards of one sweep");
    }
    for (const Json& member : m.at("members"))
      found.emplace(member.at("folder").get<std::string>(),
                    fs::path(dir) / "runs" / member.at("folder").get<std::string>());
  }
  const experiment::Sweep sweep = sweep_of(first.at("sweep"));
  const std::vector<experiment::SweepMember> all = experiment::sweep_members(sweep);
  std::vector<experiment::SweepMember> members;
  std::vector<fs::path> folders;
  std::size_t missing = 0;
  for (const auto& m : all) {
    const auto it = found.find(m.folder);
    if (it == found.end()) {
      ++missing;
      continue;
    }
    members.push_back(m), folders.push_back(fs::absolute(it->second));
  }
  const fs::path out = vm["out"].as<std::string>();
  std::error_code ec;
  if (fs::is_directory(out, ec) && !fs::is_empty(out, ec) && !vm["force"].as<bool>())
    throw Error(out.string() +
                ": the output folder already holds files; give a new folder "
                "with --out, or --force to replace its table");
  fs::create_directories(out, ec);
  if (ec) throw Error(out.string() + ": cannot make the output folder: " + ec.message());
  Json manifest = first;
  manifest["shard"] = nullptr;
  Json listed = Json::array();
  for (std::size_t i = 0; i < members.size(); ++i)
    listed.push_back({{"folder", members[i].folder},
                      {"configuration", members[i].configuration + 1},
                      {"repeat", members[i].repeat + 1},
                      {"label", members[i].label},
                      {"path", folders[i].string()}});
  manifest["members"] = listed;
  manifest["merged_from"] = dirs;
  io::write_file_atomically(out / "sweep.json", manifest.dump(2) + "\n", "the sweep's manifest");
  write_summary(out, first.value("name", "sweep"), first.value("file", ""), sweep, members, folders,
                false);
  if (missing) {
    std::cerr << "neuronlab: warning: " << missing << " of " << all.size()
              << " runs of the sweep are in none of the folders; the table has the others\n";
    return 1;
  }
  return 0;
}

}  // namespace neuronlab::host
