#pragma once

// Which central instance publishes the retained city indicator (docs/indicator.md, "Several
// central instances"). Every instance takes every message and computes the same figures; the one
// with the smallest id among those whose retained state (suanli/v1/_central/<id>/state) says
// online publishes them, so that suanli/v1/_city/indicator has one writer. An instance whose
// Last Will fires hands the role to the next.

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace suanli::central {

class PublisherElection {
 public:
  explicit PublisherElection(std::string self) : self_(std::move(self)) {}

  // The id of a suanli/v1/_central/<id>/state topic, else nullopt.
  static std::optional<std::string> instance_of_topic(std::string_view topic);

  // A state message of an instance (this one's own too); a payload that does not say
  // {"online": true} counts as offline.
  void note_state(const std::string& id, std::string_view payload);

  // Whether this instance, connected to the broker or not, publishes now.
  bool publishes(bool connected) const;
  const std::string& self() const { return self_; }

 private:
  std::string self_;
  std::map<std::string, bool> online_;  // other instances, by id
};

}  // namespace suanli::central
