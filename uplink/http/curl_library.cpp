#include "uplink/http/curl_library.hpp"

#include <memory>
#include <string>

#include "collectors/dynamic_library.hpp"

namespace suanli::http {
namespace {

constexpr const char* kCurlLibrary = "libcurl.so.4";

struct LoadedCurl {
  std::shared_ptr<collectors::DynamicLibrary> library;
  CurlFunctions functions{};
};

// Sets `out` to the function `name`, or adds the name to `missing`.
template <class F>
void resolve(const collectors::DynamicLibrary& library, const char* name, F*& out,
             std::string& missing) {
  out = library.symbol<F>({name});
  if (out == nullptr) missing += std::string(missing.empty() ? "" : ", ") + name;
}

Expected<LoadedCurl> open_curl() {
  using Result = Expected<LoadedCurl>;
  auto library = collectors::DynamicLibrary::open(kCurlLibrary);
  if (!library)
    return Result::failure("http: cannot load libcurl, which http.url needs: " + library.error());
  LoadedCurl curl{std::move(library).value()};
  const auto& lib = *curl.library;
  auto& f = curl.functions;
  std::string missing;
  resolve(lib, "curl_global_init", f.global_init, missing);
  resolve(lib, "curl_easy_init", f.easy_init, missing);
  resolve(lib, "curl_easy_cleanup", f.easy_cleanup, missing);
  resolve(lib, "curl_easy_setopt", f.easy_setopt, missing);
  resolve(lib, "curl_easy_perform", f.easy_perform, missing);
  resolve(lib, "curl_easy_getinfo", f.easy_getinfo, missing);
  resolve(lib, "curl_easy_strerror", f.easy_strerror, missing);
  resolve(lib, "curl_slist_append", f.slist_append, missing);
  resolve(lib, "curl_slist_free_all", f.slist_free_all, missing);
  if (!missing.empty()) {
    return Result::failure(std::string("http: ") + kCurlLibrary + " lacks " + missing);
  }
  if (CURLcode code = f.global_init(CURL_GLOBAL_DEFAULT); code != CURLE_OK) {
    return Result::failure(std::string("http: curl_global_init failed: ") + f.easy_strerror(code));
  }
  return curl;
}

}  // namespace

Expected<const CurlFunctions*> load_curl() {
  // Never unloaded: curl_global_cleanup at exit would race a poster still in use.
  static const auto* curl = new Expected<LoadedCurl>(open_curl());
  if (!*curl) return Expected<const CurlFunctions*>::failure(curl->error());
  return &(*curl)->functions;
}

}  // namespace suanli::http
