#include <string>
#include <unordered_map>

#include "uplink/wire/detail/decoders.hpp"

namespace suanli::wire::detail {
namespace {

bool is_pci_id(std::string_view s) {
  const auto hex = [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); };
  if (s.size() != 9 || s[4] != ':') return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i != 4 && !hex(s[i])) return false;
  }
  return true;
}

// An open set: a newer agent's backend is accepted by name, so central never has to be upgraded
// first.
bool is_backend_name(std::string_view s) {
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  }
  return true;
}

// Far above any machine built (a few thousand physical qubits by 2025), and small enough that a
// city's sum of 1024 devices per node never nears an overflow.
constexpr std::uint64_t kMaxQubits = 1000000;

// A quantum device is counted in qubits and has no FLOPS: its qubits are required, its peaks
// empty; any other device has no qubits.
void check_quantum(Reader& r, const Object& o, Device& d) {
  r.field(o, "qubits", d.qubits, Uint{1, kMaxQubits});
  if (r.failed()) return;
  if (d.device_class != DeviceClass::quantum) {
    if (d.qubits) r.fail("qubits", DecodeReason::bad_value, "is only allowed with class quantum");
  } else if (!d.qubits) {
    r.fail("qubits", DecodeReason::missing_field, "is required with class quantum");
  } else if (!d.peak_tflops.empty()) {
    r.fail("peak_tflops", DecodeReason::bad_value, "must be {} with class quantum");
  } else if (d.parent) {
    r.fail("parent", DecodeReason::bad_value, "is not allowed with class quantum");
  }
}

Device read_device(Reader& r, const Object& o) {
  Device d;
  r.field(o, "id", d.id, kDeviceId);
  r.field(o, "backend", d.backend, kBackendName);
  if (!is_backend_name(d.backend)) {
    r.fail("backend", DecodeReason::bad_value, "must be lower-case letters, digits, _ or -");
  }
  r.field(o, "class", d.device_class);
  r.field(o, "vendor", d.vendor, kText);
  r.field(o, "model", d.model, kText);
  r.field(o, "uuid", d.uuid, kText);
  r.field(o, "pci_id", d.pci_id, kText);
  if (d.pci_id && !is_pci_id(*d.pci_id)) {
    r.fail("pci_id", DecodeReason::bad_value, "must be vvvv:dddd in lower-case hex");
  }
  r.field(o, "bus_id", d.bus_id, kShortText);
  r.field(o, "memory_total_bytes", d.memory_total_bytes);
  r.field(o, "units", d.units);
  r.field(o, "max_clock_mhz", d.max_clock_mhz, kNonNegative);
  r.field(o, "peak_tflops", d.peak_tflops);
  r.field(o, "peak_source", d.peak_source);
  r.field(o, "catalog_model", d.catalog_model, kText);
  r.field(o, "peak_confidence", d.peak_confidence);
  r.field(o, "peak_basis", d.peak_basis, kText);
  r.field(o, "peak_unknown", d.peak_unknown);
  r.field(o, "parent", d.parent, kDeviceId);
  r.field(o, "share", d.share, kShare);
  if (d.parent && !d.share) {
    r.fail("share", DecodeReason::missing_field, "is required when parent is set");
  } else if (d.share && !d.parent) {
    r.fail("share", DecodeReason::bad_value, "is only allowed with parent");
  }
  check_quantum(r, o, d);
  return d;
}

// A slice's parent must be another device of the message, and not a slice itself.
void check_parents(Reader& r, const std::vector<Device>& devices) {
  std::unordered_map<std::string_view, const Device*> by_id;
  for (const auto& d : devices)
    by_id.emplace(d.id, &d);
  Reader::Scope list(r, "devices");
  for (std::size_t i = 0; i < devices.size() && !r.failed(); ++i) {
    const auto& d = devices[i];
    if (!d.parent) continue;
    Reader::Scope item(r, i);
    const auto it = by_id.find(*d.parent);
    if (*d.parent == d.id || it == by_id.end()) {
      r.fail("parent", DecodeReason::bad_value, "must be the id of another device in devices");
    } else if (it->second->parent) {
      r.fail("parent", DecodeReason::bad_value, "must name a physical device, not a slice");
    }
  }
}

}  // namespace

Birth read_birth(Reader& r, const Object& root, Header header) {
  Birth b;
  b.header = std::move(header);
  r.object(root, "host", [&](const Object& o) {
    r.field(o, "hostname", b.host.hostname, kText);
    r.field(o, "os", b.host.os, kText);
    r.field(o, "kernel", b.host.kernel, kText);
    r.field(o, "arch", b.host.arch, kText);
    r.field(o, "agent_version", b.host.agent_version, kText);
    r.field(o, "cpu_limit", b.host.cpu_limit, kNonNegative);
  });
  r.field(root, "district", b.district, kShortText);
  r.field(root, "interval_ms", b.interval_ms, Uint{1});
  r.field(root, "sample_interval_ms", b.sample_interval_ms, Uint{1});
  UniqueIds ids;
  r.array_of_objects(root, "devices", kMaxDevices, [&](const Object& o, std::size_t i) {
    b.devices.push_back(read_device(r, o));
    ids.check(r, b.devices.back().id, i);
  });
  if (!r.failed()) check_parents(r, b.devices);
  r.object(root, "totals", [&](const Object& o) {
    r.field(o, "devices", b.totals.devices);
    r.field(o, "peak_tflops", b.totals.peak_tflops);
  });
  b.spool_faults = read_spool_faults(r, root);
  return b;
}

}  // namespace suanli::wire::detail
