// Reads an ELF file's dynamic symbol table with bounds checks on every offset: the file may
// be anything that happens to sit in a plugin directory.
#include "elf_symbols.hpp"

#include <elf.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace neuronlab::loader {

namespace {

#if UINTPTR_MAX == 0xffffffffffffffffu
using Ehdr = Elf64_Ehdr;
using Shdr = Elf64_Shdr;
using Sym = Elf64_Sym;
constexpr unsigned char kClass = ELFCLASS64;
#define NEURONLAB_ST_BIND ELF64_ST_BIND
#define NEURONLAB_ST_TYPE ELF64_ST_TYPE
#define NEURONLAB_ST_VISIBILITY ELF64_ST_VISIBILITY
#else
using Ehdr = Elf32_Ehdr;
using Shdr = Elf32_Shdr;
using Sym = Elf32_Sym;
constexpr unsigned char kClass = ELFCLASS32;
#define NEURONLAB_ST_BIND ELF32_ST_BIND
#define NEURONLAB_ST_TYPE ELF32_ST_TYPE
#define NEURONLAB_ST_VISIBILITY ELF32_ST_VISIBILITY
#endif

class File {
 public:
  explicit File(const std::filesystem::path& path) : in_(path, std::ios::binary) {
    if (!in_) throw std::runtime_error("cannot be read");
    in_.seekg(0, std::ios::end);
    size_ = static_cast<std::uint64_t>(in_.tellg());
  }
  // `count` bytes at `offset`, which must lie inside the file.
  std::vector<char> read(std::uint64_t offset, std::uint64_t count, const char* what) {
    if (offset > size_ || count > size_ - offset)
      throw std::runtime_error(std::string(what) + " lies outside the file");
    std::vector<char> bytes(count);
    in_.seekg(static_cast<std::streamoff>(offset));
    if (count > 0 && !in_.read(bytes.data(), static_cast<std::streamsize>(count)))
      throw std::runtime_error(std::string(what) + " cannot be read");
    return bytes;
  }
  template <class T>
  T read_struct(std::uint64_t offset, const char* what) {
    const std::vector<char> bytes = read(offset, sizeof(T), what);
    T value;
    std::memcpy(&value, bytes.data(), sizeof(T));
    return value;
  }

 private:
  std::ifstream in_;
  std::uint64_t size_ = 0;
};

// The ELF header of this very program, to compare machines with.
const Ehdr& own_header() {
  static const Ehdr header = File("/proc/self/exe").read_struct<Ehdr>(0, "the program's header");
  return header;
}

}  // namespace

std::vector<ExportedSymbol> exported_symbols(const std::filesystem::path& path) {
  File file(path);
  const Ehdr elf = file.read_struct<Ehdr>(0, "the ELF header");
  const Ehdr& own = own_header();
  if (std::memcmp(elf.e_ident, ELFMAG, SELFMAG) != 0) throw std::runtime_error("no ELF header");
  if (elf.e_ident[EI_CLASS] != kClass || elf.e_ident[EI_DATA] != own.e_ident[EI_DATA] ||
      elf.e_machine != own.e_machine)
    throw std::runtime_error("built for another machine or word size");
  if (elf.e_type != ET_DYN) throw std::runtime_error("not a shared library");
  if (elf.e_shentsize != sizeof(Shdr)) throw std::runtime_error("unexpected section header size");

  const std::vector<char> raw =
      file.read(elf.e_shoff, std::uint64_t{elf.e_shnum} * sizeof(Shdr), "the section headers");
  std::vector<Shdr> sections(elf.e_shnum);
  if (!raw.empty()) std::memcpy(sections.data(), raw.data(), raw.size());

  std::vector<ExportedSymbol> names;
  for (const Shdr& table : sections) {
    if (table.sh_type != SHT_DYNSYM) continue;
    if (table.sh_link >= sections.size() || sections[table.sh_link].sh_type != SHT_STRTAB)
      throw std::runtime_error("the dynamic symbol table has no string table");
    const Shdr& strtab = sections[table.sh_link];
    const std::vector<char> text = file.read(strtab.sh_offset, strtab.sh_size, "the string table");
    const std::vector<char> entries = file.read(table.sh_offset, table.sh_size, "the symbols");
    for (std::size_t at = 0; at + sizeof(Sym) <= entries.size(); at += sizeof(Sym)) {
      Sym symbol;
      std::memcpy(&symbol, entries.data() + at, sizeof(Sym));
      const unsigned bind = NEURONLAB_ST_BIND(symbol.st_info);
      if (symbol.st_shndx == SHN_UNDEF || (bind != STB_GLOBAL && bind != STB_WEAK) ||
          NEURONLAB_ST_VISIBILITY(symbol.st_other) != STV_DEFAULT || symbol.st_name >= text.size())
        continue;
      const char* name = text.data() + symbol.st_name;
      names.push_back({std::string(name, strnlen(name, text.size() - symbol.st_name)),
                       NEURONLAB_ST_TYPE(symbol.st_info) == STT_FUNC});
    }
  }
  return names;
}

}  // namespace neuronlab::loader
