#include "tests/fakes/dcmi/fake.hpp"

#include <chrono>
#include <thread>

namespace suanli::fake_dcmi {
namespace {

std::optional<Scenario> load_scenario() {
  const auto text = fake_support::read_file_named_by("SUANLI_FAKE_DCMI_SCENARIO");
  return text ? parse_scenario(*text) : std::nullopt;
}

bool matches(const Fault& f, const std::string& function, std::optional<int> card,
             std::optional<int> device, std::int64_t index) {
  return f.covers(function, index) && (!f.card || f.card == card) &&
         (!f.device || f.device == device);
}

}  // namespace

Fake& Fake::instance() {
  static Fake fake;
  return fake;
}

int Fake::init() {
  auto scenario = load_scenario();
  std::lock_guard lock(mutex_);
  calls_.clear();
  if (!scenario) {
    scenario_.reset();
    return dcmi::kInnerErr;
  }
  scenario_ = std::make_shared<const Scenario>(std::move(*scenario));
  return scenario_->init_code;
}

Call Fake::enter(const char* function, std::optional<int> card, std::optional<int> device) {
  Call call;
  int block_ms = 0;
  {
    std::lock_guard lock(mutex_);
    call.scenario = scenario_;
    if (!scenario_) {
      call.code = dcmi::kInnerErr;
      return call;
    }
    call.index = calls_[{function, card, device}]++;
    for (const Fault& f : scenario_->faults) {
      if (!matches(f, function, card, device, call.index)) continue;
      block_ms = f.block_ms;
      call.code = f.code;
      break;
    }
  }
  if (block_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(block_ms));
  if (call.code != dcmi::kOk || !card) return call;

  for (const Card& c : call.scenario->cards) {
    if (c.id == *card) call.card = &c;
  }
  if (!call.card) {
    call.code = dcmi::kInvalidDeviceId;
  } else if (device) {
    if (*device >= 0 && static_cast<std::size_t>(*device) < call.card->chips.size()) {
      call.chip = &call.card->chips[static_cast<std::size_t>(*device)];
    } else {
      call.code = dcmi::kDeviceNotExist;
    }
  }
  return call;
}

int card_list(const char* function, int* card_num, int* card_list, int list_len) {
  if (!card_num || !card_list || list_len <= 0) return dcmi::kInvalidParameter;
  const Call call = Fake::instance().enter(function);
  if (call.code != dcmi::kOk) return call.code;
  const auto& cards = call.scenario->cards;
  if (cards.size() > static_cast<std::size_t>(list_len)) return dcmi::kInvalidParameter;
  for (std::size_t i = 0; i < cards.size(); ++i)
    card_list[i] = cards[i].id;
  *card_num = static_cast<int>(cards.size());
  return dcmi::kOk;
}

}  // namespace suanli::fake_dcmi
