#pragma once

// The HTTP uplink's batch (docs/protocol.md, "HTTP uplink"): one POST body
// {"v":1,"messages":[<message>,...]} of encoded wire messages, and what a response status means.

#include <cstddef>
#include <string>
#include <vector>

namespace suanli::http {

constexpr std::size_t kMaxBatchBytes = 256 * 1024;
constexpr std::size_t kMaxBatchMessages = 100;

// Bytes a batch body takes besides its messages: the envelope, and one comma per message.
std::size_t batch_envelope_bytes(std::size_t message_count);

// The POST body around already encoded messages (each a JSON object, inserted verbatim).
std::string batch_body(const std::vector<std::string>& messages);

enum class Verdict {
  accepted,      // 2xx: every message of the batch is acknowledged
  unauthorized,  // 401, 403: the token or the URL is refused; keep, back off
  not_found,     // 404, 405: http.url points at nothing that ingests; keep, back off
  too_large,     // 413: send again with half as many messages
  retry,         // 408, 429, 5xx, any other status, transport errors: keep, back off
  rejected,      // any other 4xx: the batch can never be accepted; drop it
};

Verdict classify_status(long status);

}  // namespace suanli::http
