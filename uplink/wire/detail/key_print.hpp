#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace suanli::wire::detail {

// A key with its first 8 bytes as a number: keys that differ there or in length compare unequal
// without a memcmp, which is nearly every pair of a wire object's keys. Trivial, so that arrays
// of them cost nothing until written.
struct KeyPrint {
  KeyPrint() = default;
  explicit KeyPrint(std::string_view k) : head(0), data(k.data()), size(k.size()) {
    if (size >= sizeof head) {
      std::memcpy(&head, data, sizeof head);  // one load
    } else {
      for (std::size_t i = 0; i < size; ++i)
        head |= std::uint64_t{static_cast<unsigned char>(data[i])} << (8 * i);
    }
  }

  std::string_view key() const { return {data, size}; }

  bool operator==(const KeyPrint& o) const {
    return head == o.head && size == o.size &&
           (size <= sizeof head ||
            std::memcmp(data + sizeof head, o.data + sizeof head, size - sizeof head) == 0);
  }

  std::uint64_t head;
  const char* data;
  std::size_t size;
};

}  // namespace suanli::wire::detail
