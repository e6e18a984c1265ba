#include "tests/fakes/nvml/scenario.hpp"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

namespace suanli::fake_nvml {
namespace {

using nlohmann::json;

constexpr std::string_view kEntryPoints[] = {
    "nvmlInit",
    "nvmlShutdown",
    "nvmlDeviceGetCount",
    "nvmlDeviceGetHandleByIndex",
    "nvmlDeviceGetName",
    "nvmlDeviceGetUUID",
    "nvmlDeviceGetPciInfo",
    "nvmlDeviceGetMemoryInfo",
    "nvmlDeviceGetUtilizationRates",
    "nvmlDeviceGetClockInfo",
    "nvmlDeviceGetMaxClockInfo",
    "nvmlDeviceGetPowerUsage",
    "nvmlDeviceGetEnforcedPowerLimit",
    "nvmlDeviceGetTemperature",
    "nvmlDeviceGetTemperatureV",
    "nvmlDeviceGetCudaComputeCapability",
    "nvmlDeviceGetNumGpuCores",
    "nvmlDeviceGetMigMode",
    "nvmlDeviceGetMaxMigDeviceCount",
    "nvmlDeviceGetMigDeviceHandleByIndex",
    "nvmlDeviceGetAttributes",
    "nvmlDeviceGetGpuInstanceProfileInfo",
    "nvmlDeviceGetTotalEccErrors",
    "nvmlDeviceGetRemappedRows",
    "nvmlGpmQueryDeviceSupport",
    "nvmlGpmSampleAlloc",
    "nvmlGpmSampleFree",
    "nvmlGpmSampleGet",
    "nvmlGpmMetricsGet",
};

[[noreturn]] void fail(const std::string& where, const std::string& why) {
  throw std::runtime_error(where + ": " + why);
}

// One JSON object: typed access to its keys, and finish() rejects the keys nobody read.
class Object {
 public:
  Object(const json& j, std::string where) : j_(j), where_(std::move(where)) {
    if (!j_.is_object()) fail(where_, "expected an object");
  }

  const json* find(const char* key) {
    used_.insert(key);
    auto it = j_.find(key);
    return it == j_.end() ? nullptr : &*it;
  }

  template <class T>
  std::optional<T> get(const char* key) {
    const json* v = find(key);
    if (!v) return std::nullopt;
    try {
      return v->get<T>();
    } catch (const json::exception& e) {
      fail(path(key), e.what());
    }
  }

  template <class T>
  T required(const char* key) {
    auto v = get<T>(key);
    if (!v) fail(path(key), "required");
    return *v;
  }

  std::string path(const char* key) const { return where_ + "." + key; }

  void finish() const {
    for (const auto& [key, value] : j_.items()) {
      if (!used_.contains(key)) fail(where_ + "." + key, "unknown key");
    }
  }

 private:
  const json& j_;
  std::string where_;
  std::set<std::string> used_;
};

template <class T, class F>
std::vector<T> list(const json* array, const std::string& where, F&& each) {
  std::vector<T> out;
  if (!array) return out;
  if (!array->is_array()) fail(where, "expected an array");
  for (std::size_t i = 0; i < array->size(); ++i)
    out.push_back(each((*array)[i], where + "[" + std::to_string(i) + "]"));
  return out;
}

Series series(Object& o, const char* key) {
  Series s = o.get<Series>(key).value_or(Series{});
  for (double v : s) {
    if (v < 0 || v > 1) fail(o.path(key), "values are fractions in [0, 1]");
  }
  return s;
}

std::optional<GpmSpec> gpm(Object& parent) {
  const json* j = parent.find("gpm");
  if (!j) return std::nullopt;
  Object o(*j, parent.path("gpm"));
  GpmSpec g{series(o, "tensor_active"), series(o, "sm_active")};
  o.finish();
  return g;
}

unsigned pci_device_id(const json& j, const std::string& where) {
  if (j.is_number_unsigned()) return j.get<unsigned>();
  unsigned value = 0;
  char rest = 0;
  if (!j.is_string() || std::sscanf(j.get<std::string>().c_str(), "%x%c", &value, &rest) != 1)
    fail(where, "expected a number or a hex string such as \"0x233010DE\"");
  return value;
}

void bus_id(const json& j, const std::string& where, DeviceSpec& d) {
  unsigned function = 0;
  char rest = 0;
  if (!j.is_string() || std::sscanf(j.get<std::string>().c_str(), "%x:%x:%x.%x%c", &d.domain,
                                    &d.bus, &d.device, &function, &rest) != 4)
    fail(where, "expected \"DDDD:BB:DD.F\" in hex");
}

SliceSpec slice(const json& j, const std::string& where) {
  Object o(j, where);
  SliceSpec s;
  s.name = o.required<std::string>("name");
  s.uuid = o.required<std::string>("uuid");
  s.sm_count = o.get<unsigned>("sm_count");
  s.slice_count = o.get<unsigned>("slice_count").value_or(1);
  s.memory_total_bytes = o.get<std::uint64_t>("memory_total_bytes");
  s.memory_used_bytes = o.get<std::uint64_t>("memory_used_bytes").value_or(0);
  s.gpm = gpm(o);
  o.finish();
  return s;
}

std::optional<MigSpec> mig(Object& parent) {
  const json* j = parent.find("mig");
  if (!j) return std::nullopt;
  Object o(*j, parent.path("mig"));
  MigSpec m;
  m.enabled = o.get<bool>("enabled").value_or(true);
  m.total_slices = o.get<unsigned>("total_slices").value_or(7);
  m.slices = list<SliceSpec>(o.find("slices"), o.path("slices"), slice);
  if (m.slices.size() > 64) fail(o.path("slices"), "at most 64");
  o.finish();
  return m;
}

DeviceSpec device(const json& j, const std::string& where, std::size_t index) {
  Object o(j, where);
  DeviceSpec d;
  d.name = o.required<std::string>("name");
  d.uuid = o.required<std::string>("uuid");
  if (const json* id = o.find("pci_device_id")) d.pci_device_id = pci_device_id(*id, where);
  d.pci_subsystem_id = o.get<unsigned>("pci_subsystem_id").value_or(0);
  d.bus = static_cast<unsigned>(index + 1);
  if (const json* b = o.find("bus_id")) bus_id(*b, o.path("bus_id"), d);
  d.memory_total_bytes = o.get<std::uint64_t>("memory_total_bytes");
  d.memory_used_bytes = o.get<std::uint64_t>("memory_used_bytes").value_or(0);
  d.memory_reserved_bytes = o.get<std::uint64_t>("memory_reserved_bytes").value_or(0);
  d.utilization = series(o, "utilization");
  d.sm_clock_mhz = o.get<unsigned>("sm_clock_mhz");
  d.max_sm_clock_mhz = o.get<unsigned>("max_sm_clock_mhz");
  d.power_w = o.get<double>("power_w");
  d.power_limit_w = o.get<double>("power_limit_w");
  d.temperature_c = o.get<int>("temperature_c");
  d.compute_capability = o.get<std::pair<int, int>>("compute_capability");
  d.cuda_cores = o.get<unsigned>("cuda_cores");
  d.ecc_uncorrected = o.get<std::uint64_t>("ecc_uncorrected");
  d.row_remap_pending = o.get<bool>("row_remap_pending");
  d.row_remap_failure = o.get<bool>("row_remap_failure");
  d.gpm = gpm(o);
  d.mig = mig(o);
  o.finish();
  return d;
}

Fault fault(const json& j, const std::string& where) {
  Object o(j, where);
  Fault f;
  f.call = o.required<std::string>("call");
  std::string_view base = f.call;
  if (base.ends_with("_v2") || base.ends_with("_v3")) base.remove_suffix(3);
  if (std::find(std::begin(kEntryPoints), std::end(kEntryPoints), base) == std::end(kEntryPoints))
    fail(o.path("call"), "unknown entry point " + f.call);
  f.device = o.get<std::size_t>("device");
  f.slice = o.get<std::size_t>("slice");
  if (f.slice && !f.device) fail(o.path("slice"), "needs device");
  if (auto name = o.get<std::string>("error")) {
    f.error = parse_return(*name);
    if (!f.error) fail(o.path("error"), "unknown return code " + *name);
  }
  f.block_ms = o.get<unsigned>("block_ms").value_or(0);
  f.until_shutdown = o.get<bool>("until_shutdown").value_or(false);
  f.hang = o.get<bool>("hang").value_or(false);
  f.from_sample = o.get<unsigned>("from_sample").value_or(0);
  if (!f.error && f.block_ms == 0 && !f.hang) fail(where, "needs error, block_ms or hang");
  o.finish();
  return f;
}

json parse(std::string_view text, const char* what) {
  try {
    return json::parse(text);
  } catch (const json::exception& e) {
    fail(what, e.what());
  }
}

}  // namespace

Scenario parse_scenario(std::string_view text, std::string_view faults_text) {
  json doc = parse(text, "scenario");
  Object o(doc, "scenario");
  Scenario s;
  std::size_t index = 0;
  s.devices = list<DeviceSpec>(
      o.find("devices"), o.path("devices"),
      [&](const json& j, const std::string& where) { return device(j, where, index++); });
  s.faults = list<Fault>(o.find("faults"), o.path("faults"), fault);
  o.finish();
  if (!faults_text.empty()) {
    json more = parse(faults_text, "SUANLI_FAKE_NVML_FAULTS");
    for (auto& f : list<Fault>(&more, "SUANLI_FAKE_NVML_FAULTS", fault))
      s.faults.push_back(std::move(f));
  }
  return s;
}

double at_sample(const Series& series, unsigned sample) {
  if (series.empty()) return 0;
  std::size_t i = std::min<std::size_t>(sample == 0 ? 0 : sample - 1, series.size() - 1);
  return series[i];
}

}  // namespace suanli::fake_nvml
