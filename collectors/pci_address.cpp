#include "collectors/pci_address.hpp"

#include <charconv>
#include <cstdio>

namespace suanli::collectors {
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

std::string PciAddress::to_string() const {
  char text[32];
  std::snprintf(text, sizeof text, "%04x:%02x:%02x.%x", domain, bus, device, function);
  return text;
}

std::optional<PciAddress> parse_pci_address(std::string_view text) {
  PciAddress a;
  const std::size_t domain_digits = text.find(':');
  if (domain_digits < 4 || domain_digits > 8) return std::nullopt;
  if (take(text, domain_digits, ':', a.domain) && take(text, 2, ':', a.bus) &&
      take(text, 2, '.', a.device) && take(text, 1, '\0', a.function) && a.device < 32 &&
      a.function < 8) {
    return a;
  }
  return std::nullopt;
}

std::optional<std::string> canonical_bus_id(std::string_view text) {
  const auto address = parse_pci_address(text);
  if (!address) return std::nullopt;
  return address->to_string();
}

}  // namespace suanli::collectors
