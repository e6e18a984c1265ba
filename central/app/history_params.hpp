#pragma once

// The query parameters of GET /api/v1/history (docs/api.md), read strictly: a parameter that is
// malformed, out of range or of the wrong unit is refused with an http::BadParameter naming it and
// the form it accepts; none is raised, clamped or guessed.
//
//   scope      city (default) or center:<id>
//   class      intelligent | general | supercomputing | all (the classes summed per precision);
//              default: the headline class
//   precision  fp64, fp32, ... (config/precision.hpp); default: the class's convention precision,
//              the headline precision for all and when neither class nor precision is given
//   from, to   milliseconds since the epoch (UTC), inclusive; default: the 6 hours before now.
//              0 is the epoch; other values below 1e11 are refused as seconds, values from 1e14
//              on as microseconds
//   step       milliseconds, a positive multiple of 60000; default: the smallest that gives at
//              most 360 points

#include <cstdint>
#include <optional>

#include "central/core/contribution.hpp"
#include "central/core/settings.hpp"
#include "central/http/message.hpp"
#include "central/store/history_query.hpp"

namespace suanli::central {

struct HistoryParams {
  store::HistoryQuery query;
  std::optional<ComputeClass> compute_class;  // absent: all classes summed
  Precision precision = Precision::fp16;
};

// Throws http::BadParameter.
HistoryParams history_params_of(const http::Request& request, std::uint64_t now_ms,
                                const CoreSettings& settings);

// The name of a history class: a class's own name, or "all".
std::string_view history_class_name(const std::optional<ComputeClass>& compute_class);

}  // namespace suanli::central
