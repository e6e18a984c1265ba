#pragma once

// Energy (kWh) integrated from the power levels the indicator holds (docs/indicator.md, "Energy"):
// the level observed at one tick holds until the next one (level x time since the previous
// observation), for the city and each center, by class. Central counts energy only while it runs:
// a gap between observations longer than kMaxEnergyGapMs (central stopped or stalled) adds nothing.

#include <array>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "central/core/history_fold.hpp"
#include "central/core/indicator.hpp"

namespace suanli::central {

inline constexpr std::uint64_t kMaxEnergyGapMs = 2 * kHistoryMinuteMs;

// The "energy" object of a stored history minute.
struct MinuteEnergy {
  double power_kw = 0;    // at the end of the minute
  double energy_kwh = 0;  // over the minute
  std::int64_t devices_with_power = 0;
  std::int64_t devices_without_power = 0;

  // A late window folded into the minute (history_fold.hpp) adds its node's power, as the rows
  // count it: live for the whole minute.
  void add_folded(const PowerTotals& delta);
  bool operator==(const MinuteEnergy&) const = default;
};
nlohmann::json minute_energy_json(const MinuteEnergy& e);
// minute_energy_json's inverse; nullopt for a row without one (written by an older central).
std::optional<MinuteEnergy> minute_energy_from_json(const nlohmann::json& j);

using ClassEnergy = std::array<double, kClassCount>;  // kWh by class

class EnergyMeter {
 public:
  // What an earlier run of central stored for minute `minute_ms`, the one it stopped in: each row's
  // energy is that to its last flush plus its level held to the minute's end. The first
  // observation, when it falls in that minute, keeps of it the part before itself (the level held
  // until then), so that a restart does not lose the start of the minute.
  void resume(std::uint64_t minute_ms, const std::optional<MinuteEnergy>& city,
              const std::map<std::string, MinuteEnergy>& centers);

  // Integrates every scope's levels since the previous observation, then takes the indicator's. A
  // center that has left the indicator (no node any more) is forgotten, so that centers made up
  // by agents cannot grow the meter beyond the indicator.
  void observe(const Indicator& indicator, std::uint64_t now_ms);

  // The minute of the newest observation, its levels assumed to hold until the minute ends (the
  // next observation, in the next minute, starts from them): the city's, or a center's (zero for a
  // center never observed).
  MinuteEnergy city_minute() const { return minute_of(city_); }
  MinuteEnergy center_minute(const std::string& center) const;
  // kWh since central started (a center: since it last entered the indicator), by class.
  const ClassEnergy& city_total() const { return city_.total_kwh; }
  std::map<std::string, ClassEnergy> center_totals() const;

 private:
  struct Scope {
    std::array<Milliwatts, kClassCount> level{};
    std::int64_t with_power = 0;
    std::int64_t without_power = 0;
    ClassEnergy total_kwh{};
    double minute_kwh = 0;  // from the minute's start (or central's) to the newest observation
    std::optional<MinuteEnergy> resumed;  // resume()'s, until the first observation
  };
  void step(Scope& s, const Contribution& now, std::uint64_t now_ms) const;
  MinuteEnergy minute_of(const Scope& s) const;

  std::optional<std::uint64_t> last_ms_;
  std::uint64_t minute_ms_ = 0;  // the minute of the newest observation, or resume()'s
  Scope city_;
  std::map<std::string, Scope, std::less<>> centers_;
};

}  // namespace suanli::central
