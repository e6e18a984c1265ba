#pragma once

// File names in a spool directory: seg-<first id, 20 digits>.log holds records, and
// seg-<first id>.ack the ids acknowledged among them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace suanli::spool {

enum class FileKind { segment, acks };

struct SpoolFileName {
  std::uint64_t first_id = 0;
  FileKind kind = FileKind::segment;
};

std::string file_name(std::uint64_t first_id, FileKind kind);
std::optional<SpoolFileName> parse_file_name(std::string_view name);

}  // namespace suanli::spool
