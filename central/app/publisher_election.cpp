#include "central/app/publisher_election.hpp"

#include <nlohmann/json.hpp>

namespace suanli::central {
namespace {

constexpr std::string_view kPrefix = "suanli/v1/_central/";
constexpr std::string_view kSuffix = "/state";
constexpr std::size_t kMaxStatePayload = 1024;

}  // namespace

std::optional<std::string> PublisherElection::instance_of_topic(std::string_view topic) {
  if (!topic.starts_with(kPrefix) || !topic.ends_with(kSuffix)) return std::nullopt;
  std::string_view id =
      topic.substr(kPrefix.size(), topic.size() - kPrefix.size() - kSuffix.size());
  if (id.empty() || id.find('/') != std::string_view::npos) return std::nullopt;
  return std::string(id);
}

void PublisherElection::note_state(const std::string& id, std::string_view payload) {
  if (id == self_) return;
  bool online = false;
  if (payload.size() <= kMaxStatePayload) {
    auto doc = nlohmann::json::parse(payload, nullptr, false);
    online = doc.is_object() && doc.value("online", nlohmann::json(false)) == nlohmann::json(true);
  }
  online_[id] = online;
}

bool PublisherElection::publishes(bool connected) const {
  if (!connected) return false;
  for (const auto& [id, online] : online_) {
    if (online && id < self_) return false;
  }
  return true;
}

}  // namespace suanli::central
