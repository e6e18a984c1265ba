// mqtt_will_helper URI CENTER NODE: connects with MqttPublisher (Last Will = status offline),
// publishes retained status online on connect, then sleeps until killed (at most 60 s).

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include "uplink/mqtt/publisher.hpp"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: mqtt_will_helper URI CENTER NODE\n");
    return 2;
  }
  suanli::mqtt::PublisherSettings s;
  s.mqtt.uri = argv[1];
  s.mqtt.version = 3;
  s.center = argv[2];
  s.node = argv[3];
  s.client_id = "will-helper";
  s.will_payload = R"({"online":false})";
  suanli::mqtt::MqttPublisher* self = nullptr;
  suanli::mqtt::PublisherCallbacks cb;
  cb.on_connected = [&self] {
    (void)self->publish(suanli::wire::Kind::status, R"({"online":true})", true);
  };
  suanli::mqtt::MqttPublisher publisher(s, cb);
  self = &publisher;
  if (!publisher.start()) return 1;
  std::this_thread::sleep_for(std::chrono::seconds(60));
  return 0;
}
