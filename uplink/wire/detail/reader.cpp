#include "uplink/wire/detail/reader.hpp"

#include <cmath>

#include "config/ids.hpp"
#include "uplink/wire/detail/text.hpp"

namespace suanli::wire::detail {

void Reader::fail(std::string_view key, DecodeReason reason, std::string detail) {
  if (failed()) return;
  error_ = DecodeError{reason, path_with(key), std::move(detail)};
}

const Json* Reader::find(const Json& obj, std::string_view key) {
  const auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

std::string Reader::join(std::span<const std::string_view> names) {
  std::string out;
  for (const auto name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

std::string Reader::path_with(std::string_view key) const {
  std::string out;
  const auto append_key = [&out](std::string_view k) {
    if (!out.empty()) out += '.';
    out += printable(k, 128);
  };
  for (const auto& s : path_) {
    if (s.is_index) {
      out += '[' + std::to_string(s.index) + ']';
    } else {
      append_key(s.key);
    }
  }
  if (!key.empty()) append_key(key);
  return out;
}

void Reader::value(const Json& v, bool& out) {
  if (!v.is_boolean()) return fail({}, DecodeReason::wrong_type, "must be true or false");
  out = v.get<bool>();
}

void Reader::value(const Json& v, std::uint64_t& out, Uint rule) {
  // nlohmann stores every integer that fits in a u64 as unsigned; negatives, fractions and larger
  // integers are stored otherwise.
  if (!v.is_number_unsigned()) {
    return fail({}, DecodeReason::wrong_type, "must be an unsigned integer");
  }
  out = v.get<std::uint64_t>();
  if (out < rule.min) fail({}, DecodeReason::bad_value, "must be >= " + std::to_string(rule.min));
  if (out > rule.max) fail({}, DecodeReason::bad_value, "must be <= " + std::to_string(rule.max));
}

void Reader::value(const Json& v, double& out, const Number& rule) {
  if (!v.is_number()) return fail({}, DecodeReason::wrong_type, "must be a number");
  out = v.get<double>();
  const bool below = rule.min_exclusive ? !(out > rule.min) : !(out >= rule.min);
  if (!std::isfinite(out) || below || out > rule.max) fail({}, DecodeReason::bad_value, rule.rule);
}

void Reader::value(const Json& v, std::string& out, const Text& rule) {
  if (!v.is_string()) return fail({}, DecodeReason::wrong_type, "must be a string");
  const auto& s = v.get_ref<const std::string&>();
  const auto n = count_chars(s);
  if (n < rule.min_chars || n > rule.max_chars) {
    return fail({}, rule.reason,
                "must be " + std::to_string(rule.min_chars) + " to " +
                    std::to_string(rule.max_chars) + " characters long");
  }
  out = s;
}

void Reader::value(const Json& v, std::string& out, AgentId) {
  if (!v.is_string()) return fail({}, DecodeReason::wrong_type, "must be a string");
  const auto& s = v.get_ref<const std::string&>();
  if (!is_valid_id(s))
    return fail({}, DecodeReason::bad_id, "must match " + std::string(kIdPattern));
  out = s;
}

constexpr const char* kNotAPrecision =
    "is not a precision (fp64, fp64_tensor, fp32, tf32, fp16, bf16, fp8, int8)";

void Reader::value(const Json& v, PrecisionMap& out) {
  if (!v.is_object()) return fail({}, DecodeReason::wrong_type, "must be an object");
  out = PrecisionMap{};
  for (const auto& [key, number] : v.items()) {
    const auto p = parse_precision(key);
    if (!p) {
      return fail(key, DecodeReason::bad_value, kNotAPrecision);
    }
    Scope s(*this, key);
    double x = 0;
    value(number, x, kNonNegative);
    if (failed()) return;
    out[*p] = x;
  }
}

void Reader::value(const Json& v, PrecisionSet& out) {
  if (!v.is_array()) return fail({}, DecodeReason::wrong_type, "must be an array of precisions");
  if (v.size() > kPrecisionCount) {
    return fail({}, DecodeReason::too_many_items,
                "has " + std::to_string(v.size()) + " items; at most " +
                    std::to_string(kPrecisionCount) + " are allowed");
  }
  out = PrecisionSet{};
  for (std::size_t i = 0; i < v.size(); ++i) {
    Scope item(*this, i);
    const auto p =
        v[i].is_string() ? parse_precision(v[i].get_ref<const std::string&>()) : std::nullopt;
    if (!p) {
      return fail({}, DecodeReason::bad_value, kNotAPrecision);
    }
    out.insert(*p);
  }
}

void UniqueIds::check(Reader& r, const std::string& id, std::size_t index) {
  if (r.failed()) return;
  const auto [it, inserted] = first_.emplace(id, index);
  if (!inserted) {
    r.fail("id", DecodeReason::duplicate_id,
           "repeats devices[" + std::to_string(it->second) + "].id");
  }
}

}  // namespace suanli::wire::detail
