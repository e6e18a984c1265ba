#include "collectors/cpu/cpu_model.hpp"

#include "collectors/cpu/arm_model.hpp"
#include "collectors/cpu/x86_model.hpp"
#include "collectors/sysfs_reader.hpp"

namespace suanli::collectors::cpu {

CpuModel describe_cpu(std::string_view cpuinfo) {
  const auto implementer = parse_u64(find_field(cpuinfo, "CPU implementer", ':').value_or(""));
  const auto part = parse_u64(find_field(cpuinfo, "CPU part", ':').value_or(""));
  if (implementer && part) return describe_arm(*implementer, *part);
  if (find_field(cpuinfo, "vendor_id", ':')) return describe_x86(cpuinfo);
  CpuModel out;
  if (auto name = find_field(cpuinfo, "model name", ':')) out.model = std::string(*name);
  return out;
}

}  // namespace suanli::collectors::cpu
