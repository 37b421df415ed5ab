// neuronlab: the host program. Global options, then a subcommand from commands.cpp.
#include "cli.hpp"

#include <neuronlab/sdk/abi.h>
#include <neuronlab/engine/kernels.hpp>

#include <iostream>
#include <new>

namespace po = boost::program_options;
using namespace neuronlab::host;

namespace {

// How this program was built: the instructions its kernels use (in a portable build, which of
// its sets runs here) and whether large products are split over threads.
std::string build_variant() {
  const std::string kernels = neuronlab::engine::kernel_description();
#ifdef NEURONLAB_OPENMP_BUILD
  return kernels + ", OpenMP threads";
#else
  return kernels + ", one thread";
#endif
}

int run(const std::vector<std::string>& args) {
  // Global options come before the command; everything after it is the command's.
  std::size_t command_at = 0;
  while (command_at < args.size() && args[command_at].rfind("-", 0) == 0) {
    if (args[command_at] == "--plugin-dir") ++command_at;  // its value
    ++command_at;
  }
  std::vector<std::string> global_args(args.begin(),
                                       args.begin() + std::min(command_at, args.size()));

  GlobalOptions global;
  const po::options_description globals = top_level_options();
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(global_args).options(globals).style(kCommandLineStyle).run(),
              vm);
    po::notify(vm);
  } catch (const po::error& e) {
    rethrow_as_usage_error(e, globals);
  }
  merge_global_options(vm, global);

  if (vm.count("version")) {
    const std::string variant = build_variant();  // may refuse NEURONLAB_KERNELS: before printing
    std::cout << "neuronlab " << NEURONLAB_VERSION << " (plugin ABI " << NEURONLAB_ABI_MAJOR << "."
              << NEURONLAB_ABI_MINOR << ", " << NEURONLAB_TOOLCHAIN_TAG << ")\n"
              << variant << "\n";
    return 0;
  }
  if (vm.count("help") || command_at >= args.size()) {
    print_main_help(std::cout, help_width());
    return command_at >= args.size() && !vm.count("help") ? 2 : 0;
  }

  const std::string& name = args[command_at];
  // The shell's completion script asks here (completion/neuronlab.bash); not a command.
  if (name == "__complete")
    return complete_command(global,
                            std::vector<std::string>(args.begin() + command_at + 1, args.end()));
  const Command* command = find_command(name);
  if (!command) throw unknown_command(name);
  try {
    return command->run(global,
                        std::vector<std::string>(args.begin() + command_at + 1, args.end()));
  } catch (const UsageError& e) {
    std::cerr << "neuronlab " << neuronlab::printable(name)
              << ": error: " << neuronlab::printable(e.what()) << "\nTry 'neuronlab "
              << neuronlab::printable(name) << " --help'.\n";
    return 2;
  }
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const int status = run(std::vector<std::string>(argv + 1, argv + argc));
    require_standard_output();  // output that could not be written is not a success
    return status;
  } catch (const UsageError& e) {
    std::cerr << "neuronlab: error: " << neuronlab::printable(e.what())
              << "\nTry 'neuronlab --help'.\n";
    return 2;
  } catch (const neuronlab::Error& e) {
    std::cerr << "neuronlab: error: " << neuronlab::printable(e.what()) << "\n";
    return 2;
  } catch (const std::bad_alloc&) {
    // Sizes from files are checked against what the file holds; what is left is a data set
    // or a network larger than this machine's memory.
    std::cerr << "neuronlab: error: not enough memory for this data set or network\n  hint: "
                 "use fewer rows, fewer or narrower layers, or a smaller batch_size\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "neuronlab: internal error: " << neuronlab::printable(e.what())
              << "\n  hint: this is a bug in neuronlab or a plugin; please report it\n";
    return 3;
  }
}
