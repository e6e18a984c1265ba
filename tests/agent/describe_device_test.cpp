// A discovered device as the birth describes it: peaks, their confidence and basis, and which
// precisions of its class are unknown (docs/protocol.md section 6).
#include <gtest/gtest.h>

#include "agent/peak_catalog.hpp"

namespace suanli::agent {
namespace {

const Catalog& catalog() {
  static const Catalog c = Catalog::builtin().value();
  return c;
}

collectors::DeviceInfo device(DeviceClass device_class, std::string name) {
  collectors::DeviceInfo info;
  info.id = "d0";
  info.device_class = device_class;
  info.model = name;
  info.identity.name = std::move(name);
  return info;
}

PrecisionSet set_of(std::initializer_list<Precision> ps) {
  PrecisionSet s;
  for (Precision p : ps)
    s.insert(p);
  return s;
}

TEST(DescribeDevice, AnUnknownCpuIsUnknownInTheCpuPrecisionsOnly) {
  const wire::Device d =
      describe_device(catalog(), device(DeviceClass::cpu, "Mystery CPU"), "test", {});
  EXPECT_EQ(d.peak_source, PeakSource::unknown);
  EXPECT_EQ(d.peak_confidence, std::nullopt);
  EXPECT_EQ(d.peak_unknown, set_of({Precision::fp64, Precision::fp32}));
  EXPECT_EQ(d.peak_basis,
            "no catalog row and nothing to derive from (unknown: architecture, unit count, clock)");
}

TEST(DescribeDevice, AnUnknownAcceleratorIsUnknownInEveryPrecision) {
  const wire::Device d =
      describe_device(catalog(), device(DeviceClass::accelerator, "Mystery NPU"), "test", {});
  EXPECT_EQ(d.peak_unknown, PrecisionSet::all());
  EXPECT_EQ(d.backend, "test") << "the device names the backend that found it";
}

TEST(DescribeDevice, AQuantumDeviceHasNoFlopsEvenWhereAnOverrideNamesIt) {
  collectors::DeviceInfo info = device(DeviceClass::quantum, "Tianyan-504");
  info.qubits = 504;
  PeakOverrides overrides;
  overrides["Tianyan-504"][Precision::fp16] = 1000;
  const wire::Device d = describe_device(catalog(), info, "declared", overrides);
  EXPECT_EQ(d.peak_source, PeakSource::config);
  EXPECT_TRUE(d.peak_tflops.empty());
  EXPECT_EQ(d.peak_unknown, PrecisionSet{}) << "no precision to be unknown in";
  EXPECT_EQ(d.peak_confidence, std::nullopt);
  EXPECT_EQ(d.qubits, 504u);
  EXPECT_EQ(d.peak_basis, "declared in the agent's config: 504 physical qubits, no FLOPS");
}

TEST(DescribeDevice, ACatalogRowGivesItsConfidenceAndItsGaps) {
  const wire::Device d =
      describe_device(catalog(), device(DeviceClass::accelerator, "NVIDIA H800"), "test", {});
  EXPECT_EQ(d.peak_source, PeakSource::catalog);
  EXPECT_EQ(d.peak_confidence, PeakConfidence::medium);
  EXPECT_EQ(d.peak_unknown, set_of({Precision::fp32}));
  EXPECT_EQ(d.peak_basis, "catalog row 'H800 SXM 80GB' matched by name 'NVIDIA H800'");
}

TEST(DescribeDevice, ASliceTakesItsShareAndSaysSo) {
  wire::Device parent =
      describe_device(catalog(), device(DeviceClass::accelerator, "NVIDIA H800"), "test", {});
  parent.id = "gpu0";
  wire::Device slice;
  slice.id = "gpu0-mig";
  slice.parent = "gpu0";
  slice.share = 3.0 / 7.0;
  take_share_of(slice, parent);
  EXPECT_DOUBLE_EQ(*slice.peak_tflops[Precision::fp16], 989.5 * 3 / 7);
  EXPECT_EQ(slice.peak_confidence, parent.peak_confidence);
  EXPECT_EQ(slice.peak_unknown, parent.peak_unknown);
  EXPECT_EQ(slice.peak_basis, "share 0.4286 of gpu0: " + *parent.peak_basis);
}

}  // namespace
}  // namespace suanli::agent
