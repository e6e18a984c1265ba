#include "uplink/http/poster.hpp"

#include <algorithm>

#include "uplink/http/curl_handles.hpp"
#include "uplink/http/request_options.hpp"

namespace suanli::http {
namespace {

constexpr std::size_t kKeptResponseBytes = 4096;

// Appends to a list that may be empty; keeps the list whole when curl runs out of memory.
bool append_header(HeaderList& list, const std::string& header) {
  curl_slist* grown = list.get_deleter().curl->slist_append(list.get(), header.c_str());
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

}  // namespace

struct HttpPoster::Impl {
  explicit Impl(const CurlFunctions& functions)
      : curl(functions), easy(nullptr, {&functions}), headers(nullptr, {&functions}) {}
  const CurlFunctions& curl;
  PosterSettings settings;
  EasyHandle easy;
  HeaderList headers;
  char error[CURL_ERROR_SIZE] = {};
};

Expected<std::unique_ptr<HttpPoster>> HttpPoster::create(PosterSettings settings) {
  using Result = Expected<std::unique_ptr<HttpPoster>>;
  auto curl = load_curl();
  if (!curl) return Result::failure(curl.error());
  auto impl = std::make_unique<Impl>(**curl);
  impl->settings = std::move(settings);
  impl->easy.reset(impl->curl.easy_init());
  if (!impl->easy) return Result::failure("http: libcurl could not make a handle");
  std::unique_ptr<HttpPoster> poster(new HttpPoster(std::move(impl)));
  poster->set_bearer_token(poster->impl_->settings.bearer_token);
  return poster;
}

HttpPoster::HttpPoster(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {
  CURL* h = impl_->easy.get();
  const auto& settings = impl_->settings;
  set_request_options(impl_->curl, h, settings.url, settings.timeout, settings.ca_file);
  impl_->curl.easy_setopt(h, CURLOPT_ERRORBUFFER, impl_->error);
  impl_->curl.easy_setopt(h, CURLOPT_WRITEFUNCTION, keep_response);
}

HttpPoster::~HttpPoster() = default;

void HttpPoster::set_bearer_token(std::optional<std::string> token) {
  impl_->settings.bearer_token = std::move(token);
  HeaderList headers(nullptr, {&impl_->curl});
  append_header(headers, "Content-Type: application/json");
  append_header(headers, "Expect:");  // no 100-continue round trip before larger bodies
  if (impl_->settings.bearer_token) {
    append_header(headers, "Authorization: Bearer " + *impl_->settings.bearer_token);
  }
  impl_->curl.easy_setopt(impl_->easy.get(), CURLOPT_HTTPHEADER, headers.get());
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
  const CurlFunctions& curl = impl_->curl;
  auto setopt = curl.easy_setopt;
  auto limit = std::min(impl_->settings.timeout, time_limit.value_or(impl_->settings.timeout));
  PostResponse response;
  impl_->error[0] = '\0';
  setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(limit.count()));
  setopt(h, CURLOPT_POSTFIELDS, json_body.data());
  setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(json_body.size()));
  setopt(h, CURLOPT_WRITEDATA, &response.body);
  set_abort_flag(curl, h, abort);
  CURLcode code = curl.easy_perform(h);
  setopt(h, CURLOPT_WRITEDATA, nullptr);
  setopt(h, CURLOPT_POSTFIELDS, nullptr);
  if (code != CURLE_OK) {
    return Result::failure(impl_->error[0] != '\0' ? impl_->error : curl.easy_strerror(code));
  }
  curl.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

}  // namespace suanli::http
