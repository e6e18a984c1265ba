#include "collectors/cpu/cpu_model.hpp"

#include <gtest/gtest.h>

#include <string>

#include "collectors/cpu/arm_model.hpp"

namespace suanli::collectors::cpu {
namespace {

std::string x86(const std::string& vendor, int family, int model, const std::string& flags) {
  return "processor\t: 0\nvendor_id\t: " + vendor + "\ncpu family\t: " + std::to_string(family) +
         "\nmodel\t\t: " + std::to_string(model) + "\nmodel name\t: Test CPU\nflags\t\t: " + flags +
         "\n\nprocessor\t: 1\nflags\t\t: fpu\n";
}

TEST(CpuModel, X86ArchFromFlagsOfTheFirstProcessor) {
  const CpuModel intel = describe_cpu(x86("GenuineIntel", 6, 85, "fpu avx2 fma avx512f"));
  EXPECT_EQ(intel.vendor, "Intel");
  EXPECT_EQ(intel.model, "Test CPU");
  EXPECT_EQ(intel.arch, Arch::cpu_x86_avx512_2fma);
  EXPECT_EQ(describe_cpu(x86("GenuineIntel", 6, 79, "avx2 fma")).arch, Arch::cpu_x86_avx2_fma);
  EXPECT_FALSE(describe_cpu(x86("GenuineIntel", 6, 45, "avx")).arch);
  EXPECT_FALSE(describe_cpu(x86("GenuineIntel", 6, 60, "avx2")).arch);  // no FMA
}

TEST(CpuModel, AmdFamiliesWithNarrowerPipes) {
  // Zen 1 (EPYC 7001): 2 x 128-bit FMA although it has AVX2.
  EXPECT_EQ(describe_cpu(x86("AuthenticAMD", 0x17, 0x01, "avx2 fma")).arch, Arch::cpu_x86_zen1);
  // Zen 2 (EPYC 7002): family 0x17 model 0x31.
  EXPECT_EQ(describe_cpu(x86("AuthenticAMD", 0x17, 0x31, "avx2 fma")).arch, Arch::cpu_x86_avx2_fma);
  // Zen 4 (EPYC 9004) has avx512f on 256-bit pipes.
  const CpuModel zen4 = describe_cpu(x86("AuthenticAMD", 0x19, 0x11, "avx2 fma avx512f"));
  EXPECT_EQ(zen4.vendor, "AMD");
  EXPECT_EQ(zen4.arch, Arch::cpu_x86_avx2_fma);
  // Zen 5 (family 0x1a): 2 x 512-bit.
  EXPECT_EQ(describe_cpu(x86("AuthenticAMD", 0x1a, 0x02, "avx2 fma avx512f")).arch,
            Arch::cpu_x86_avx512_2fma);
  const CpuModel hygon = describe_cpu(x86("HygonGenuine", 0x18, 0x01, "avx2 fma"));
  EXPECT_EQ(hygon.vendor, "Hygon");
  EXPECT_EQ(hygon.arch, Arch::cpu_x86_zen1);
}

TEST(CpuModel, ArmCoresKeyOnImplementerAndPart) {
  EXPECT_EQ(describe_arm(0x41, 0xd0c).model, "Neoverse-N1");
  EXPECT_EQ(describe_arm(0x41, 0xd0c).arch, Arch::cpu_arm_neon_2x128);
  EXPECT_EQ(describe_arm(0x41, 0xd40).arch, Arch::cpu_arm_sve_2x256);
  EXPECT_EQ(describe_arm(0x41, 0xd49).arch, Arch::cpu_arm_neon_2x128);
  EXPECT_EQ(describe_arm(0x41, 0xd4f).arch, Arch::cpu_arm_sve2_4x128);
  EXPECT_EQ(describe_arm(0x46, 0x001).arch, Arch::cpu_arm_a64fx);
  const CpuModel kunpeng = describe_arm(0x48, 0xd01);
  EXPECT_EQ(kunpeng.vendor, "HiSilicon");
  EXPECT_EQ(kunpeng.model, "Kunpeng-920");
  EXPECT_FALSE(kunpeng.arch);  // catalog README, "Per-unit rates": no rate
  // HiSilicon's 0xd40 is not Arm's Neoverse-V1.
  const CpuModel hisi = describe_arm(0x48, 0xd40);
  EXPECT_EQ(hisi.model, "HiSilicon 0x48:0xd40");
  EXPECT_FALSE(hisi.arch);
  EXPECT_EQ(describe_arm(0x99, 0x123).model, "unknown 0x99:0x123");
}

TEST(CpuModel, AarchCpuinfoAndOtherArchitectures) {
  const CpuModel v2 = describe_cpu(
      "processor\t: 0\nFeatures\t: fp asimd sve sve2\nCPU implementer\t: 0x41\n"
      "CPU architecture: 8\nCPU variant\t: 0x0\nCPU part\t: 0xd4f\nCPU revision\t: 0\n");
  EXPECT_EQ(v2.vendor, "Arm");
  EXPECT_EQ(v2.model, "Neoverse-V2");
  const CpuModel other = describe_cpu("processor\t: 0\nmodel name\t: Loongson-3A5000\n");
  EXPECT_EQ(other.model, "Loongson-3A5000");
  EXPECT_EQ(other.vendor, "unknown");
  EXPECT_FALSE(other.arch);
  EXPECT_EQ(describe_cpu("").model, "unknown");
}

TEST(CpuModel, InstructionSetOfTheCpuinfo) {
  EXPECT_EQ(describe_cpu(x86("GenuineIntel", 6, 85, "avx512f")).isa, Isa::x86_64);
  EXPECT_EQ(describe_cpu("CPU implementer\t: 0x48\nCPU part\t: 0xd01\n").isa, Isa::aarch64);
  EXPECT_EQ(describe_cpu("model name\t: Loongson-3A5000\n").isa, Isa::unknown);
}

// qemu-user shows an emulated aarch64 program the x86 host's cpuinfo: the processor is named,
// its rate is not claimed.
TEST(CpuModel, CpuinfoOfAnotherInstructionSetHasNoArch) {
  const CpuModel host = describe_cpu(x86("AuthenticAMD", 0x19, 0x01, "avx2 fma"));
  const CpuModel emulated = as_seen_by(host, Isa::aarch64);
  EXPECT_EQ(emulated.vendor, "AMD");
  EXPECT_EQ(emulated.model, "Test CPU");
  EXPECT_FALSE(emulated.arch);
  EXPECT_EQ(as_seen_by(host, Isa::x86_64).arch, Arch::cpu_x86_avx2_fma);
  EXPECT_FALSE(as_seen_by(describe_cpu(""), Isa::unknown).arch);
}

}  // namespace
}  // namespace suanli::collectors::cpu
