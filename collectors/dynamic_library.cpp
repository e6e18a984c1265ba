#include "collectors/dynamic_library.hpp"

#include <dlfcn.h>

namespace suanli::collectors {

Expected<std::shared_ptr<DynamicLibrary>> DynamicLibrary::open(const std::string& path) {
  dlerror();
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* why = dlerror();
    return Expected<std::shared_ptr<DynamicLibrary>>::failure(why ? why : path + ": cannot open");
  }
  return std::shared_ptr<DynamicLibrary>(new DynamicLibrary(handle, path));
}

Expected<std::shared_ptr<DynamicLibrary>> DynamicLibrary::open_first(
    const std::vector<std::string>& paths) {
  std::string errors;
  for (const std::string& path : paths) {
    auto lib = open(path);
    if (lib) return lib;
    errors.append(errors.empty() ? "" : "; ").append(lib.error());
  }
  return Expected<std::shared_ptr<DynamicLibrary>>::failure(errors.empty() ? "no library path"
                                                                           : errors);
}

DynamicLibrary::~DynamicLibrary() {
  dlclose(handle_);
}

void* DynamicLibrary::raw_symbol(const char* name) const {
  return dlsym(handle_, name);
}

}  // namespace suanli::collectors
