#pragma once

#include <string>
#include <string_view>

namespace suanli {

// Center and node ids: ^[a-z0-9][a-z0-9._-]{0,62}$ (docs/protocol.md section 1).
inline constexpr std::string_view kIdPattern = "^[a-z0-9][a-z0-9._-]{0,62}$";

// The center id of an agent whose config names none (tool runs need no config file).
inline constexpr std::string_view kLocalCenter = "local";

bool is_valid_id(std::string_view id);

// Lower-cases a host name and maps every character outside the id alphabet to '-', so that the
// default node id is valid; returns "node" when nothing usable is left.
std::string sanitize_id(std::string_view raw);

// This machine's host name as an id (sanitize_id); the default node id and central id.
std::string host_id();

}  // namespace suanli
