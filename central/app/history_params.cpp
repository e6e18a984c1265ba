#include "central/app/history_params.hpp"

#include <algorithm>
#include <charconv>
#include <string>

#include "central/store/records.hpp"
#include "config/ids.hpp"

namespace suanli::central {
namespace {

using http::BadParameter;

constexpr std::int64_t kDefaultSpanMs = 6 * 3600 * 1000LL;
constexpr std::int64_t kDefaultPoints = 360;
// Milliseconds since the epoch below this are 1973 or earlier: such a value is seconds.
constexpr std::int64_t kSecondsBelow = 100'000'000'000;
// From here on, the year 5138 or later: such a value is microseconds.
constexpr std::int64_t kMicrosecondsFrom = 100'000'000'000'000;
constexpr std::string_view kAllClassesName = "all";

const std::string kTimeForm = "milliseconds since the epoch (UTC), e.g. 1796601600000";
const std::string kStepForm = "milliseconds, a positive multiple of 60000 (one minute)";
const std::string kScopeForm = "city or center:<id>";

std::optional<std::int64_t> integer_param(const http::Request& r, const std::string& name,
                                          const std::string& form) {
  auto text = r.query_param(name);
  if (!text) return std::nullopt;
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc{} || end != text->data() + text->size()) {
    throw BadParameter(name, "not an integer", form);
  }
  return v;
}

std::optional<std::int64_t> time_param(const http::Request& r, const std::string& name) {
  auto v = integer_param(r, name, kTimeForm);
  if (!v) return v;
  const std::string shown = std::to_string(*v);
  if (*v < 0) throw BadParameter(name, shown + " is before the epoch", kTimeForm);
  if (*v > 0 && *v < kSecondsBelow) {
    throw BadParameter(name, shown + " is milliseconds since the epoch; this looks like seconds",
                       kTimeForm);
  }
  if (*v >= kMicrosecondsFrom) {
    throw BadParameter(
        name, shown + " is milliseconds since the epoch; this looks like microseconds", kTimeForm);
  }
  return v;
}

std::int64_t round_up_to_minutes(std::int64_t ms) {
  return std::max<std::int64_t>((ms + store::kMinuteMs - 1) / store::kMinuteMs, 1) *
         store::kMinuteMs;
}

// The smallest whole-minute step that keeps the query within the store's point limit.
std::int64_t smallest_step(store::HistoryQuery q) {
  // More than span / limit, so at most limit + 1 buckets; a few minutes more reach the limit.
  q.step_ms = round_up_to_minutes((q.to_ms - q.from_ms) / store::kMaxHistoryPoints + 1);
  while (!store::history_bucket_count(q))
    q.step_ms += store::kMinuteMs;
  return q.step_ms;
}

std::int64_t step_of(const http::Request& r, const store::HistoryQuery& q) {
  auto step = integer_param(r, "step", kStepForm);
  if (!step) return round_up_to_minutes((q.to_ms - q.from_ms) / kDefaultPoints);
  const std::string shown = std::to_string(*step);
  if (*step < store::kMinuteMs) {
    throw BadParameter("step", shown + " ms is below the store's resolution of 60000 ms",
                       kStepForm);
  }
  if (*step % store::kMinuteMs != 0) {
    throw BadParameter("step", shown + " ms is not a multiple of 60000 ms", kStepForm);
  }
  store::HistoryQuery asked = q;
  asked.step_ms = *step;
  if (auto buckets = store::history_bucket_count(asked); !buckets) {
    const std::string least = std::to_string(smallest_step(q));
    throw BadParameter("step",
                       "the range would need more than " +
                           std::to_string(store::kMaxHistoryPoints) + " points at " + shown +
                           " ms; the smallest step that would do is " + least + " ms",
                       kStepForm + ", at least " + least + " for this range");
  }
  return *step;
}

std::string scope_of(const http::Request& r) {
  auto scope = r.query_param("scope");
  if (!scope || *scope == store::kCityScope) return store::city_scope();
  constexpr std::string_view kCenter = "center:";
  if (scope->starts_with(kCenter) && is_valid_id(scope->substr(kCenter.size()))) {
    return *scope;
  }
  throw BadParameter("scope", "unknown scope", kScopeForm);
}

std::string class_form() {
  std::string form;
  for (ComputeClass c : kAllClasses)
    form += std::string(to_string(c)) + ", ";
  return form + std::string(kAllClassesName);
}

std::string precision_form() {
  std::string form;
  for (Precision p : kAllPrecisions)
    form += (form.empty() ? "" : ", ") + std::string(to_string(p));
  return form;
}

std::optional<ComputeClass> class_of(const std::string& name) {
  if (name == kAllClassesName) return std::nullopt;
  for (ComputeClass c : kAllClasses) {
    if (to_string(c) == name) return c;
  }
  throw BadParameter("class", "unknown class", class_form());
}

}  // namespace

std::string_view history_class_name(const std::optional<ComputeClass>& compute_class) {
  return compute_class ? to_string(*compute_class) : kAllClassesName;
}

HistoryParams history_params_of(const http::Request& r, std::uint64_t now_ms,
                                const CoreSettings& settings) {
  HistoryParams p;
  store::HistoryQuery& q = p.query;
  q.scope = scope_of(r);
  q.to_ms = time_param(r, "to").value_or(static_cast<std::int64_t>(now_ms));
  q.from_ms = time_param(r, "from").value_or(std::max<std::int64_t>(q.to_ms - kDefaultSpanMs, 0));
  if (q.from_ms > q.to_ms) {
    throw BadParameter("from",
                       std::to_string(q.from_ms) + " is after to (" + std::to_string(q.to_ms) + ")",
                       kTimeForm + ", not after to");
  }
  q.step_ms = step_of(r, q);

  auto class_name = r.query_param("class");
  auto precision_name = r.query_param("precision");
  p.compute_class = class_name ? class_of(*class_name) : settings.headline_class;
  if (precision_name) {
    auto precision = parse_precision(*precision_name);
    if (!precision) throw BadParameter("precision", "unknown precision", precision_form());
    p.precision = *precision;
  } else if (class_name && p.compute_class) {
    p.precision = convention_precision(*p.compute_class);
  } else {
    p.precision = settings.headline_precision;
  }
  return p;
}

}  // namespace suanli::central
