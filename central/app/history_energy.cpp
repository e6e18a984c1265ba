#include "central/app/history_energy.hpp"

namespace suanli::central {

nlohmann::json history_energy_fields(const nlohmann::json& totals,
                                     const store::HistoryRecord& point) {
  using nlohmann::json;
  json power = nullptr;
  if (totals.is_object()) {
    const json energy = totals.value("energy", json());
    if (energy.is_object() && energy.value("power_kw", json()).is_number()) {
      power = energy["power_kw"];
    }
  }
  return {{"power_kw", std::move(power)},
          {"energy_kwh", point.bucket_energy_kwh ? json(*point.bucket_energy_kwh) : json(nullptr)}};
}

}  // namespace suanli::central
