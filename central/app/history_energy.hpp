#pragma once

// The energy fields of a point of GET /api/v1/history: "power_kw", the power of the bucket's last
// minute, and "energy_kwh", the energy of the bucket's minutes added up; each null when the
// minutes hold no energy (written by an older central). `totals` is the point's totals_json,
// parsed (discarded when it does not parse).

#include <nlohmann/json.hpp>

#include "central/store/records.hpp"

namespace suanli::central {

nlohmann::json history_energy_fields(const nlohmann::json& totals,
                                     const store::HistoryRecord& point);

}  // namespace suanli::central
