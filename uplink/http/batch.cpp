#include "uplink/http/batch.hpp"

#include <string_view>

namespace suanli::http {
namespace {

constexpr std::string_view kBatchHead = R"({"v":1,"messages":[)";
constexpr std::string_view kBatchTail = "]}";

}  // namespace

std::size_t batch_envelope_bytes(std::size_t message_count) {
  return kBatchHead.size() + kBatchTail.size() + (message_count > 0 ? message_count - 1 : 0);
}

std::string batch_body(const std::vector<std::string>& messages) {
  std::size_t size = batch_envelope_bytes(messages.size());
  for (const auto& m : messages)
    size += m.size();
  std::string body;
  body.reserve(size);
  body += kBatchHead;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    if (i > 0) body += ',';
    body += messages[i];
  }
  body += kBatchTail;
  return body;
}

Verdict classify_status(long status) {
  if (status >= 200 && status < 300) return Verdict::accepted;
  if (status == 401 || status == 403) return Verdict::unauthorized;
  if (status == 404 || status == 405) return Verdict::not_found;
  if (status == 413) return Verdict::too_large;
  if (status == 408 || status == 429) return Verdict::retry;
  if (status >= 400 && status < 500) return Verdict::rejected;
  return Verdict::retry;
}

}  // namespace suanli::http
