// Internal to the loader: the names a shared library exports, read from the file without
// loading it.
#ifndef NEURONLAB_LOADER_ELF_SYMBOLS_HPP
#define NEURONLAB_LOADER_ELF_SYMBOLS_HPP

#include <filesystem>
#include <string>
#include <vector>

namespace neuronlab::loader {

struct ExportedSymbol {
  std::string name;
  bool function = false;  // STT_FUNC: code, not data
};

// The defined, global or weak, default-visibility entries of the ELF dynamic symbol table
// (.dynsym): the names dlsym can find. Throws std::runtime_error when the file is not an ELF
// shared library for this machine or its tables lie outside the file.
std::vector<ExportedSymbol> exported_symbols(const std::filesystem::path& path);

}  // namespace neuronlab::loader

#endif
