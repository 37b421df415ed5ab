// Loading one plugin library: read the file first, then dlopen, then check the descriptor
// before any C++ object crosses. Every rejection is a message, never a crash.
#include "library.hpp"

#include "elf_symbols.hpp"

#include <neuronlab/sdk/abi.h>

#include <dlfcn.h>
#include <boost/dll/shared_library.hpp>

#include <neuronlab/error.hpp>

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <optional>
#include <tuple>

namespace neuronlab::loader {

namespace fs = std::filesystem;

namespace {

const std::string kEntryPrefix = NEURONLAB_ENTRY_PREFIX;
const std::string kEntry = kEntryPrefix + NEURONLAB_STRINGIFY(NEURONLAB_ABI_MAJOR);

// The i-th element of a plugin's table, whose elements are `stride` bytes long (the size the
// plugin's SDK gave the struct, possibly larger than ours).
template <class T>
const T& element(const T* table, std::uint32_t stride, std::uint32_t i) {
  return *reinterpret_cast<const T*>(reinterpret_cast<const char*>(table) +
                                     std::size_t{stride} * i);
}

bool valid_name(const char* name) {
  if (name == nullptr || *name == '\0') return false;
  for (const char* c = name; *c; ++c)
    if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_')) return false;
  return true;
}

std::vector<std::string> split_choices(const char* text) {
  std::vector<std::string> out;
  std::string current;
  for (const char* c = text; *c; ++c) {
    if (*c == '|') {
      out.push_back(current);
      current.clear();
    } else {
      current += *c;
    }
  }
  out.push_back(current);
  return out;
}

// Converts one component's descriptor, or says what is wrong with it. Its parameter table's
// elements are param_size bytes apart.
std::optional<ComponentInfo> convert(const nl_component& c, std::uint32_t param_size,
                                     std::string& problem) {
  if (c.kind < NL_ACTIVATION || c.kind > NL_NORMALIZATION) {
    problem = "a component has unknown kind " + std::to_string(c.kind);
    return std::nullopt;
  }
  if (!valid_name(c.name)) {
    problem = std::string("component name '") + (c.name ? c.name : "") +
              "' is not made of lowercase letters, digits and '_'";
    return std::nullopt;
  }
  const std::string label = std::string(kind_name(static_cast<Kind>(c.kind))) + " '" + c.name + "'";
  if (!c.create || !c.destroy || (c.param_count && !c.params)) {
    problem = label + " lacks create, destroy or its parameter table";
    return std::nullopt;
  }
  ComponentInfo info{static_cast<Kind>(c.kind),
                     c.name,
                     c.summary ? c.summary : "",
                     c.formula ? c.formula : "",
                     c.reference ? c.reference : "",
                     c.usage,
                     {},
                     {},
                     {},
                     {},
                     c.fuses_with ? c.fuses_with : ""};
  if (c.fuses_with && (info.kind != Kind::loss || !valid_name(c.fuses_with))) {
    problem = label + " declares fuses_with '" + c.fuses_with + "'" +
              (info.kind != Kind::loss ? ", which only a loss may"
                                       : ", not a name made of lowercase letters, digits and '_'");
    return std::nullopt;
  }
  if (info.kind == Kind::normalization &&
      (c.usage == 0 || (c.usage & ~std::uint32_t{NL_USAGE_DATA | NL_USAGE_LAYER}))) {
    problem = label + " declares no valid usage (data, layer or both)";
    return std::nullopt;
  }
  for (std::uint32_t i = 0; i < c.param_count; ++i) {
    const nl_param& p = element(c.params, param_size, i);
    if (!valid_name(p.name) || p.type < NL_REAL || p.type > NL_CHOICE) {
      problem = label + " has a malformed parameter #" + std::to_string(i);
      return std::nullopt;
    }
    ParamInfo param{p.name,
                    static_cast<ParamType>(p.type),
                    p.default_value,
                    p.min_value,
                    p.max_value,
                    p.min_open != 0,
                    p.max_open != 0,
                    {},
                    p.doc ? p.doc : ""};
    if (param.type == ParamType::choice) {
      if (!p.choices || !*p.choices) {
        problem = label + " parameter '" + param.name + "' is a choice without options";
        return std::nullopt;
      }
      param.choices = split_choices(p.choices);
      param.min_value = 0;
      param.max_value = static_cast<double>(param.choices.size() - 1);
    }
    const double d = param.default_value;
    bool inside = std::isfinite(d) &&
                  (param.min_open ? d > param.min_value : d >= param.min_value) &&
                  (param.max_open ? d < param.max_value : d <= param.max_value);
    if (param.type != ParamType::real) inside = inside && std::floor(d) == d;
    if (!inside) {
      problem = label + " parameter '" + param.name + "' has default " + param.format_value(d) +
                " outside its own range " + param.range_text();
      return std::nullopt;
    }
    info.params.push_back(std::move(param));
  }
  return info;
}

// Asks the kernel whether memory may be read, so that a descriptor holding a wild pointer or
// an absurd count is refused instead of crashing the host: write(2) from an address that
// cannot be read fails with EFAULT where a read by the host would be a SIGSEGV.
class MemoryProbe {
 public:
  MemoryProbe() : page_(static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE))) {
    if (::pipe2(fds_, O_CLOEXEC | O_NONBLOCK) != 0) fds_[0] = fds_[1] = -1;
  }
  ~MemoryProbe() {
    if (fds_[0] >= 0) ::close(fds_[0]), ::close(fds_[1]);
  }
  MemoryProbe(const MemoryProbe&) = delete;
  MemoryProbe& operator=(const MemoryProbe&) = delete;

  // Whether [p, p + n) can be read. Memory is readable a page at a time, so one byte of each
  // page the range touches is asked about.
  bool readable(const void* p, std::size_t n) const {
    if (p == nullptr) return false;
    const auto start = reinterpret_cast<std::uintptr_t>(p);
    if (n == 0) return true;
    if (start + n < start) return false;  // wraps around the address space
    for (std::uintptr_t at = start; at < start + n; at = (at / page_ + 1) * page_)
      if (!byte_readable(at)) return false;
    return true;
  }

  // The NUL-terminated text at p, or nullopt when it cannot be read or is longer than `max`
  // bytes. Each page is asked about before it is read, and nothing past the NUL is read.
  std::optional<std::string> text(const char* p, std::size_t max) const {
    if (p == nullptr) return std::nullopt;
    std::string out;
    auto at = reinterpret_cast<std::uintptr_t>(p);
    while (out.size() <= max) {
      if (!byte_readable(at)) return std::nullopt;
      const std::size_t room = page_ - at % page_;
      const char* chunk = reinterpret_cast<const char*>(at);
      const std::size_t len = ::strnlen(chunk, room);
      out.append(chunk, len);
      if (len < room) return out.size() <= max ? std::optional<std::string>(out) : std::nullopt;
      at += room;
    }
    return std::nullopt;
  }

 private:
  bool byte_readable(std::uintptr_t at) const {
    if (fds_[0] < 0) return true;  // no pipe: nothing to ask, trust as before
    char byte = 0;
    // The system call itself, not write(): a sanitizer's write() wrapper would look at the
    // address first, which is what must not happen to an address that may be wild.
    if (::syscall(SYS_write, fds_[1], at, std::size_t{1}) != 1) return false;
    return ::read(fds_[0], &byte, 1) == 1;
  }

  std::uintptr_t page_;
  int fds_[2] = {-1, -1};
};

// What is wrong with one string of a descriptor: unreadable, too long, or holding a control
// character that would act on a terminal when `neuronlab plugins` prints it ("" when none).
std::string string_problem(const MemoryProbe& memory, const char* text, const std::string& what,
                           std::size_t max, bool lines = false) {
  if (text == nullptr) return "";
  const std::optional<std::string> s = memory.text(text, max);
  if (!s) return what + " is longer than " + std::to_string(max) + " bytes, or not readable text";
  for (const char c : *s)
    if ((static_cast<unsigned char>(c) < 0x20 && !(lines && c == '\n')) || c == 0x7f)
      return what + " holds a control character (" + printable(std::string(1, c)) +
             "), which would act on the terminal that lists it";
  return "";
}

constexpr std::uint32_t kMaxComponents = 1000, kMaxParams = 100;

// Everything the host reads from a descriptor, checked before it is read: counts within
// bounds, tables and strings in readable memory, strings short and printable. "" when sound.
std::string descriptor_problem(const nl_module& m, const MemoryProbe& memory) {
  if (!memory.readable(&m, m.module_size)) return "its descriptor is not readable memory";
  for (const auto& [text, what, max] : {std::tuple{m.toolchain, "its toolchain tag", 256},
                                        {m.name, "its module name", 256},
                                        {m.version, "its module version", 256}})
    if (std::string p = string_problem(memory, text, what, std::size_t(max)); !p.empty()) return p;
  if (m.component_count > kMaxComponents)
    return "its descriptor lists " + std::to_string(m.component_count) +
           " components, more than the " + std::to_string(kMaxComponents) +
           " a library may hold (the descriptor is damaged)";
  if (m.component_count == 0) return "";
  if (!memory.readable(m.components, std::size_t{m.component_size} * m.component_count))
    return "its component table is not readable memory (the descriptor is damaged)";
  for (std::uint32_t i = 0; i < m.component_count; ++i) {
    const nl_component& c = element(m.components, m.component_size, i);
    const std::string which = "component #" + std::to_string(i + 1);
    for (const auto& [text, what, max, lines] : {std::tuple{c.name, "name", 64, false},
                                                 {c.summary, "summary", 4096, false},
                                                 {c.formula, "formula", 4096, true},
                                                 {c.reference, "reference", 4096, false},
                                                 {c.fuses_with, "fuses_with", 64, false}})
      if (std::string p =
              string_problem(memory, text, which + "'s " + what, std::size_t(max), lines);
          !p.empty())
        return p;
    if (c.param_count > kMaxParams)
      return which + " lists " + std::to_string(c.param_count) + " parameters, more than the " +
             std::to_string(kMaxParams) + " a component may have (the descriptor is damaged)";
    if (c.param_count == 0) continue;
    if (!memory.readable(c.params, std::size_t{m.param_size} * c.param_count))
      return which + "'s parameter table is not readable memory (the descriptor is damaged)";
    for (std::uint32_t k = 0; k < c.param_count; ++k) {
      const nl_param& p = element(c.params, m.param_size, k);
      const std::string param = which + "'s parameter #" + std::to_string(k + 1);
      for (const auto& [text, what, max, lines] : {std::tuple{p.name, "name", 64, false},
                                                   {p.choices, "choices", 4096, false},
                                                   {p.doc, "doc", 4096, true}})
        if (std::string problem =
                string_problem(memory, text, param + "'s " + what, std::size_t(max), lines);
            !problem.empty())
          return problem;
    }
  }
  return "";
}

}  // namespace

struct Library::Native {
  boost::dll::shared_library handle;
};

Library::Library(fs::path path, std::unique_ptr<Native> native, const nl_module* module)
    : path_(std::move(path)), native_(std::move(native)), module_(module) {}

Library::~Library() = default;

Descriptor read_descriptor(const nl_module* module) {
  Descriptor out;
  if (module == nullptr) {
    out.problem = "its descriptor function returned no descriptor";
    return out;
  }
  const MemoryProbe memory;
  // The version and the sizes come first; they say how much more there is to read.
  if (!memory.readable(module, 5 * sizeof(std::uint32_t))) {
    out.problem = "its descriptor function returned a pointer to memory that cannot be read";
    return out;
  }
  if (module->abi_major != NEURONLAB_ABI_MAJOR) {
    out.problem = "its descriptor says plugin ABI " + std::to_string(module->abi_major) +
                  ", but this neuronlab loads ABI " + NEURONLAB_STRINGIFY(NEURONLAB_ABI_MAJOR) +
                  "\n  hint: rebuild the plugin against this neuronlab's SDK";
    return out;
  }
  // Append-only growth: larger structs come from a later minor, and their extra fields are
  // ignored; smaller ones lack fields this host reads. The sizes are the first fields after
  // the version, so they can be read before anything else.
  const std::uint32_t sizes[] = {module->module_size, module->component_size, module->param_size};
  const std::size_t ours[] = {sizeof(nl_module), sizeof(nl_component), sizeof(nl_param)};
  const std::size_t alignments[] = {alignof(nl_module), alignof(nl_component), alignof(nl_param)};
  auto triple = [](auto a, auto b, auto c) {
    return std::to_string(a) + "/" + std::to_string(b) + "/" + std::to_string(c);
  };
  for (int i = 0; i < 3; ++i) {
    if (sizes[i] >= ours[i] && sizes[i] % alignments[i] == 0) continue;
    out.problem = "its descriptor structures (nl_module/nl_component/nl_param) have sizes " +
                  triple(sizes[0], sizes[1], sizes[2]) +
                  (sizes[i] < ours[i] ? ", smaller than this neuronlab's "
                                      : ", not whole multiples of the alignment of ") +
                  (sizes[i] < ours[i] ? triple(ours[0], ours[1], ours[2])
                                      : triple(alignments[0], alignments[1], alignments[2])) +
                  " (ABI " + std::to_string(module->abi_major) + "." +
                  std::to_string(module->abi_minor) + ")" +
                  "\n  hint: rebuild the plugin against this neuronlab's SDK";
    return out;
  }
  if (std::string problem = descriptor_problem(*module, memory); !problem.empty()) {
    out.problem = problem + "\n  hint: rebuild the plugin against this neuronlab's SDK";
    return out;
  }
  const char* tag = module->toolchain ? module->toolchain : "";
  if (std::strcmp(tag, NEURONLAB_TOOLCHAIN_TAG) != 0) {
    out.problem = std::string("it was built with toolchain '") + tag +
                  "', but this neuronlab was built with '" + NEURONLAB_TOOLCHAIN_TAG +
                  "'\n  hint: C++ objects cannot cross between them; rebuild the plugin with the "
                  "compiler and standard library neuronlab was built with";
    return out;
  }
  if (module->component_count > 0 && module->components == nullptr) {
    out.problem = "its descriptor lists components but gives no table";
    return out;
  }

  for (std::uint32_t i = 0; i < module->component_count; ++i) {
    std::string problem;
    const nl_component& raw = element(module->components, module->component_size, i);
    auto info = convert(raw, module->param_size, problem);
    if (!info) {
      out.component_problems.push_back(problem);
      continue;
    }
    info->module_name = module->name ? module->name : "";
    info->module_version = module->version ? module->version : "";
    out.components.push_back({std::move(*info), &raw});
  }
  return out;
}

Outcome open_library(const fs::path& requested) {
  Outcome out;
  std::error_code ec;
  fs::path path = fs::canonical(requested, ec);
  if (ec) {
    out.problem = "cannot open: " + ec.message();
    return out;
  }
  out.path = path;
  if (!fs::is_regular_file(path)) {
    out.problem = "not a regular file";
    return out;
  }

  char magic[4] = {};
  std::ifstream(path, std::ios::binary).read(magic, sizeof magic);
  if (std::memcmp(magic,
                  "\x7f"
                  "ELF",
                  4) != 0) {
    out.not_a_plugin = true;
    out.problem = "not a shared library (no ELF header)";
    return out;
  }

  // Read the file without loading it: a stray library's constructors never run. The entry
  // point is looked up in the dynamic symbol table, which is what dlsym reads too and what
  // strip keeps (Boost 1.74's library_info::symbols() reads .symtab, which strip removes).
  std::vector<std::string> entries;
  bool entry_is_code = false;
  try {
    for (auto& symbol : exported_symbols(path)) {
      if (symbol.name == kEntry) entry_is_code = symbol.function;
      if (symbol.name.rfind(kEntryPrefix, 0) == 0) entries.push_back(std::move(symbol.name));
    }
  } catch (const std::exception& e) {
    out.problem = std::string("unreadable ELF file (") + e.what() + ")";
    return out;
  }
  if (entries.empty()) {
    out.not_a_plugin = true;
    out.problem =
        "not a neuronlab plugin (it exports no " + kEntry + "); skipped without loading it";
    return out;
  }
  if (std::find(entries.begin(), entries.end(), kEntry) == entries.end()) {
    out.problem = "built for plugin ABI " + entries.front().substr(kEntryPrefix.size()) +
                  ", but this neuronlab loads ABI " + NEURONLAB_STRINGIFY(NEURONLAB_ABI_MAJOR) +
                  "\n  hint: rebuild the plugin against this neuronlab's SDK";
    return out;
  }

  if (!entry_is_code) {
    out.problem = "it exports " + kEntry +
                  " as data, not as a function, so it cannot be called\n  hint: define it "
                  "with NEURONLAB_MODULE(name, version)";
    return out;
  }

  auto native = std::make_unique<Library::Native>();
  boost::dll::fs::error_code load_error;
  native->handle.load(path, load_error,
                      boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  if (load_error) {
    const char* reason = dlerror();
    out.problem = std::string("cannot be loaded: ") + (reason ? reason : load_error.message()) +
                  "\n  hint: a symbol it needs is missing; link the plugin with every library it "
                  "uses (neuronlab_add_plugin builds with -z defs to catch this at build time)";
    return out;
  }

  const nl_module* module = nullptr;
  try {
    // A weak entry point may resolve to nothing; calling that would be a SIGSEGV.
    const void* entry = ::dlsym(native->handle.native(), kEntry.c_str());
    if (entry == nullptr) {
      out.problem = kEntry + " resolves to no address (a weak symbol left undefined)";
      return out;
    }
    module = native->handle.get<const nl_module*()>(kEntry)();
  } catch (const std::exception& e) {
    out.problem = std::string("its descriptor could not be read: ") + e.what();
    return out;
  }
  Descriptor descriptor = read_descriptor(module);
  if (!descriptor.problem.empty()) {
    out.problem = std::move(descriptor.problem);
    return out;
  }
  out.library = std::make_shared<Library>(path, std::move(native), module);
  for (LoadedComponent& c : descriptor.components) {
    c.info.library = path;
    out.components.push_back(std::move(c));
  }
  out.component_problems = std::move(descriptor.component_problems);
  return out;
}

}  // namespace neuronlab::loader
