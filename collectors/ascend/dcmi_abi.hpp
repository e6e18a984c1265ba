#pragma once

// The part of Huawei's DCMI ABI (libdcmi.so, dcmi_interface_api.h) this project uses, declared from
// docs/vendor-apis.md ("DCMI functions" to "DCMI return codes") because no vendor header is
// available at build time. Shared by the backend and the fake library of the tests; the asserts pin
// the x86_64 layouts.

#include <cstddef>

namespace suanli::dcmi {

inline constexpr int kOk = 0;
inline constexpr int kMaxCards = 64;

// dcmi_get_device_type
inline constexpr int kUnitNpu = 0;

// dcmi_get_device_utilization_rate input_type
inline constexpr int kUtilizationAiCore = 2;

// enum dcmi_freq_type
inline constexpr int kFrequencyAiCoreCurrent = 7;
inline constexpr int kFrequencyAiCoreMax = 9;

// dcmi_get_device_health
inline constexpr unsigned kHealthOk = 0;
inline constexpr unsigned kHealthMinor = 1;
inline constexpr unsigned kHealthMajor = 2;
inline constexpr unsigned kHealthCritical = 3;
inline constexpr unsigned kHealthNoDevice = 0xFFFFFFFFu;

// enum dcmi_die_type of dcmi_get_device_die_v2. The VDIE id "can be the uuid of chip"; only
// Ascend 910 chips have an NDIE id (Ascend/mind-cluster,
// component/ascend-common/devmanager/dcmi/constants.go).
inline constexpr int kDieNdie = 0;
inline constexpr int kDieVdie = 1;

// Return codes (DCMI_ERROR_CODE_BASE = -8000).
inline constexpr int kInvalidParameter = -8001;
inline constexpr int kOperNotPermitted = -8002;
inline constexpr int kMemOperateFail = -8003;
inline constexpr int kSecureFunFail = -8004;
inline constexpr int kInnerErr = -8005;
inline constexpr int kTimeOut = -8006;
inline constexpr int kInvalidDeviceId = -8007;
inline constexpr int kDeviceNotExist = -8008;
inline constexpr int kIoctlFail = -8009;
inline constexpr int kSendMsgFail = -8010;
inline constexpr int kRecvMsgFail = -8011;
inline constexpr int kNotReady = -8012;
inline constexpr int kNotSupportInContainer = -8013;
inline constexpr int kIsUpgrading = -8017;
inline constexpr int kResourceOccupied = -8020;
inline constexpr int kConfigInfoNotExist = -8023;
inline constexpr int kNotSupport = -8255;

struct ChipInfo {
  unsigned char chip_type[32];
  unsigned char chip_name[32];
  unsigned char chip_ver[32];
  unsigned int aicore_cnt;
};

struct ChipInfoV2 {
  unsigned char chip_type[32];
  unsigned char chip_name[32];
  unsigned char chip_ver[32];
  unsigned int aicore_cnt;
  unsigned char npu_name[32];
};

struct HbmInfo {
  unsigned long long memory_size;   // MB
  unsigned int freq;                // MHz
  unsigned long long memory_usage;  // MB
  int temp;
  unsigned int bandwith_util_rate;
};

struct PcieInfoAll {
  unsigned int venderid;
  unsigned int subvenderid;
  unsigned int deviceid;
  unsigned int subdeviceid;
  int domain;
  unsigned int bdf_busid;
  unsigned int bdf_deviceid;
  unsigned int bdf_funcid;
  unsigned char reserve[32];
};

// The identity calls, from Huawei's dcmi_interface_api.h as Ascend/mind-cluster carries it
// (component/ascend-common/devmanager/dcmi/dcmi_interface_api.h: struct dcmi_die_id with
// DIE_ID_COUNT 5, struct dcmi_elabel_info with MAX_LENGTH 256, dcmi_get_device_die_v2) and the
// DCMI API reference for dcmi_get_device_elabel_info(card_id, device_id, struct
// dcmi_elabel_info *) (verylucky01/driver,
// docs/zh/Ascend_910B_DCMI_API/Ascend_910B_DCMI_API/dcmi_get_device_elabel_info.md).
struct DieId {
  unsigned int soc_die[5];
};

struct ElabelInfo {
  char product_name[256];
  char model[256];
  char manufacturer[256];
  char manufacturer_date[256];
  char serial_number[256];
};

static_assert(sizeof(ChipInfo) == 100);
static_assert(sizeof(ChipInfoV2) == 132);
static_assert(sizeof(HbmInfo) == 32 && offsetof(HbmInfo, freq) == 8 &&
              offsetof(HbmInfo, memory_usage) == 16 && offsetof(HbmInfo, temp) == 24 &&
              offsetof(HbmInfo, bandwith_util_rate) == 28);
static_assert(sizeof(PcieInfoAll) == 64);
static_assert(sizeof(DieId) == 20);
static_assert(sizeof(ElabelInfo) == 1280 && offsetof(ElabelInfo, serial_number) == 1024);

// Function types. C enum parameters (dcmi_unit_type, dcmi_freq_type, dcmi_die_type) are
// int-sized and passed as int.
using InitFn = int();
using CardListFn = int(int* card_num, int* card_list, int list_len);
using DeviceNumInCardFn = int(int card_id, int* device_num);
using DeviceTypeFn = int(int card_id, int device_id, int* unit_type);
using ChipInfoFn = int(int card_id, int device_id, ChipInfo* info);
using ChipInfoV2Fn = int(int card_id, int device_id, ChipInfoV2* info);
using PcieInfoFn = int(int card_id, int device_id, PcieInfoAll* info);
using UtilizationRateFn = int(int card_id, int device_id, int input_type, unsigned int* rate);
using HbmInfoFn = int(int card_id, int device_id, HbmInfo* info);
using FrequencyFn = int(int card_id, int device_id, int freq_type, unsigned int* mhz);
using PowerInfoFn = int(int card_id, int device_id, int* tenths_of_watt);
using TemperatureFn = int(int card_id, int device_id, int* celsius);
using HealthFn = int(int card_id, int device_id, unsigned int* health);
using DieIdFn = int(int card_id, int device_id, int die_type, DieId* die_id);
using ElabelInfoFn = int(int card_id, int device_id, ElabelInfo* elabel_info);

}  // namespace suanli::dcmi
