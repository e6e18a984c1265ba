#pragma once

// The part of Cambricon's CNDev ABI (libcndev.so) this project uses, declared from the public
// header Cambricon/mlu-exporter pkg/cndev/include/cndev.h (2025-11 revision) because no vendor
// header is available at build time. Shared by the backend and the fake library of the tests;
// the asserts pin the x86_64 and aarch64 layouts (LP64: the header's __uint64_t is unsigned long).

#include <cstddef>
#include <cstdint>

namespace suanli::cndev {

// cndevDevice_t: a device handle from cndevGetDeviceHandleByIndex, not an index.
using Device = std::int32_t;

// CNDEV_VERSION_1..6: the `version` member a caller sets in most structs. Cambricon's own
// exporter (pkg/cndev/cndev.go) sets CNDEV_VERSION_6 everywhere.
inline constexpr std::int32_t kVersion6 = 6;

// cndevRet_t
inline constexpr int kSuccess = 0;
inline constexpr int kNoDriver = 1;
inline constexpr int kLowDriverVersion = 2;
inline constexpr int kUnsupportedApiVersion = 3;
inline constexpr int kUninitialized = 4;
inline constexpr int kInvalidArgument = 5;
inline constexpr int kInvalidDeviceId = 6;
inline constexpr int kUnknown = 7;
inline constexpr int kMalloc = 8;
inline constexpr int kInsufficientSpace = 9;
inline constexpr int kNotSupported = 10;
inline constexpr int kInvalidLink = 11;
inline constexpr int kNoDevices = 12;
inline constexpr int kNoPermission = 13;
inline constexpr int kNotFound = 14;
inline constexpr int kInUse = 15;
inline constexpr int kDuplicate = 16;
inline constexpr int kTimeout = 17;
inline constexpr int kInProblem = 18;

// cndevHealthStateEnum_t and cndevDriverHealthStateEnum_t (C enums: int-sized).
inline constexpr std::int32_t kDeviceInProblem = 0;
inline constexpr std::int32_t kDeviceGood = 1;
inline constexpr std::int32_t kDriverRunning = 4;

inline constexpr std::size_t kUuidSize = 37;  // CNDEV_UUID_SIZE; not NUL-terminated

struct CardInfo {  // cndevCardInfo_t
  std::int32_t version;
  std::uint32_t number;
};

struct CardCoreCount {  // cndevCardCoreCount_t
  std::int32_t version;
  std::int32_t count;
};

struct Uuid {  // cndevUUID_t
  std::int32_t version;
  std::uint8_t uuid[kUuidSize];
  std::uint64_t ncsUUID64;
};

struct PcieInfoV2 {  // cndevPCIeInfoV2_t (no version member)
  std::uint32_t subsystemId;
  std::uint32_t deviceId;
  std::uint16_t vendor;
  std::uint16_t subsystemVendor;
  std::uint32_t domain;
  std::uint32_t bus;
  std::uint32_t device;
  std::uint32_t function;
  std::uint16_t moduleId;
  std::uint16_t slotId;
  std::uint32_t reserved[8];
};

struct UtilizationInfo {  // cndevUtilizationInfo_t
  std::int32_t version;
  std::int32_t averageCoreUtilization;  // percent
  std::int32_t coreUtilization[80];
};

struct MemoryInfoV2 {  // cndevMemoryInfoV2_t (no version member); sizes in MB
  std::int64_t physicalMemoryTotal;
  std::int64_t physicalMemoryUsed;
  std::int64_t reservedMemory;
  std::int64_t virtualMemoryTotal;
  std::int64_t virtualMemoryUsed;
  std::uint64_t globalMemory;
  std::uint64_t reserved[16];
};

struct FrequencyInfo {  // cndevFrequencyInfo_t; MHz
  std::int32_t version;
  std::int32_t boardFreq;  // current
  std::int32_t ddrFreq;
  std::uint8_t overtempDfsFlag;
  std::uint8_t fastDfsFlag;
  std::uint16_t mluClusterFreqCount;
  std::uint16_t mluClusterFreq[20];
  std::int32_t boardDefaultFreq;
  std::int32_t boardFreqArange[2];  // [min, max] operating frequency
};

struct TemperatureInfo {  // cndevTemperatureInfo_t; degrees Celsius
  std::int32_t version;
  std::int32_t board;  // the highest board sensor
  std::int32_t cluster[20];
  std::int32_t memoryDie[8];
  std::int32_t chip;  // the highest chip-top sensor
  std::int32_t airInlet;
  std::int32_t airOutlet;
  std::int32_t memory;
  std::int32_t videoInput;
  std::int32_t cpu;
  std::int32_t isp;
};

struct DevicePowerInfo {  // cndevDevicePowerInfo_t (no version member); watts
  std::int32_t usage;
  std::int32_t cap;
  std::int32_t machine;
  std::int32_t tdp;
  std::int32_t maxPower;
  std::int32_t reserved[16];
};

struct CardHealthState {  // cndevCardHealthState_t
  std::int32_t version;
  std::int32_t health;       // 1 healthy, 0 sick
  std::int32_t deviceState;  // kDeviceInProblem / kDeviceGood
  std::int32_t driverState;  // cndevDriverHealthStateEnum_t: 0..8, kDriverRunning normal
};

static_assert(sizeof(CardInfo) == 8 && sizeof(CardCoreCount) == 8);
static_assert(offsetof(Uuid, uuid) == 4 && offsetof(Uuid, ncsUUID64) == 48 && sizeof(Uuid) == 56);
static_assert(offsetof(PcieInfoV2, vendor) == 8 && offsetof(PcieInfoV2, domain) == 12 &&
              offsetof(PcieInfoV2, function) == 24 && offsetof(PcieInfoV2, moduleId) == 28 &&
              sizeof(PcieInfoV2) == 64);
static_assert(sizeof(UtilizationInfo) == 328);
static_assert(offsetof(MemoryInfoV2, physicalMemoryUsed) == 8 && sizeof(MemoryInfoV2) == 176);
static_assert(offsetof(FrequencyInfo, mluClusterFreq) == 16 &&
              offsetof(FrequencyInfo, boardDefaultFreq) == 56 &&
              offsetof(FrequencyInfo, boardFreqArange) == 60 && sizeof(FrequencyInfo) == 68);
static_assert(offsetof(TemperatureInfo, chip) == 120 && sizeof(TemperatureInfo) == 148);
static_assert(sizeof(DevicePowerInfo) == 84);
static_assert(sizeof(CardHealthState) == 16);

using InitFn = int(std::int32_t reserved);
using ReleaseFn = int();
using ErrorStringFn = const char*(int code);
using DeviceCountFn = int(CardInfo* card_num);
using HandleByIndexFn = int(std::int32_t index, Device* handle);
using CardNameFn = const char*(Device device);
template <class Info>
using InfoFn = int(Info* info, Device device);

}  // namespace suanli::cndev
