#pragma once

// Forwards Paho's action callbacks (success and failure) to one function.

#include <mqtt/iaction_listener.h>
#include <mqtt/token.h>

#include <functional>
#include <utility>

namespace suanli::mqtt {

class ActionListener : public ::mqtt::iaction_listener {
 public:
  using Fn = std::function<void(const ::mqtt::token&, bool ok)>;
  explicit ActionListener(Fn fn) : fn_(std::move(fn)) {}
  void on_success(const ::mqtt::token& t) override { fn_(t, true); }
  void on_failure(const ::mqtt::token& t) override { fn_(t, false); }

 private:
  Fn fn_;
};

}  // namespace suanli::mqtt
