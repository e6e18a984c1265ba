// A quantum device in a birth: counted in qubits, never in FLOPS, so the decoder requires its
// qubits, refuses peaks for it and refuses qubits on any other device (docs/protocol.md §6).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "samples.hpp"
#include "uplink/wire/codec.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli::wire {
namespace {

using Doc = nlohmann::json;

constexpr std::size_t kQuantum = 3;  // full_birth's quantum device

struct QuantumCase {
  const char* name;
  std::string pointer;  // the member changed; removed when value is discarded
  Doc value;
  DecodeReason reason;
  std::string field;
};

std::ostream& operator<<(std::ostream& os, const QuantumCase& c) {
  return os << c.name;
}

class WireQuantumBad : public testing::TestWithParam<QuantumCase> {};

TEST_P(WireQuantumBad, NamesTheField) {
  const Birth birth = test::full_birth();
  ASSERT_EQ(birth.devices[kQuantum].device_class, DeviceClass::quantum);
  Doc j = Doc::parse(encode(birth));
  const Doc::json_pointer at(GetParam().pointer);
  if (GetParam().value.is_discarded()) {
    j[at.parent_pointer()].erase(at.back());
  } else {
    j[at] = GetParam().value;
  }
  const auto decoded = decode(topic_of(birth), j.dump());
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().reason, GetParam().reason) << decoded.error().message();
  EXPECT_EQ(decoded.error().field, GetParam().field);
}

const Doc kRemoved = Doc::value_t::discarded;

INSTANTIATE_TEST_SUITE_P(
    Cases, WireQuantumBad,
    testing::Values(QuantumCase{"qubits_without_quantum", "/devices/0/qubits", 8,
                                DecodeReason::bad_value, "devices[0].qubits"},
                    QuantumCase{"quantum_without_qubits", "/devices/3/qubits", kRemoved,
                                DecodeReason::missing_field, "devices[3].qubits"},
                    QuantumCase{"qubits_zero", "/devices/3/qubits", 0, DecodeReason::bad_value,
                                "devices[3].qubits"},
                    QuantumCase{"qubits_over_bound", "/devices/3/qubits", 1000001,
                                DecodeReason::bad_value, "devices[3].qubits"},
                    QuantumCase{"qubits_fraction", "/devices/3/qubits", 504.5,
                                DecodeReason::wrong_type, "devices[3].qubits"},
                    QuantumCase{"quantum_with_flops", "/devices/3/peak_tflops/fp16", 1,
                                DecodeReason::bad_value, "devices[3].peak_tflops"}));

TEST(WireQuantum, ABirthWithAQuantumDeviceRoundTrips) {
  const Birth birth = test::full_birth();
  const auto decoded = decode(topic_of(birth), encode(birth));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message();
  const Device& qpu = std::get<Birth>(decoded.value()).devices[kQuantum];
  EXPECT_EQ(qpu.device_class, DeviceClass::quantum);
  EXPECT_EQ(qpu.qubits, 504u);
  EXPECT_TRUE(qpu.peak_tflops.empty());
}

}  // namespace
}  // namespace suanli::wire
