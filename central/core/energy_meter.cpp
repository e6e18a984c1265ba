#include "central/core/energy_meter.hpp"

#include <algorithm>

namespace suanli::central {
namespace {

constexpr double kMsPerHour = 3'600'000;

double kwh_of(Milliwatts level, std::uint64_t ms) {
  return to_kw(level) * static_cast<double>(ms) / kMsPerHour;
}

Milliwatts level_sum(const std::array<Milliwatts, kClassCount>& level) {
  Milliwatts s = 0;
  for (Milliwatts l : level)
    s += l;
  return s;
}

}  // namespace

void MinuteEnergy::add_folded(const PowerTotals& delta) {
  power_kw += to_kw(delta.power_mw);
  energy_kwh += kwh_of(delta.power_mw, kHistoryMinuteMs);
  devices_with_power += delta.with_power;
  devices_without_power += delta.without_power;
}

nlohmann::json minute_energy_json(const MinuteEnergy& e) {
  return {{"power_kw", e.power_kw},
          {"energy_kwh", e.energy_kwh},
          {"devices_with_power", e.devices_with_power},
          {"devices_without_power", e.devices_without_power}};
}

std::optional<MinuteEnergy> minute_energy_from_json(const nlohmann::json& j) {
  if (!j.is_object()) return std::nullopt;
  for (const char* key :
       {"power_kw", "energy_kwh", "devices_with_power", "devices_without_power"}) {
    if (!j.contains(key) || !j[key].is_number()) return std::nullopt;
  }
  return MinuteEnergy{.power_kw = j["power_kw"].get<double>(),
                      .energy_kwh = j["energy_kwh"].get<double>(),
                      .devices_with_power = j["devices_with_power"].get<std::int64_t>(),
                      .devices_without_power = j["devices_without_power"].get<std::int64_t>()};
}

void EnergyMeter::step(Scope& s, const Contribution& now, std::uint64_t now_ms) const {
  const std::uint64_t minute = now_ms - now_ms % kHistoryMinuteMs;
  const bool integrates = last_ms_ && *last_ms_ <= now_ms && now_ms - *last_ms_ <= kMaxEnergyGapMs;
  if (integrates) {
    for (std::size_t k = 0; k < kClassCount; ++k)
      s.total_kwh[k] += kwh_of(s.level[k], now_ms - *last_ms_);
  }
  if (!last_ms_ && s.resumed && minute == minute_ms_) {
    const double held =
        s.resumed->power_kw * static_cast<double>(minute + kHistoryMinuteMs - now_ms) / kMsPerHour;
    s.minute_kwh = std::max(0.0, s.resumed->energy_kwh - held);
  } else if (minute != minute_ms_) {
    s.minute_kwh =
        integrates ? kwh_of(level_sum(s.level), now_ms - std::max(*last_ms_, minute)) : 0;
  } else if (integrates) {
    s.minute_kwh += kwh_of(level_sum(s.level), now_ms - *last_ms_);
  }
  s.resumed.reset();
  const PowerTotals all = now.total().power;
  for (ComputeClass c : kAllClasses)
    s.level[static_cast<std::size_t>(c)] = now.of(c).power.power_mw;
  s.with_power = all.with_power;
  s.without_power = all.without_power;
}

void EnergyMeter::resume(std::uint64_t minute_ms, const std::optional<MinuteEnergy>& city,
                         const std::map<std::string, MinuteEnergy>& centers) {
  minute_ms_ = minute_ms;
  city_.resumed = city;
  for (const auto& [id, energy] : centers)
    centers_[id].resumed = energy;
}

void EnergyMeter::observe(const Indicator& indicator, std::uint64_t now_ms) {
  step(city_, indicator.city().contribution, now_ms);
  for (const auto& [id, agg] : indicator.centers())
    centers_.try_emplace(id);
  for (auto it = centers_.begin(); it != centers_.end();) {
    auto held = indicator.centers().find(it->first);
    if (held != indicator.centers().end()) {
      step(it->second, held->second.contribution, now_ms);
      ++it;
    } else {
      it = centers_.erase(it);
    }
  }
  last_ms_ = now_ms;
  minute_ms_ = now_ms - now_ms % kHistoryMinuteMs;
}

MinuteEnergy EnergyMeter::minute_of(const Scope& s) const {
  const Milliwatts level = level_sum(s.level);
  const std::uint64_t rest = last_ms_ ? minute_ms_ + kHistoryMinuteMs - *last_ms_ : 0;
  return {.power_kw = to_kw(level),
          .energy_kwh = s.minute_kwh + kwh_of(level, rest),
          .devices_with_power = s.with_power,
          .devices_without_power = s.without_power};
}

MinuteEnergy EnergyMeter::center_minute(const std::string& center) const {
  auto it = centers_.find(center);
  return it == centers_.end() ? MinuteEnergy{} : minute_of(it->second);
}

std::map<std::string, ClassEnergy> EnergyMeter::center_totals() const {
  std::map<std::string, ClassEnergy> out;
  for (const auto& [id, scope] : centers_)
    out.emplace(id, scope.total_kwh);
  return out;
}

}  // namespace suanli::central
