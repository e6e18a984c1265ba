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

DynamicLibrary::~DynamicLibrary() {
  dlclose(handle_);
}

void* DynamicLibrary::raw_symbol(const char* name) const {
  return dlsym(handle_, name);
}

}  // namespace suanli::collectors
