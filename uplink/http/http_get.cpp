#include "uplink/http/http_get.hpp"

#include "uplink/http/curl_handles.hpp"
#include "uplink/http/request_options.hpp"

namespace suanli::http {
namespace {

std::size_t discard(char*, std::size_t size, std::size_t count, void*) {
  return size * count;
}

}  // namespace

Expected<long> get_status(const std::string& url, std::chrono::milliseconds timeout,
                          const std::atomic<bool>* abort) {
  using Result = Expected<long>;
  auto loaded = load_curl();
  if (!loaded) return Result::failure(loaded.error());
  const CurlFunctions& curl = **loaded;
  EasyHandle easy(curl.easy_init(), {&curl});
  if (!easy) return Result::failure("http: libcurl could not make a handle");
  CURL* h = easy.get();
  char error[CURL_ERROR_SIZE] = {};
  set_request_options(curl, h, url, timeout, std::nullopt);
  set_abort_flag(curl, h, abort);
  curl.easy_setopt(h, CURLOPT_HTTPGET, 1L);
  curl.easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl.easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  curl.easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
  CURLcode code = curl.easy_perform(h);
  if (code != CURLE_OK) return Result::failure(error[0] != '\0' ? error : curl.easy_strerror(code));
  long status = 0;
  curl.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  return status;
}

}  // namespace suanli::http
