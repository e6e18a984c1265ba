// The fake library itself: whatever a scenario or a caller hands it, it answers with a code.
#include "collectors/ascend/dcmi_abi.hpp"
#include "collectors/dynamic_library.hpp"
#include "tests/collectors/ascend/fake_dcmi.hpp"
#include "tests/support/process.hpp"

namespace suanli::ascend_test {
namespace {

class AscendFake : public AscendBackendTest {
 protected:
  void SetUp() override {
    AscendBackendTest::SetUp();
    auto opened = collectors::DynamicLibrary::open(SUANLI_FAKE_DCMI);
    ASSERT_TRUE(opened) << opened.error();
    lib = std::move(opened).value();
  }

  template <class F>
  F* fn(const char* name) {
    F* f = lib->symbol<F>({name});
    EXPECT_NE(f, nullptr) << name;
    return f;
  }

  int init(const std::string& scenario_path) {
    setenv("SUANLI_FAKE_DCMI_SCENARIO", scenario_path.c_str(), 1);
    return fn<dcmi::InitFn>("dcmi_init")();
  }

  std::shared_ptr<collectors::DynamicLibrary> lib;
};

TEST_F(AscendFake, InvalidScenariosFailInitAndLaterCallsAnswerAnError) {
  test::TempDir dir;
  const std::vector<std::string> bad = {
      "",
      "{",
      "42",
      R"({"cards": 5})",
      R"({"cards": [{"id": -1, "chips": 1}]})",
      R"({"cards": [{"id": 0}]})",
      R"({"cards": [{"id": 0, "chips": 65}]})",
      R"({"cards": [{"id": 0, "chips": [{"health": 1e300}]}]})",
      R"({"cards": [{"id": 0, "chips": [{"health": 99999999999999999999}]}]})",
      R"({"cards": [{"id": 0, "chips": [{"pcie": {"vendor": "zz"}}]}]})",
      R"({"cards": [{"id": 0, "chips": [{"name": 5}]}]})",
      R"({"cards": [{"id": 0, "chips": [7]}]})",
      R"({"chip_defaults": 3, "cards": []})",
      R"({"faults": [{"code": 1}]})",
      R"({"faults": [{"function": "dcmi_init", "block_ms": -5}]})",
      std::string(100000, '[') + std::string(100000, ']'),
  };
  for (const std::string& text : bad) {
    SCOPED_TRACE(text.substr(0, 80));
    EXPECT_EQ(init(dir.write("bad.json", text)), dcmi::kInnerErr);
    int count = 0;
    int cards[dcmi::kMaxCards];
    EXPECT_EQ(fn<dcmi::CardListFn>("dcmi_get_card_list")(&count, cards, dcmi::kMaxCards),
              dcmi::kInnerErr);
  }
  EXPECT_EQ(init(dir.path() + "/missing.json"), dcmi::kInnerErr);
  unsetenv("SUANLI_FAKE_DCMI_SCENARIO");
  EXPECT_EQ(fn<dcmi::InitFn>("dcmi_init")(), dcmi::kInnerErr);
}

TEST_F(AscendFake, BadArgumentsAnswerCodesNeverCrashes) {
  ASSERT_EQ(init(fixture("atlas_800t_a2.json")), dcmi::kOk);
  int cards[dcmi::kMaxCards];
  int count = 0;
  const auto card_list = fn<dcmi::CardListFn>("dcmi_get_card_list");
  EXPECT_EQ(card_list(nullptr, cards, dcmi::kMaxCards), dcmi::kInvalidParameter);
  EXPECT_EQ(card_list(&count, nullptr, dcmi::kMaxCards), dcmi::kInvalidParameter);
  EXPECT_EQ(card_list(&count, cards, 3), dcmi::kInvalidParameter);  // 8 cards
  EXPECT_EQ(card_list(&count, cards, dcmi::kMaxCards), dcmi::kOk);
  EXPECT_EQ(count, 8);

  int chips = 0;
  const auto chip_count = fn<dcmi::DeviceNumInCardFn>("dcmi_get_device_num_in_card");
  EXPECT_EQ(chip_count(0, nullptr), dcmi::kInvalidParameter);
  EXPECT_EQ(chip_count(99, &chips), dcmi::kInvalidDeviceId);
  EXPECT_EQ(chip_count(-1, &chips), dcmi::kInvalidDeviceId);

  const auto power = fn<dcmi::PowerInfoFn>("dcmi_get_device_power_info");
  int deciwatts = 0;
  EXPECT_EQ(power(0, 0, nullptr), dcmi::kInvalidParameter);
  EXPECT_EQ(power(0, 1, &deciwatts), dcmi::kDeviceNotExist);
  EXPECT_EQ(power(0, -1, &deciwatts), dcmi::kDeviceNotExist);
  EXPECT_EQ(power(99, 0, &deciwatts), dcmi::kInvalidDeviceId);

  unsigned int rate = 0;
  EXPECT_EQ(fn<dcmi::UtilizationRateFn>("dcmi_get_device_utilization_rate")(0, 0, 1, &rate),
            dcmi::kNotSupport);
  unsigned int mhz = 0;
  EXPECT_EQ(fn<dcmi::FrequencyFn>("dcmi_get_device_frequency")(0, 0, 1, &mhz), dcmi::kNotSupport);
}

TEST_F(AscendFake, ALongChipNameIsCutAndTerminated) {
  test::TempDir dir;
  const std::string name(40, 'x');
  ASSERT_EQ(init(dir.write("long.json",
                           R"({"cards": [{"id": 3, "chips": [{"name": ")" + name + R"("}]}]})")),
            dcmi::kOk);
  dcmi::ChipInfo info;
  std::fill(std::begin(info.chip_name), std::end(info.chip_name), 'y');
  ASSERT_EQ(fn<dcmi::ChipInfoFn>("dcmi_get_device_chip_info")(3, 0, &info), dcmi::kOk);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(info.chip_name)), name.substr(0, 31));
}

}  // namespace
}  // namespace suanli::ascend_test
