#include "uplink/wire/messages.hpp"

#include "uplink/wire/detail/names.hpp"

namespace suanli::wire {
namespace {

const Header& header_of(const Status& m) {
  return m.header;
}
const Header& header_of(const Birth& m) {
  return m.header;
}
const Header& header_of(const Data& m) {
  return m.header;
}
const Header& header_of(const Hist& m) {
  return m.data.header;
}

}  // namespace

MethodShares shares_of(const DeviceWindow& w) {
  if (!is_measured(w.method)) return {};
  return w.method_shares.value_or(MethodShares::only(w.method));
}

std::string_view to_string(Kind k) {
  return detail::name_of(k);
}
std::string_view to_string(Command c) {
  return detail::name_of(c);
}

std::optional<Kind> parse_kind(std::string_view name) {
  for (std::size_t i = 0; i < detail::kKindNames.size(); ++i) {
    if (detail::kKindNames[i] == name) return static_cast<Kind>(i);
  }
  return std::nullopt;
}

Kind kind_of(const Message& m) {
  constexpr Kind kByIndex[] = {Kind::status, Kind::birth, Kind::data, Kind::hist, Kind::cmd};
  static_assert(std::variant_size_v<Message> == std::size(kByIndex));
  return kByIndex[m.index()];
}

const std::string& center_of(const Message& m) {
  return std::visit(
      [](const auto& msg) -> const std::string& {
        if constexpr (std::is_same_v<std::decay_t<decltype(msg)>, Cmd>) {
          return msg.center;
        } else {
          return header_of(msg).center;
        }
      },
      m);
}

const std::string& node_of(const Message& m) {
  return std::visit(
      [](const auto& msg) -> const std::string& {
        if constexpr (std::is_same_v<std::decay_t<decltype(msg)>, Cmd>) {
          return msg.node;
        } else {
          return header_of(msg).node;
        }
      },
      m);
}

}  // namespace suanli::wire
