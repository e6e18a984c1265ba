#include <exception>

#include "uplink/wire/codec.hpp"
#include "uplink/wire/detail/decoders.hpp"
#include "uplink/wire/detail/json_input.hpp"
#include "uplink/wire/detail/text.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli::wire {
namespace {

using detail::Object;
using detail::Reader;
using Result = Expected<Message, DecodeError>;

constexpr detail::Uint kCounter{0, kMaxCounter};

std::string in_quotes(std::string_view s) {
  return '"' + detail::printable(s) + '"';
}

// v, kind, center and node, each checked against the topic; v first, as a later version may
// change everything else.
void read_identity(Reader& r, const Object& root, const Topic& topic, std::string& center,
                   std::string& node) {
  std::uint64_t v = 0;
  r.field(root, "v", v);
  if (!r.failed() && v != kVersion) {
    r.fail("v", DecodeReason::unknown_version, "is " + std::to_string(v) + "; only 1 is known");
  }
  std::string kind;
  r.field(root, "kind", kind, detail::Text{0, 1024});
  if (!r.failed() && kind != to_string(topic.kind)) {
    r.fail(
        "kind", DecodeReason::wrong_kind,
        "is " + in_quotes(kind) + " but the topic's kind is " + in_quotes(to_string(topic.kind)));
  }
  r.field(root, "center", center, detail::AgentId{});
  if (!r.failed() && center != topic.center) {
    r.fail("center", DecodeReason::topic_mismatch,
           "is " + in_quotes(center) + " but the topic's center is " + in_quotes(topic.center));
  }
  r.field(root, "node", node, detail::AgentId{});
  if (!r.failed() && node != topic.node) {
    r.fail("node", DecodeReason::topic_mismatch,
           "is " + in_quotes(node) + " but the topic's node is " + in_quotes(topic.node));
  }
}

Header read_header(Reader& r, const Object& root, const Topic& topic) {
  Header h;
  read_identity(r, root, topic, h.center, h.node);
  r.field(root, "boot", h.boot, kCounter);
  r.field(root, "seq", h.seq, kCounter);
  r.field(root, "ts_ms", h.ts_ms);
  return h;
}

Cmd read_cmd(Reader& r, const Object& root, const Topic& topic) {
  Cmd c;
  read_identity(r, root, topic, c.center, c.node);
  r.field(root, "boot", c.boot, kCounter);
  r.field(root, "seq", c.seq, kCounter);
  r.field(root, "ts_ms", c.ts_ms);
  std::string name;
  r.field(root, "cmd", name, detail::Text{0, 1024});
  if (!r.failed() && name != to_string(Command::rebirth)) {
    r.fail("cmd", DecodeReason::unknown_command,
           in_quotes(name) + " is not a v1 command (v1 defines \"rebirth\")");
  }
  return c;
}

Message read_message(Reader& r, const Object& root, const Topic& topic) {
  switch (topic.kind) {
    case Kind::status: {
      Status s{read_header(r, root, topic)};
      r.field(root, "online", s.online);
      return s;
    }
    case Kind::birth:
      return detail::read_birth(r, root, read_header(r, root, topic));
    case Kind::data:
      return detail::read_data(r, root, read_header(r, root, topic));
    case Kind::hist:
      return Hist{detail::read_data(r, root, read_header(r, root, topic))};
    case Kind::cmd:
      return read_cmd(r, root, topic);
  }
  return Status{};
}

}  // namespace

Result decode(std::string_view topic, std::string_view payload) {
  if (payload.size() > kMaxPayloadBytes) {
    return Result::failure({DecodeReason::too_large, "",
                            "payload is " + std::to_string(payload.size()) +
                                " bytes; the limit is " + std::to_string(kMaxPayloadBytes)});
  }
  auto parsed_topic = parse_topic(topic);
  if (!parsed_topic) return Result::failure(parsed_topic.error());
  try {
    auto doc = detail::parse_payload(payload);
    if (!doc) return Result::failure(doc.error());
    simdjson::dom::object root;
    if (doc->get_object().get(root)) {
      return Result::failure({DecodeReason::wrong_type, "", "payload must be a JSON object"});
    }
    Reader r;
    Message m = read_message(r, Object(root), *parsed_topic);
    if (r.failed()) return Result::failure(r.take_error());
    return m;
  } catch (const std::exception& e) {
    // Only allocation failure can get here; decode must still not throw.
    return Result::failure(
        {DecodeReason::invalid_json, "", std::string("cannot decode: ") + e.what()});
  }
}

}  // namespace suanli::wire
