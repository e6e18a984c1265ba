#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "collectors/catalog/arch.hpp"

namespace suanli::collectors::cpu {

// An instruction set: the one a cpuinfo describes, or the one this program is built for.
enum class Isa { unknown, x86_64, aarch64 };

// What /proc/cpuinfo says about the processor: who made it, what it is called, and the architecture
// whose FLOPs per cycle apply (collectors/catalog/README.md, "Per-unit rates"); arch is absent when
// no rate is known for the core, and the peak is then unknown.
struct CpuModel {
  std::string vendor = "unknown";
  std::string model = "unknown";
  std::optional<Arch> arch;
  Isa isa = Isa::unknown;  // the instruction set the cpuinfo describes
};

// Describes the first processor of /proc/cpuinfo: x86 (vendor_id, model name, flags) or aarch64
// (CPU implementer and part). Servers have one kind of core; hybrid parts report the first.
CpuModel describe_cpu(std::string_view cpuinfo);

// The instruction set this program is built for.
Isa program_isa();

// `model` as a program built for `isa` sees it. A cpuinfo of another instruction set means the
// program runs under user-mode emulation (qemu-user shows the host's /proc/cpuinfo): the
// processor is still the one named, but its per-core rate does not apply to emulated code, so
// arch is dropped and the peak is unknown.
CpuModel as_seen_by(CpuModel model, Isa isa);

}  // namespace suanli::collectors::cpu
