#pragma once

// Valid messages for the wire tests: "full" sets every optional field, "minimal" none.

#include "uplink/wire/messages.hpp"

namespace suanli::wire::test {

inline constexpr const char* kCenter = "sz-aicc";
inline constexpr const char* kNode = "gpu-a01";

Header header(std::uint64_t seq = 42);
PrecisionMap h100_peak();

Status status_sample();
Birth full_birth();
Birth minimal_birth();
Data full_data();
Data minimal_data();
Cmd full_cmd();
Cmd minimal_cmd();

}  // namespace suanli::wire::test
