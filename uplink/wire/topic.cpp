#include "uplink/wire/topic.hpp"

#include "config/ids.hpp"
#include "uplink/wire/detail/text.hpp"

namespace suanli::wire {
namespace {

Expected<Topic, DecodeError> bad_topic(std::string_view topic, std::string_view why) {
  std::string text = "topic \"" + detail::printable(topic, 200) + "\": ";
  text.append(why);
  return Expected<Topic, DecodeError>::failure({DecodeReason::bad_topic, "", std::move(text)});
}

// Splits off the text up to the next '/', or all of it when there is none.
std::string_view next_level(std::string_view& rest) {
  const auto slash = rest.find('/');
  const auto level = rest.substr(0, slash);
  rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
  return level;
}

}  // namespace

std::string make_topic(std::string_view center, std::string_view node, Kind kind) {
  std::string t(kTopicPrefix);
  t.append(center).append("/").append(node).append("/").append(to_string(kind));
  return t;
}

std::string topic_of(const Message& m) {
  return make_topic(center_of(m), node_of(m), kind_of(m));
}

std::string central_state_topic(std::string_view central_id) {
  std::string t(kTopicPrefix);
  t.append("_central/").append(central_id).append("/state");
  return t;
}

bool is_reserved_topic(std::string_view topic) {
  return topic.starts_with(kTopicPrefix) && topic.substr(kTopicPrefix.size()).starts_with('_');
}

Expected<Topic, DecodeError> parse_topic(std::string_view topic) {
  if (!topic.starts_with(kTopicPrefix)) return bad_topic(topic, "must start with suanli/v1/");
  std::string_view rest = topic.substr(kTopicPrefix.size());
  if (rest.starts_with('_'))
    return bad_topic(topic, "is reserved (center ids cannot start with _)");
  const auto center = next_level(rest);
  const auto node = next_level(rest);
  const auto kind_name = next_level(rest);
  if (kind_name.empty() || !rest.empty() || topic.ends_with('/')) {
    return bad_topic(topic, "must be suanli/v1/<center>/<node>/<kind>");
  }
  if (!is_valid_id(center)) return bad_topic(topic, "center is not a valid id");
  if (!is_valid_id(node)) return bad_topic(topic, "node is not a valid id");
  const auto kind = parse_kind(kind_name);
  if (!kind) return bad_topic(topic, "kind must be status, birth, data, hist or cmd");
  return Topic{std::string(center), std::string(node), *kind};
}

}  // namespace suanli::wire
