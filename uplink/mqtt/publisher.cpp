#include "uplink/mqtt/publisher.hpp"

#include <array>

#include "uplink/mqtt/client.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli::mqtt {
namespace {

constexpr std::array kKinds = {wire::Kind::status, wire::Kind::birth, wire::Kind::data,
                               wire::Kind::hist, wire::Kind::cmd};

std::string default_client_id(const PublisherSettings& s) {
  if (!s.client_id.empty()) return s.client_id;
  return s.mqtt.client_id.value_or("suanli-" + s.center + "-" + s.node);
}

}  // namespace

class MqttPublisher::Impl {
 public:
  Impl(const PublisherSettings& s, PublisherCallbacks cb) {
    for (auto k : kKinds)
      topics_[static_cast<std::size_t>(k)] = wire::make_topic(s.center, s.node, k);
    const std::string& cmd = topic(wire::Kind::cmd);
    ClientCallbacks callbacks{
        .on_connected = std::move(cb.on_connected),
        .on_delivered = std::move(cb.on_delivered),
        .on_undelivered = std::move(cb.on_undelivered),
        .on_message =
            [cmd, on_command = std::move(cb.on_command)](const std::string& t,
                                                         const std::string& payload) {
              if (t == cmd && on_command) on_command(payload);
            },
        .on_connection_lost = std::move(cb.on_connection_lost),
        .on_error = std::move(cb.on_error),
    };
    client_.emplace(ClientSettings{.mqtt = s.mqtt,
                                   .client_id = default_client_id(s),
                                   .will = LastWill{topic(wire::Kind::status), s.will_payload},
                                   .subscriptions = {cmd}},
                    std::move(callbacks));
  }

  const std::string& topic(wire::Kind k) const { return topics_[static_cast<std::size_t>(k)]; }
  MqttClient& client() { return *client_; }

 private:
  std::array<std::string, kKinds.size()> topics_;
  std::optional<MqttClient> client_;
};

MqttPublisher::MqttPublisher(PublisherSettings settings, PublisherCallbacks callbacks)
    : impl_(std::make_unique<Impl>(settings, std::move(callbacks))) {}

MqttPublisher::~MqttPublisher() = default;

Expected<bool> MqttPublisher::start() {
  return impl_->client().start();
}

Expected<std::uint64_t> MqttPublisher::publish(wire::Kind kind, const std::string& payload,
                                               bool retained) {
  return impl_->client().publish(impl_->topic(kind), payload, retained);
}

bool MqttPublisher::connected() const {
  return impl_->client().connected();
}

void MqttPublisher::stop(std::chrono::milliseconds timeout) {
  impl_->client().stop(timeout);
}

}  // namespace suanli::mqtt
