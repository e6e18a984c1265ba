// The calls the backend cannot do without.
#include "tests/fakes/cndev/fake.hpp"

using namespace suanli;
using namespace suanli::fake_cndev;

FAKE_CNDEV_EXPORT int cndevInit(std::int32_t) {
  return Fake::instance().init();
}

FAKE_CNDEV_EXPORT int cndevRelease(void) {
  return Fake::instance().release();
}

FAKE_CNDEV_EXPORT int cndevGetDeviceCount(cndev::CardInfo* card_num) {
  if (!card_num) return cndev::kInvalidArgument;
  if (card_num->version < 1 || card_num->version > cndev::kVersion6) {
    return cndev::kUnsupportedApiVersion;
  }
  const Call call = Fake::instance().enter("cndevGetDeviceCount");
  if (call.code != cndev::kSuccess) return call.code;
  card_num->number = static_cast<std::uint32_t>(call.scenario->devices.size());
  return cndev::kSuccess;
}

FAKE_CNDEV_EXPORT int cndevGetDeviceHandleByIndex(std::int32_t index, cndev::Device* handle) {
  if (!handle) return cndev::kInvalidArgument;
  const Call call = Fake::instance().enter("cndevGetDeviceHandleByIndex", index + kHandleBase);
  if (call.code != cndev::kSuccess)
    return call.code == cndev::kInvalidDeviceId ? cndev::kInvalidArgument : call.code;
  *handle = index + kHandleBase;
  return cndev::kSuccess;
}

// Not CNDev's: lets a test wait until its calls hang (README.md).
FAKE_CNDEV_EXPORT int fakeCndevWaitHung(int count, int timeout_ms) {
  return Fake::instance().wait_hung(count, timeout_ms) ? 1 : 0;
}
