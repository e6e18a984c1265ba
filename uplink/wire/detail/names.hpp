#pragma once

// The JSON spelling of each enum, indexed by the enumerator's value; shared by encode and decode.

#include <array>
#include <cstddef>
#include <span>
#include <string_view>
#include <type_traits>

#include "uplink/wire/messages.hpp"

namespace suanli::wire::detail {

inline constexpr std::array<std::string_view, 5> kKindNames = {"status", "birth", "data", "hist",
                                                               "cmd"};
inline constexpr std::array<std::string_view, 1> kCommandNames = {"rebirth"};

template <class E>
constexpr std::span<const std::string_view> names_of() {
  if constexpr (std::is_same_v<E, Kind>) {
    return kKindNames;
  } else if constexpr (std::is_same_v<E, DeviceClass>) {
    return kDeviceClassNames;
  } else if constexpr (std::is_same_v<E, PeakSource>) {
    return kPeakSourceNames;
  } else if constexpr (std::is_same_v<E, Method>) {
    return kMethodNames;
  } else if constexpr (std::is_same_v<E, PeakConfidence>) {
    return kPeakConfidenceNames;
  } else {
    static_assert(std::is_same_v<E, Command>);
    return kCommandNames;
  }
}

template <class E>
constexpr std::string_view name_of(E e) {
  return names_of<E>()[static_cast<std::size_t>(e)];
}

}  // namespace suanli::wire::detail
