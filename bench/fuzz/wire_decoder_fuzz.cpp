// The MQTT wire decoder (uplink/wire): every kind (status, birth, data, hist, cmd) and the topic.
// Input: the topic, a newline, the payload. What decodes must re-encode to a payload that
// decodes to the same message.

#include <cstddef>
#include <cstdint>

#include "bench/fuzz/fuzz_check.hpp"
#include "uplink/wire/codec.hpp"

using namespace suanli;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto [topic, payload] = fuzz::split_first_line(fuzz::as_text(data, size));
  auto decoded = wire::decode(topic, payload);
  if (!decoded) {
    fuzz::check(!decoded.error().message().empty(), "a rejected message says why");
    return 0;
  }
  auto again = wire::decode(topic, wire::encode(*decoded));
  fuzz::check(again.ok(), "a decoded message re-encodes to a payload that decodes");
  fuzz::check(*again == *decoded, "a decoded message survives encode and decode unchanged");
  return 0;
}
