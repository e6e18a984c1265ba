#include "uplink/http/poster.hpp"

#include <algorithm>
#include <mutex>

#include "uplink/http/curl_handles.hpp"

namespace suanli::http {
namespace {

constexpr std::size_t kKeptResponseBytes = 4096;

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// Appends to a list that may be empty; keeps the list whole when curl runs out of memory.
bool append_header(HeaderList& list, const std::string& header) {
  curl_slist* grown = curl_slist_append(list.get(), header.c_str());
  if (grown == nullptr) return false;
  list.release();
  list.reset(grown);
  return true;
}

std::size_t keep_response(char* data, std::size_t size, std::size_t count, void* user) {
  auto* body = static_cast<std::string*>(user);
  std::size_t bytes = size * count;
  if (body->size() < kKeptResponseBytes) {
    body->append(data, std::min(bytes, kKeptResponseBytes - body->size()));
  }
  return bytes;
}

int abort_when_flagged(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* abort = static_cast<const std::atomic<bool>*>(user);
  return abort != nullptr && abort->load() ? 1 : 0;
}

}  // namespace

struct HttpPoster::Impl {
  PosterSettings settings;
  EasyHandle easy;
  HeaderList headers;
  char error[CURL_ERROR_SIZE] = {};
};

Expected<std::unique_ptr<HttpPoster>> HttpPoster::create(PosterSettings settings) {
  using Result = Expected<std::unique_ptr<HttpPoster>>;
  init_curl_once();
  auto impl = std::make_unique<Impl>();
  impl->settings = std::move(settings);
  impl->easy.reset(curl_easy_init());
  if (!impl->easy) return Result::failure("http: libcurl could not make a handle");
  std::unique_ptr<HttpPoster> poster(new HttpPoster(std::move(impl)));
  poster->set_bearer_token(poster->impl_->settings.bearer_token);
  return poster;
}

HttpPoster::HttpPoster(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {
  CURL* h = impl_->easy.get();
  curl_easy_setopt(h, CURLOPT_URL, impl_->settings.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  if (impl_->settings.ca_file)
    curl_easy_setopt(h, CURLOPT_CAINFO, impl_->settings.ca_file->c_str());
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(impl_->settings.timeout.count()));
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, impl_->error);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, keep_response);
  curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, abort_when_flagged);
  curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
}

HttpPoster::~HttpPoster() = default;

void HttpPoster::set_bearer_token(std::optional<std::string> token) {
  impl_->settings.bearer_token = std::move(token);
  HeaderList headers;
  append_header(headers, "Content-Type: application/json");
  append_header(headers, "Expect:");  // no 100-continue round trip before larger bodies
  if (impl_->settings.bearer_token) {
    append_header(headers, "Authorization: Bearer " + *impl_->settings.bearer_token);
  }
  curl_easy_setopt(impl_->easy.get(), CURLOPT_HTTPHEADER, headers.get());
  impl_->headers = std::move(headers);
}

const std::string& HttpPoster::url() const {
  return impl_->settings.url;
}

Expected<PostResponse> HttpPoster::post(std::string_view json_body,
                                        std::optional<std::chrono::milliseconds> time_limit,
                                        const std::atomic<bool>* abort) {
  using Result = Expected<PostResponse>;
  CURL* h = impl_->easy.get();
  auto limit = std::min(impl_->settings.timeout, time_limit.value_or(impl_->settings.timeout));
  PostResponse response;
  impl_->error[0] = '\0';
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(limit.count()));
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, json_body.data());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(json_body.size()));
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(h, CURLOPT_XFERINFODATA, abort);
  CURLcode code = curl_easy_perform(h);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, nullptr);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, nullptr);
  if (code != CURLE_OK) {
    return Result::failure(impl_->error[0] != '\0' ? impl_->error : curl_easy_strerror(code));
  }
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

}  // namespace suanli::http
