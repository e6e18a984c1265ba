#include "tests/fakes/dcmi/scenario.hpp"

#include <algorithm>
#include <cctype>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace suanli::fake_dcmi {
namespace {

using fake_support::bad;
using fake_support::integer;
using fake_support::sequence;
using nlohmann::json;

constexpr std::int64_t kMin = std::numeric_limits<std::int32_t>::min();
constexpr std::int64_t kMax = std::numeric_limits<std::uint32_t>::max();

template <class T>
T field(const json& obj, const char* key, T fallback, std::int64_t lo = kMin,
        std::int64_t hi = kMax) {
  return fake_support::maybe<T>(obj, key, lo, hi).value_or(fallback);
}

std::string text(const json& obj, const char* key) {
  if (!obj.contains(key)) return "";
  return obj.at(key).get<std::string>();
}

unsigned hex(const json& obj, const char* key) {
  if (!obj.contains(key)) return 0;
  const std::string s = obj.at(key).get<std::string>();
  if (s.empty() || s.size() > 4 ||
      !std::all_of(s.begin(), s.end(), [](unsigned char ch) { return std::isxdigit(ch); }))
    bad("not hex");
  return static_cast<unsigned>(std::stoul(s, nullptr, 16));
}

Pcie pcie(const json& j) {
  Pcie p;
  p.vendor = hex(j, "vendor");
  p.device = hex(j, "device");
  p.subvendor = hex(j, "subvendor");
  p.subdevice = hex(j, "subdevice");
  p.domain = field<int>(j, "domain", 0, 0, 0xFFFF);
  p.bus = field<unsigned>(j, "bus", 0, 0, 0xFF);
  p.dev = field<unsigned>(j, "dev", 0, 0, 0x1F);
  p.func = field<unsigned>(j, "func", 0, 0, 7);
  return p;
}

std::optional<DieId> die_id(const json& obj, const char* key) {
  if (!obj.contains(key)) return std::nullopt;
  const json& words = obj.at(key);
  DieId id{};
  if (!words.is_array() || words.size() != id.size()) bad("a die id is five integers");
  for (std::size_t i = 0; i < id.size(); ++i)
    id[i] = static_cast<unsigned>(integer(words.at(i), 0, kMax));
  return id;
}

Hbm hbm(const json& j) {
  Hbm h;
  h.total_mb = field<std::uint64_t>(j, "total_mb", 0, 0, kMax);
  h.used_mb = sequence(j, "used_mb");
  h.freq_mhz = field<unsigned>(j, "freq_mhz", 0, 0);
  h.temp_c = field<int>(j, "temp_c", 0, kMin, std::numeric_limits<std::int32_t>::max());
  return h;
}

ChipSpec chip(const json& j) {
  if (!j.is_object()) bad("chip is not an object");
  ChipSpec c;
  c.unit_type = field<int>(j, "unit_type", 0, 0, 2);
  c.chip_type = text(j, "chip_type");
  c.name = text(j, "name");
  c.version = text(j, "version");
  c.npu_name = text(j, "npu_name");
  c.aicore = field<unsigned>(j, "aicore", 0, 0);
  c.chip_info_v2 = j.value("chip_info_v2", true);
  if (j.contains("pcie")) c.pcie = pcie(j.at("pcie"));
  if (j.contains("hbm")) c.hbm = hbm(j.at("hbm"));
  if (j.contains("aicore_max_mhz")) c.aicore_max_mhz = field<unsigned>(j, "aicore_max_mhz", 0, 0);
  c.vdie = die_id(j, "vdie");
  c.ndie = die_id(j, "ndie");
  if (j.contains("serial")) c.serial = text(j, "serial");
  c.aicore_mhz = sequence(j, "aicore_mhz");
  c.aicore_util = sequence(j, "aicore_util");
  c.power_tenths_w = sequence(j, "power_tenths_w");
  c.temperature_c = sequence(j, "temperature_c");
  c.health = sequence(j, "health");
  return c;
}

Card card(const json& j, const json& defaults) {
  Card c;
  c.id = field<int>(j, "id", 0, 0, std::numeric_limits<std::int32_t>::max());
  const json& chips = j.at("chips");
  const std::size_t n = chips.is_array() ? chips.size() : field<std::size_t>(j, "chips", 0, 0, 64);
  for (std::size_t i = 0; i < n; ++i) {
    json merged = defaults;
    if (chips.is_array()) merged.merge_patch(chips.at(i));
    c.chips.push_back(chip(merged));
  }
  return c;
}

Fault fault(const json& j) {
  Fault f;
  static_cast<fake_support::CallWindow&>(f) = fake_support::call_window(j);
  if (j.contains("card")) f.card = field<int>(j, "card", 0);
  if (j.contains("device")) f.device = field<int>(j, "device", 0);
  return f;
}

}  // namespace

std::optional<Scenario> parse_scenario(const std::string& text) noexcept {
  try {
    const json j = json::parse(text);
    Scenario s;
    s.init_code = field<int>(j, "init_code", 0, kMin, std::numeric_limits<std::int32_t>::max());
    const json defaults = j.value("chip_defaults", json::object());
    if (!defaults.is_object()) return std::nullopt;
    for (const json& c : j.value("cards", json::array()))
      s.cards.push_back(card(c, defaults));
    for (const json& f : j.value("faults", json::array()))
      s.faults.push_back(fault(f));
    return s;
  } catch (...) {
    return std::nullopt;
  }
}

}  // namespace suanli::fake_dcmi
