#pragma once

#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/expected.hpp"

namespace suanli::collectors {

// A vendor library opened with dlopen (never linked), closed when the last owner lets go.
class DynamicLibrary {
 public:
  // RTLD_NOW | RTLD_LOCAL. The error is dlerror()'s text.
  static Expected<std::shared_ptr<DynamicLibrary>> open(const std::string& path);
  // The first of `paths` that loads; the error lists why each one did not, in one line.
  static Expected<std::shared_ptr<DynamicLibrary>> open_first(
      const std::vector<std::string>& paths);
  ~DynamicLibrary();
  DynamicLibrary(const DynamicLibrary&) = delete;
  DynamicLibrary& operator=(const DynamicLibrary&) = delete;

  void* raw_symbol(const char* name) const;

  // The first of `names` the library exports (newest versioned name first), cast to F*.
  template <class F>
  F* symbol(std::initializer_list<const char*> names) const {
    for (const char* name : names) {
      if (void* p = raw_symbol(name)) return reinterpret_cast<F*>(p);
    }
    return nullptr;
  }

  const std::string& path() const { return path_; }

 private:
  DynamicLibrary(void* handle, std::string path) : handle_(handle), path_(std::move(path)) {}
  void* handle_;
  std::string path_;
};

}  // namespace suanli::collectors
