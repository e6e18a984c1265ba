#pragma once

#include <cstddef>
#include <cstdint>

// The part of the NVML C ABI this project uses, declared from the layouts in
// docs/vendor-apis.md, "NVML struct layouts" and "GPM structs" (x86_64 and aarch64 are both
// LP64: same layout). The static_asserts pin every size and offset that page states.
namespace suanli::collectors::nvml {

// nvmlReturn_t: a C enum, int-sized. Values outside the list below are still representable.
enum class Return : int {
  success = 0,
  uninitialized = 1,
  invalid_argument = 2,
  not_supported = 3,
  no_permission = 4,
  not_found = 6,
  insufficient_size = 7,
  insufficient_power = 8,
  driver_not_loaded = 9,
  timeout = 10,
  irq_issue = 11,
  library_not_found = 12,
  function_not_found = 13,
  corrupted_inforom = 14,
  gpu_is_lost = 15,
  reset_required = 16,
  operating_system = 17,
  lib_rm_version_mismatch = 18,
  in_use = 19,
  memory = 20,
  no_data = 21,
  argument_version_mismatch = 25,
  deprecated = 26,
  gpu_not_found = 28,
  unknown = 999,
};

struct DeviceOpaque;
using DeviceHandle = DeviceOpaque*;  // nvmlDevice_t
struct GpmSampleOpaque;
using GpmSampleHandle = GpmSampleOpaque*;  // nvmlGpmSample_t

// NVML_STRUCT_VERSION(data, ver): sizeof | ver << 24.
constexpr unsigned struct_version(std::size_t size, unsigned version) {
  return static_cast<unsigned>(size) | (version << 24);
}

struct PciInfo {  // nvmlPciInfo_t: plain, _v2 and _v3 entry points
  char bus_id_legacy[16];
  unsigned domain;
  unsigned bus;
  unsigned device;
  unsigned pci_device_id;  // device id << 16 | vendor id
  unsigned pci_subsystem_id;
  char bus_id[32];
};
static_assert(sizeof(PciInfo) == 68);
static_assert(offsetof(PciInfo, domain) == 16);
static_assert(offsetof(PciInfo, pci_device_id) == 28);
static_assert(offsetof(PciInfo, bus_id) == 36);

struct Utilization {  // nvmlUtilization_t, percent
  unsigned gpu;
  unsigned memory;
};
static_assert(sizeof(Utilization) == 8);

struct Memory {  // nvmlMemory_t, bytes; used = reserved + allocated
  unsigned long long total;
  unsigned long long free;
  unsigned long long used;
};
static_assert(sizeof(Memory) == 24);

struct MemoryV2 {  // nvmlMemory_v2_t, bytes; used = allocated only
  unsigned version;
  unsigned long long total;
  unsigned long long reserved;
  unsigned long long free;
  unsigned long long used;
};
static_assert(sizeof(MemoryV2) == 40);
static_assert(offsetof(MemoryV2, total) == 8);
static_assert(offsetof(MemoryV2, used) == 32);
constexpr unsigned kMemoryV2Version = struct_version(sizeof(MemoryV2), 2);
static_assert(kMemoryV2Version == 0x02000028);

struct Temperature {  // nvmlTemperature_v1_t
  unsigned version;
  int sensor_type;
  int temperature;  // °C
};
static_assert(sizeof(Temperature) == 12);
constexpr unsigned kTemperatureV1Version = struct_version(sizeof(Temperature), 1);
static_assert(kTemperatureV1Version == 0x0100000c);

struct DeviceAttributes {  // nvmlDeviceAttributes_t (MIG device handles only)
  unsigned multiprocessor_count;
  unsigned shared_copy_engine_count;
  unsigned shared_decoder_count;
  unsigned shared_encoder_count;
  unsigned shared_jpeg_count;
  unsigned shared_ofa_count;
  unsigned gpu_instance_slice_count;
  unsigned compute_instance_slice_count;
  unsigned long long memory_size_mb;
};
static_assert(sizeof(DeviceAttributes) == 40);
static_assert(offsetof(DeviceAttributes, gpu_instance_slice_count) == 24);
static_assert(offsetof(DeviceAttributes, memory_size_mb) == 32);

struct GpuInstanceProfileInfo {  // nvmlGpuInstanceProfileInfo_t
  unsigned id;
  unsigned is_p2p_supported;
  unsigned slice_count;
  unsigned instance_count;
  unsigned multiprocessor_count;
  unsigned copy_engine_count;
  unsigned decoder_count;
  unsigned encoder_count;
  unsigned jpeg_count;
  unsigned ofa_count;
  unsigned long long memory_size_mb;
};
static_assert(sizeof(GpuInstanceProfileInfo) == 48);
static_assert(offsetof(GpuInstanceProfileInfo, multiprocessor_count) == 16);

struct GpmSupport {  // nvmlGpmSupport_t
  unsigned version;
  unsigned is_supported_device;
};
constexpr unsigned kGpmSupportVersion = 1;

struct GpmMetric {  // nvmlGpmMetric_t
  unsigned metric_id;
  Return nvml_return;
  double value;  // percent metrics are 0-100
  struct {
    char* short_name;
    char* long_name;
    char* unit;
  } metric_info;
};
static_assert(sizeof(GpmMetric) == 40);
static_assert(offsetof(GpmMetric, value) == 8);

// NVML_GPM_METRIC_MAX grew (98, 210, 333) while the struct version stayed 1: allocate the
// largest known array, so that a newer library never writes past the end (docs/vendor-apis.md,
// "GPM structs").
constexpr unsigned kGpmMetricMax = 333;
struct GpmMetricsGet {  // nvmlGpmMetricsGet_t
  unsigned version;
  unsigned num_metrics;
  GpmSampleHandle sample1;
  GpmSampleHandle sample2;
  GpmMetric metrics[kGpmMetricMax];
};
static_assert(offsetof(GpmMetricsGet, metrics) == 24);
static_assert(sizeof(GpmMetricsGet) == 13344);
constexpr unsigned kGpmMetricsGetVersion = 1;

// Enumerators passed by value (C enums, int-sized).
constexpr int kClockSm = 1;                        // nvmlClockType_t NVML_CLOCK_SM
constexpr int kTemperatureGpu = 0;                 // NVML_TEMPERATURE_GPU
constexpr int kMemoryErrorUncorrected = 1;         // NVML_MEMORY_ERROR_TYPE_UNCORRECTED
constexpr int kVolatileEcc = 0;                    // NVML_VOLATILE_ECC
constexpr unsigned kMigEnabled = 1;                // NVML_DEVICE_MIG_ENABLE
constexpr unsigned kGpuInstanceProfile7Slice = 4;  // NVML_GPU_INSTANCE_PROFILE_7_SLICE
constexpr unsigned kGpuInstanceProfile8Slice = 5;  // NVML_GPU_INSTANCE_PROFILE_8_SLICE
constexpr unsigned kGpmSmUtil = 2;                 // NVML_GPM_METRIC_SM_UTIL
constexpr unsigned kGpmAnyTensorUtil = 5;          // NVML_GPM_METRIC_ANY_TENSOR_UTIL

// Buffer sizes (NVML_DEVICE_NAME_V2_BUFFER_SIZE, NVML_DEVICE_UUID_V2_BUFFER_SIZE).
constexpr unsigned kNameBufferSize = 96;
constexpr unsigned kUuidBufferSize = 96;

// Function types, one per entry point (the versioned names share their plain name's type).
using InitFn = Return();
using ShutdownFn = Return();
using ErrorStringFn = const char*(Return);
using DeviceGetCountFn = Return(unsigned*);
using DeviceGetHandleByIndexFn = Return(unsigned, DeviceHandle*);
using DeviceGetStringFn = Return(DeviceHandle, char*, unsigned);  // name, UUID
using DeviceGetPciInfoFn = Return(DeviceHandle, PciInfo*);
using DeviceGetMemoryInfoFn = Return(DeviceHandle, Memory*);
using DeviceGetMemoryInfoV2Fn = Return(DeviceHandle, MemoryV2*);
using DeviceGetUtilizationRatesFn = Return(DeviceHandle, Utilization*);
using DeviceGetClockFn = Return(DeviceHandle, int, unsigned*);  // clock info, max clock info
using DeviceGetUintFn = Return(DeviceHandle, unsigned*);        // power, limit, cores, MIG count
using DeviceGetTemperatureFn = Return(DeviceHandle, int, unsigned*);
using DeviceGetTemperatureVFn = Return(DeviceHandle, Temperature*);
using DeviceGetComputeCapabilityFn = Return(DeviceHandle, int*, int*);
using DeviceGetMigModeFn = Return(DeviceHandle, unsigned*, unsigned*);
using DeviceGetMigDeviceHandleByIndexFn = Return(DeviceHandle, unsigned, DeviceHandle*);
using DeviceGetAttributesFn = Return(DeviceHandle, DeviceAttributes*);
using DeviceGetGpuInstanceProfileInfoFn = Return(DeviceHandle, unsigned, GpuInstanceProfileInfo*);
using DeviceGetTotalEccErrorsFn = Return(DeviceHandle, int, int, unsigned long long*);
using DeviceGetRemappedRowsFn = Return(DeviceHandle, unsigned*, unsigned*, unsigned*, unsigned*);
using GpmQueryDeviceSupportFn = Return(DeviceHandle, GpmSupport*);
using GpmSampleAllocFn = Return(GpmSampleHandle*);
using GpmSampleFreeFn = Return(GpmSampleHandle);
using GpmSampleGetFn = Return(DeviceHandle, GpmSampleHandle);
using GpmMetricsGetFn = Return(GpmMetricsGet*);

}  // namespace suanli::collectors::nvml
