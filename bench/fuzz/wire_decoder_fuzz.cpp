// The MQTT wire decoder (uplink/wire): every kind (status, birth, data, hist, cmd) and the topic.
// Input: the topic, a newline, the payload. What decodes must re-encode to a payload that decodes
// to a message of the same topic, which encodes to that payload again.

#include <cstddef>
#include <cstdint>
#include <string>

#include "bench/fuzz/fuzz_check.hpp"
#include "uplink/wire/codec.hpp"
#include "uplink/wire/topic.hpp"

using namespace suanli;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto [topic, payload] = fuzz::split_first_line(fuzz::as_text(data, size));
  auto decoded = wire::decode(topic, payload);
  if (!decoded) {
    fuzz::check(!decoded.error().message().empty(), "a rejected message says why");
    return 0;
  }
  // Not equal to the message itself: the encoder rounds figures to one MFLOPS (protocol.md
  // section 1). Decoding what it wrote and encoding again must give the same payload.
  const std::string payload_out = wire::encode(*decoded);
  auto again = wire::decode(topic, payload_out);
  fuzz::check(again.ok(), "a decoded message re-encodes to a payload that decodes");
  fuzz::check(wire::topic_of(*again) == wire::topic_of(*decoded), "re-encoding keeps the topic");
  fuzz::check(wire::encode(*again) == payload_out, "re-encoding a decoded message is stable");
  return 0;
}
