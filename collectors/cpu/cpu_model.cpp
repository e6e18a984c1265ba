#include "collectors/cpu/cpu_model.hpp"

#include "collectors/cpu/arm_model.hpp"
#include "collectors/cpu/x86_model.hpp"
#include "collectors/sysfs_reader.hpp"

namespace suanli::collectors::cpu {

CpuModel describe_cpu(std::string_view cpuinfo) {
  const auto implementer = parse_u64(find_field(cpuinfo, "CPU implementer", ':').value_or(""));
  const auto part = parse_u64(find_field(cpuinfo, "CPU part", ':').value_or(""));
  if (implementer && part) {
    CpuModel out = describe_arm(*implementer, *part);
    out.isa = Isa::aarch64;
    return out;
  }
  if (find_field(cpuinfo, "vendor_id", ':')) {
    CpuModel out = describe_x86(cpuinfo);
    out.isa = Isa::x86_64;
    return out;
  }
  CpuModel out;
  if (auto name = find_field(cpuinfo, "model name", ':')) out.model = std::string(*name);
  return out;
}

Isa program_isa() {
#if defined(__x86_64__)
  return Isa::x86_64;
#elif defined(__aarch64__)
  return Isa::aarch64;
#else
  return Isa::unknown;
#endif
}

CpuModel as_seen_by(CpuModel model, Isa isa) {
  if (model.isa != isa) model.arch.reset();
  return model;
}

}  // namespace suanli::collectors::cpu
