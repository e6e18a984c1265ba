#include "collectors/amd/pci_address.hpp"

#include <charconv>

namespace suanli::collectors::amd {
namespace {

// Reads `digits` hex digits from the front of `text`, then expects `then` (none when '\0').
bool take(std::string_view& text, std::size_t digits, char then, std::uint32_t& out) {
  if (text.size() < digits) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + digits, out, 16);
  if (ec != std::errc() || end != text.data() + digits) return false;
  text.remove_prefix(digits);
  if (then == '\0') return text.empty();
  if (text.empty() || text.front() != then) return false;
  text.remove_prefix(1);
  return true;
}

}  // namespace

std::optional<PciAddress> parse_pci_address(std::string_view text) {
  PciAddress a;
  if (take(text, 4, ':', a.domain) && take(text, 2, ':', a.bus) && take(text, 2, '.', a.device) &&
      take(text, 1, '\0', a.function) && a.device < 32 && a.function < 8) {
    return a;
  }
  return std::nullopt;
}

}  // namespace suanli::collectors::amd
