#pragma once

#include <cstdint>

#include "collectors/cambricon/cndev_abi.hpp"
#include "collectors/cambricon/cndev_status.hpp"

namespace suanli::collectors::cambricon {

// CNDev reports memory sizes in MB, which cnmon shows as MiB.
inline constexpr std::uint64_t kMiB = 1024ull * 1024ull;

// Calls the CNDev functions of one MLU and keeps the first failure that concerns the MLU or the
// driver rather than one reading. After such a failure it calls nothing more: each further call
// on a failing MLU could block as well.
class MluCalls {
 public:
  explicit MluCalls(cndev::Device handle) : handle_(handle), guard_(classify) {}

  // fn(&out, handle) when fn is exported and nothing has failed, with `out` zeroed and its
  // `version` member, where the struct has one, set as the header asks; true on success.
  template <class Info>
  bool read(int (*fn)(Info*, cndev::Device), Info& out) {
    out = Info{};
    if constexpr (requires { out.version; }) out.version = cndev::kVersion6;
    if (!fn || failure()) return false;
    return guard_.check(fn(&out, handle_));
  }

  // Records the code of a call made outside read(); true when it is success.
  bool check(int code) { return guard_.check(code); }

  // The first failure about the MLU or the driver; null while there is none.
  const CallFailure* failure() const { return guard_.failure(); }

 private:
  cndev::Device handle_;
  FailureGuard guard_;
};

}  // namespace suanli::collectors::cambricon
