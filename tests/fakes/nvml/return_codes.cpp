#include "tests/fakes/nvml/return_codes.hpp"

namespace suanli::fake_nvml {
namespace {

struct Code {
  Return code;
  std::string_view name;
  const char* text;
};

constexpr Code kCodes[] = {
    {Return::success, "SUCCESS", "Success"},
    {Return::uninitialized, "UNINITIALIZED", "Uninitialized"},
    {Return::invalid_argument, "INVALID_ARGUMENT", "Invalid Argument"},
    {Return::not_supported, "NOT_SUPPORTED", "Not Supported"},
    {Return::no_permission, "NO_PERMISSION", "Insufficient Permissions"},
    {Return::not_found, "NOT_FOUND", "Not Found"},
    {Return::insufficient_size, "INSUFFICIENT_SIZE", "Insufficient Size"},
    {Return::insufficient_power, "INSUFFICIENT_POWER", "Insufficient External Power"},
    {Return::driver_not_loaded, "DRIVER_NOT_LOADED", "Driver Not Loaded"},
    {Return::timeout, "TIMEOUT", "Timeout"},
    {Return::irq_issue, "IRQ_ISSUE", "Interrupt Request Issue"},
    {Return::library_not_found, "LIBRARY_NOT_FOUND", "NVML Shared Library Not Found"},
    {Return::function_not_found, "FUNCTION_NOT_FOUND", "Function Not Found"},
    {Return::corrupted_inforom, "CORRUPTED_INFOROM", "Corrupted infoROM"},
    {Return::gpu_is_lost, "GPU_IS_LOST", "GPU is lost"},
    {Return::reset_required, "RESET_REQUIRED", "GPU requires restart"},
    {Return::operating_system, "OPERATING_SYSTEM", "The operating system has blocked the request"},
    {Return::lib_rm_version_mismatch, "LIB_RM_VERSION_MISMATCH", "Driver/library version mismatch"},
    {Return::in_use, "IN_USE", "In use by another client"},
    {Return::memory, "MEMORY", "Insufficient Memory"},
    {Return::no_data, "NO_DATA", "No data"},
    {Return::argument_version_mismatch, "ARGUMENT_VERSION_MISMATCH",
     "Version mismatch between the struct and the library"},
    {Return::deprecated, "DEPRECATED", "Deprecated"},
    {Return::gpu_not_found, "GPU_NOT_FOUND", "GPU not found"},
    {Return::unknown, "UNKNOWN", "Unknown Error"},
};

}  // namespace

std::optional<Return> parse_return(std::string_view name) {
  if (name.starts_with("NVML_ERROR_")) name.remove_prefix(11);
  if (name == "NVML_SUCCESS") name = "SUCCESS";
  for (const auto& c : kCodes) {
    if (c.name == name) return c.code;
  }
  return std::nullopt;
}

const char* error_text(Return code) {
  for (const auto& c : kCodes) {
    if (c.code == code) return c.text;
  }
  return "Unknown Error";
}

}  // namespace suanli::fake_nvml
