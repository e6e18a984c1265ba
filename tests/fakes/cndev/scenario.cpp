#include "tests/fakes/cndev/scenario.hpp"

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

namespace suanli::fake_cndev {
namespace {

using fake_support::bad;
using fake_support::integer;
using fake_support::maybe;
using fake_support::sequence;
using nlohmann::json;

// A PCI id or bus number written as hex text: "cabc", "3b".
unsigned hex(const json& obj, const char* key, unsigned max) {
  if (!obj.contains(key)) return 0;
  const std::string s = obj.at(key).get<std::string>();
  std::size_t used = 0;
  const unsigned long v = std::stoul(s, &used, 16);
  if (used != s.size() || v > max) bad("bad hex");
  return static_cast<unsigned>(v);
}

Pcie pcie(const json& j) {
  Pcie p;
  p.vendor = hex(j, "vendor", 0xFFFF);
  p.device = hex(j, "device", 0xFFFF);
  p.subsystem = hex(j, "subsystem", 0xFFFF);
  p.subvendor = hex(j, "subvendor", 0xFFFF);
  p.domain = maybe<unsigned>(j, "domain", 0, 0xFFFF).value_or(0);
  p.bus = hex(j, "bus", 0xFF);
  p.dev = maybe<unsigned>(j, "dev", 0, 0x1F).value_or(0);
  p.func = maybe<unsigned>(j, "func", 0, 7).value_or(0);
  return p;
}

const std::set<std::string> kMluKeys = {
    "name",        "uuid",           "pcie",        "cores",   "memory_total_mb",
    "max_mhz",     "memory_used_mb", "utilization", "power_w", "power_cap_w",
    "chip_c",      "board_c",        "mhz",         "health",  "device_state",
    "driver_state"};

MluSpec mlu(const json& j) {
  if (!j.is_object()) bad("a device is not an object");
  for (const auto& [key, value] : j.items()) {
    if (!kMluKeys.count(key)) bad("unknown key " + key);
  }
  MluSpec m;
  m.name = j.value("name", "");
  if (j.contains("uuid")) m.uuid = j.at("uuid").get<std::string>();
  if (j.contains("pcie")) m.pcie = pcie(j.at("pcie"));
  m.cores = maybe<int>(j, "cores", 0, 1024);
  m.memory_total_mb = maybe<std::int64_t>(j, "memory_total_mb", 0);
  m.max_mhz = maybe<int>(j, "max_mhz", 0, 100000);
  m.memory_used_mb = sequence(j, "memory_used_mb");
  m.utilization = sequence(j, "utilization");
  m.power_w = sequence(j, "power_w");
  m.power_cap_w = sequence(j, "power_cap_w");
  m.chip_c = sequence(j, "chip_c");
  m.board_c = sequence(j, "board_c");
  m.mhz = sequence(j, "mhz");
  m.health = sequence(j, "health");
  m.device_state = sequence(j, "device_state");
  m.driver_state = sequence(j, "driver_state");
  return m;
}

Fault fault(const json& j) {
  Fault f;
  static_cast<fake_support::CallWindow&>(f) = fake_support::call_window(j);
  f.device = maybe<int>(j, "device", 0);
  f.hang = j.value("hang", false);
  return f;
}

}  // namespace

std::optional<Scenario> parse_scenario(const std::string& text) noexcept {
  try {
    const json j = json::parse(text);
    Scenario s;
    s.init_code = maybe<int>(j, "init_code", 0, 1000).value_or(0);
    const json defaults = j.value("device_defaults", json::object());
    const json devices = j.value("devices", json::array());
    const std::size_t n = devices.is_array() ? devices.size() : integer(devices, 0, 256);
    for (std::size_t i = 0; i < n; ++i) {
      json merged = defaults;
      if (devices.is_array()) merged.merge_patch(devices.at(i));
      s.devices.push_back(mlu(merged));
    }
    for (const json& f : j.value("faults", json::array()))
      s.faults.push_back(fault(f));
    return s;
  } catch (...) {
    return std::nullopt;
  }
}

}  // namespace suanli::fake_cndev
