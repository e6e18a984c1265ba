#include "uplink/http/request_options.hpp"

namespace suanli::http {
namespace {

int abort_when_flagged(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* abort = static_cast<const std::atomic<bool>*>(user);
  return abort != nullptr && abort->load() ? 1 : 0;
}

}  // namespace

void set_request_options(const CurlFunctions& curl, CURL* h, const std::string& url,
                         std::chrono::milliseconds connect_timeout,
                         const std::optional<std::string>& ca_file) {
  auto setopt = curl.easy_setopt;
  setopt(h, CURLOPT_URL, url.c_str());
  setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  setopt(h, CURLOPT_NOSIGNAL, 1L);
  setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  if (ca_file) setopt(h, CURLOPT_CAINFO, ca_file->c_str());
  setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect_timeout.count()));
  setopt(h, CURLOPT_XFERINFOFUNCTION, abort_when_flagged);
  setopt(h, CURLOPT_NOPROGRESS, 0L);
}

void set_abort_flag(const CurlFunctions& curl, CURL* handle, const std::atomic<bool>* abort) {
  curl.easy_setopt(handle, CURLOPT_XFERINFODATA, abort);
}

}  // namespace suanli::http
