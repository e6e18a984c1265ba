#include "collectors/vendor_status.hpp"

namespace suanli::collectors {

const ReturnCode* find_return_code(std::span<const ReturnCode> table, int code) {
  for (const ReturnCode& c : table) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

}  // namespace suanli::collectors
