#pragma once

// Wire format v1 messages (docs/protocol.md is the normative spec). An absent optional is unknown,
// never zero: it is encoded by omitting the key.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "config/device_description.hpp"
#include "config/device_kinds.hpp"
#include "config/device_telemetry.hpp"
#include "config/method_shares.hpp"
#include "config/precision.hpp"

namespace suanli::wire {

inline constexpr std::uint64_t kVersion = 1;
inline constexpr std::size_t kMaxPayloadBytes = 256 * 1024;
inline constexpr std::size_t kMaxDevices = 1024;
// Largest boot and seq accepted (docs/protocol.md section 3): far above any real counter (a boot
// of Unix seconds, a seq of a window a millisecond for 285,000 years), exact in a double (every
// JSON reader), and so far below 2^64 that counting on from it never wraps.
inline constexpr std::uint64_t kMaxCounter = std::uint64_t{1} << 53;

enum class Kind { status, birth, data, hist, cmd };
enum class Command { rebirth };

std::string_view to_string(Kind k);
std::string_view to_string(Command c);
std::optional<Kind> parse_kind(std::string_view name);

// The common header of status, birth, data and hist.
struct Header {
  std::string center;
  std::string node;
  std::uint64_t boot = 0;
  std::uint64_t seq = 0;
  std::uint64_t ts_ms = 0;
  bool operator==(const Header&) const = default;
};

struct Status {
  Header header;
  bool online = false;
  bool operator==(const Status&) const = default;
};

struct Host {
  std::string hostname;
  std::string os;
  std::string kernel;
  std::string arch;
  std::string agent_version;
  std::optional<double> cpu_limit{};  // CPUs a cgroup grants the agent; absent when unlimited
  bool operator==(const Host&) const = default;
};

// A device of a birth message: what its backend discovered, and its peaks.
struct Device : DeviceDescription {
  std::optional<std::string> pci_id;  // "vvvv:dddd", lower-case hex
  PrecisionMap peak_tflops;
  PeakSource peak_source = PeakSource::unknown;
  std::optional<std::string> catalog_model;
  std::optional<PeakConfidence> peak_confidence;  // absent when unknown
  std::optional<std::string> peak_basis;          // how the figures were made, or why none
  // Precisions whose figure is unknown (the hardware may have them), as opposed to precisions
  // the hardware has no rate for; absent from an agent that predates the field.
  std::optional<PrecisionSet> peak_unknown;
  bool operator==(const Device&) const = default;
};

struct BirthTotals {
  std::uint64_t devices = 0;
  PrecisionMap peak_tflops;
  bool operator==(const BirthTotals&) const = default;
};

// What the agent's disk spool lost or could not do since the agent started: damage found at
// start-up (and stepped over or cut), and windows sent without a copy on disk.
struct SpoolFaults {
  std::uint64_t skipped_records = 0;  // lost inside a segment, between intact records
  std::uint64_t skipped_bytes = 0;
  std::uint64_t truncated_segments = 0;  // segments whose damaged tail was cut
  std::uint64_t truncated_bytes = 0;
  std::uint64_t unspooled_windows = 0;  // sent from memory only: the spool could not store them
  bool operator==(const SpoolFaults&) const = default;
};

struct Birth {
  Header header;
  Host host;
  std::optional<std::string> district;
  std::uint64_t interval_ms = 0;
  std::uint64_t sample_interval_ms = 0;
  std::vector<Device> devices;
  BirthTotals totals;
  std::optional<SpoolFaults> spool_faults;
  bool operator==(const Birth&) const = default;
};

struct Window {
  std::uint64_t start_ms = 0;
  std::uint64_t end_ms = 0;
  std::uint64_t samples = 0;
  bool operator==(const Window&) const = default;
};

// The telemetry fields are the latest known values of the window.
struct DeviceWindow : DeviceTelemetry {
  std::string id;
  bool healthy = false;
  std::optional<std::string> health_reason;
  Method method = Method::none;  // the method of most of the window's measured samples
  // Present when the window mixed methods: the share of its measured samples each one took.
  // Absent: every measured sample used `method` (shares_of).
  std::optional<MethodShares> method_shares;
  std::optional<double> activity_mean;  // [0, 1]; absent when method is none
  std::optional<double> activity_max;
  PrecisionMap achieved_tflops;
  bool operator==(const DeviceWindow&) const = default;
};

// The window's method shares: method_shares when present, else all of it by `method` (nothing
// when method is none).
MethodShares shares_of(const DeviceWindow& w);

struct DataTotals {
  std::uint64_t devices = 0;
  std::uint64_t healthy_devices = 0;
  PrecisionMap peak_tflops;
  PrecisionMap live_tflops;  // peak of the healthy devices
  PrecisionMap achieved_tflops;
  bool operator==(const DataTotals&) const = default;
};

struct Spool {
  std::uint64_t depth = 0;  // records
  std::uint64_t bytes = 0;
  bool operator==(const Spool&) const = default;
};

struct Data {
  Header header;
  std::uint64_t interval_ms = 0;
  Window window;
  std::vector<DeviceWindow> devices;
  DataTotals totals;
  std::uint64_t dropped_total = 0;
  Spool spool;
  std::optional<double> publish_latency_ms;
  std::optional<SpoolFaults> spool_faults;
  bool operator==(const Data&) const = default;
};

// A data message replayed from the spool; it keeps the original header (boot, seq, ts_ms).
// A distinct type so that a receiver cannot mistake a replay for live data.
struct Hist {
  Data data;
  bool operator==(const Hist&) const = default;
};

// Sent by central to one agent; boot and seq are central's own and optional.
struct Cmd {
  std::string center;
  std::string node;
  std::optional<std::uint64_t> boot;
  std::optional<std::uint64_t> seq;
  std::uint64_t ts_ms = 0;
  Command cmd = Command::rebirth;
  bool operator==(const Cmd&) const = default;
};

using Message = std::variant<Status, Birth, Data, Hist, Cmd>;

Kind kind_of(const Message& m);
const std::string& center_of(const Message& m);
const std::string& node_of(const Message& m);

}  // namespace suanli::wire
