#pragma once

// The payload the tests and spool_writer store under a given id, so a reader can check it.

#include <cstdint>
#include <string>

namespace suanli::spool::test {

inline std::string payload_for(std::uint64_t id) {
  std::string out = "{\"seq\":" + std::to_string(id) + ",\"pad\":\"";
  out.append(static_cast<std::size_t>(20 + id % 97), static_cast<char>('a' + id % 26));
  return out + "\"}";
}

}  // namespace suanli::spool::test
