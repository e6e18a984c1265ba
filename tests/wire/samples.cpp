#include "samples.hpp"

namespace suanli::wire::test {

Header header(std::uint64_t seq) {
  return Header{kCenter, kNode, 7, seq, 1767229190007};
}

PrecisionMap h100_peak() {
  PrecisionMap m;
  m[Precision::fp64] = 33.5;
  m[Precision::fp64_tensor] = 66.9;
  m[Precision::fp32] = 66.9;
  m[Precision::tf32] = 494.7;
  m[Precision::fp16] = 989.4;
  m[Precision::bf16] = 989.4;
  m[Precision::fp8] = 1978.9;
  m[Precision::int8] = 1978.9;
  return m;
}

Status status_sample() {
  return Status{header(0), true};
}

Birth full_birth() {
  Birth b;
  b.header = header(0);
  b.host = Host{"gpu-a01", "Ubuntu 22.04.4 LTS", "5.15.0-105-generic", "x86_64", "0.1.0", 2.5};
  b.district = "工业园区";
  b.interval_ms = 10000;
  b.sample_interval_ms = 1000;

  Device gpu;
  gpu.id = "gpu0";
  gpu.backend = "nvml";
  gpu.device_class = DeviceClass::accelerator;
  gpu.vendor = "NVIDIA";
  gpu.model = "NVIDIA H100 80GB HBM3";
  gpu.uuid = "GPU-6f2d3a41-8b1c-4e0a-9d27-3c5b8e1f0a12";
  gpu.pci_id = "10de:2330";
  gpu.bus_id = "00000000:18:00.0";
  gpu.memory_total_bytes = 85520809984ULL;
  gpu.units = 132;
  gpu.max_clock_mhz = 1980;
  gpu.peak_tflops = h100_peak();
  gpu.peak_source = PeakSource::catalog;
  gpu.catalog_model = "H100 SXM5 80GB";
  gpu.peak_confidence = PeakConfidence::high;
  gpu.peak_basis = "catalog row 'H100 SXM5 80GB' matched by pci '10de:2330'";
  gpu.peak_unknown = PrecisionSet{};
  b.devices.push_back(gpu);

  Device slice = gpu;
  slice.id = "gpu0-mig-3g.40gb-1";
  slice.uuid = "MIG-1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
  slice.memory_total_bytes = 42949672960ULL;
  slice.units = 60;
  slice.parent = "gpu0";
  slice.share = 3.0 / 7.0;
  b.devices.push_back(slice);

  Device cpu;
  cpu.id = "cpu";
  cpu.backend = "cpu";
  cpu.device_class = DeviceClass::cpu;
  cpu.vendor = "Intel";
  cpu.model = "Intel(R) Xeon(R) Platinum 8480+";
  cpu.units = 112;
  cpu.peak_tflops[Precision::fp64] = 7.168;
  cpu.peak_tflops[Precision::fp32] = 14.336;
  cpu.peak_source = PeakSource::derived;
  cpu.peak_confidence = PeakConfidence::medium;
  cpu.peak_basis =
      "56 cores x 2000 MHz (base, cpufreq base_frequency) x 32 FLOP/cycle fp64 "
      "(x86_avx512_2fma rates)";
  cpu.peak_unknown = PrecisionSet{};
  b.devices.push_back(cpu);

  Device qpu;  // declared in the agent's config: qubits, no FLOPS
  qpu.id = "quantum-0";
  qpu.backend = "declared";
  qpu.device_class = DeviceClass::quantum;
  qpu.vendor = "China Telecom Quantum Group";
  qpu.model = "Tianyan-504";
  qpu.peak_source = PeakSource::config;
  qpu.peak_basis = "declared in the agent's config: 504 physical qubits, no FLOPS";
  qpu.peak_unknown = PrecisionSet{};
  qpu.qubits = 504;
  b.devices.push_back(qpu);

  b.totals.devices = 3;
  b.totals.peak_tflops = h100_peak();
  b.totals.peak_tflops[Precision::fp64] = 40.668;
  b.totals.peak_tflops[Precision::fp32] = 81.236;
  b.spool_faults = SpoolFaults{2, 4096, 1, 517, 0};
  return b;
}

Birth minimal_birth() {
  Birth b;
  b.header = header(0);
  b.host = Host{"h", "", "", "", ""};
  b.interval_ms = 1;
  b.sample_interval_ms = 1;
  return b;
}

Data full_data() {
  Data d;
  d.header = header(8640);
  d.interval_ms = 10000;
  d.window = Window{1767229180000, 1767229190000, 10};

  DeviceWindow gpu;
  gpu.id = "gpu0";
  gpu.healthy = true;
  gpu.health_reason = "ecc_corrected_high";
  gpu.method = Method::gpm_tensor;
  gpu.method_shares = MethodShares{{0.7, 0, 0.3, 0}};  // 7 of 10 samples by GPM, 3 by busy time
  gpu.activity_mean = 0.62;
  gpu.activity_max = 0.71;
  gpu.achieved_tflops[Precision::fp16] = 613.428;
  gpu.achieved_tflops[Precision::bf16] = 613.428;
  gpu.memory_used_bytes = 74088185856ULL;
  gpu.memory_total_bytes = 85520809984ULL;
  gpu.power_w = 612.5;
  gpu.power_limit_w = 700;
  gpu.temperature_c = -3.5;
  gpu.sm_clock_mhz = 1980;
  d.devices.push_back(gpu);

  DeviceWindow lost;
  lost.id = "gpu1";
  lost.healthy = false;
  lost.health_reason = "gpu_lost";
  lost.method = Method::none;
  d.devices.push_back(lost);

  d.totals.devices = 2;
  d.totals.healthy_devices = 1;
  d.totals.peak_tflops = h100_peak();
  d.totals.live_tflops[Precision::fp16] = 989.4;
  d.totals.achieved_tflops[Precision::fp16] = 613.428;
  d.dropped_total = 3;
  d.spool = Spool{12, 40960};
  d.publish_latency_ms = 14.2;
  d.spool_faults = SpoolFaults{0, 0, 1, 517, 6};
  return d;
}

Data minimal_data() {
  Data d;
  d.header = header(0);
  d.interval_ms = 1;
  return d;
}

Cmd full_cmd() {
  return Cmd{kCenter, kNode, 3, 12, 1767229200250, Command::rebirth};
}
Cmd minimal_cmd() {
  return Cmd{kCenter, kNode, std::nullopt, std::nullopt, 0, Command::rebirth};
}

}  // namespace suanli::wire::test
