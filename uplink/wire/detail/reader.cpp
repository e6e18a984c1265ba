#include "uplink/wire/detail/reader.hpp"

#include <cmath>

#include "config/ids.hpp"
#include "uplink/wire/detail/text.hpp"

namespace suanli::wire::detail {

void Reader::fail(std::string_view key, DecodeReason reason, std::string detail) {
  if (failed()) return;
  error_ = DecodeError{reason, path_with(key), std::move(detail)};
}

Object::Object(simdjson::dom::object object)
    : object_(object), large_(object.size() > kIndexedMembers), cursor_(object.begin()) {
  if (large_) return;
  for (auto it = object.begin(); it != object.end(); ++it)
    keys_[size_++] = KeyPrint(it.key());
}

std::optional<Element> Object::find(std::string_view key) const {
  if (large_) {
    Element found;
    if (object_.at_key(key).get(found)) return std::nullopt;
    return found;
  }
  const KeyPrint print(key);
  for (std::size_t n = 0, i = next_; n < size_; ++n, i = i + 1 == size_ ? 0 : i + 1) {
    if (!(keys_[i] == print)) continue;
    next_ = i + 1 == size_ ? 0 : i + 1;
    if (i < at_) {
      cursor_ = object_.begin();
      at_ = 0;
    }
    for (; at_ < i; ++at_)
      ++cursor_;
    return cursor_.value();
  }
  return std::nullopt;
}

bool Reader::within(std::size_t size, std::size_t max_items) {
  if (size <= max_items) return true;
  fail({}, DecodeReason::too_many_items,
       "has " + std::to_string(size) + " items; at most " + std::to_string(max_items) +
           " are allowed");
  return false;
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

void Reader::value(const Element& v, bool& out) {
  if (v.get_bool().get(out)) fail({}, DecodeReason::wrong_type, "must be true or false");
}

void Reader::value(const Element& v, std::uint64_t& out, Uint rule) {
  // simdjson reads an integer literal as an int64 or a uint64; a fraction or an exponent makes a
  // double (as a literal beyond 64 bits does, and -0: uplink/wire/json_parser.hpp).
  if (v.get_uint64().get(out)) {
    return fail({}, DecodeReason::wrong_type, "must be an unsigned integer");
  }
  if (out < rule.min) fail({}, DecodeReason::bad_value, "must be >= " + std::to_string(rule.min));
  if (out > rule.max) fail({}, DecodeReason::bad_value, "must be <= " + std::to_string(rule.max));
}

void Reader::value(const Element& v, double& out, const Number& rule) {
  if (v.get_double().get(out)) return fail({}, DecodeReason::wrong_type, "must be a number");
  const bool below = rule.min_exclusive ? !(out > rule.min) : !(out >= rule.min);
  if (!std::isfinite(out) || below || out > rule.max) fail({}, DecodeReason::bad_value, rule.rule);
}

void Reader::value(const Element& v, std::string& out, const Text& rule) {
  std::string_view s;
  if (v.get_string().get(s)) return fail({}, DecodeReason::wrong_type, "must be a string");
  const auto n = count_chars(s);
  if (n < rule.min_chars || n > rule.max_chars) {
    return fail({}, rule.reason,
                "must be " + std::to_string(rule.min_chars) + " to " +
                    std::to_string(rule.max_chars) + " characters long");
  }
  out = s;
}

void Reader::value(const Element& v, std::string& out, AgentId) {
  std::string_view s;
  if (v.get_string().get(s)) return fail({}, DecodeReason::wrong_type, "must be a string");
  if (!is_valid_id(s))
    return fail({}, DecodeReason::bad_id, "must match " + std::string(kIdPattern));
  out = s;
}

constexpr const char* kNotAPrecision =
    "is not a precision (fp64, fp64_tensor, fp32, tf32, fp16, bf16, fp8, int8)";

void Reader::value(const Element& v, PrecisionMap& out) {
  simdjson::dom::object members;
  if (v.get_object().get(members)) return fail({}, DecodeReason::wrong_type, "must be an object");
  out = PrecisionMap{};
  std::size_t expected = 0;  // encode writes the precisions in their order: try the next first
  for (auto it = members.begin(); it != members.end(); ++it) {
    const std::string_view key = it.key();
    const auto p = expected < kPrecisionCount && to_string(kAllPrecisions[expected]) == key
                       ? kAllPrecisions[expected]
                       : parse_precision(key);
    if (!p) {
      return fail(key, DecodeReason::bad_value, kNotAPrecision);
    }
    Scope s(*this, key);
    double x = 0;
    value(it.value(), x, kNonNegative);
    if (failed()) return;
    out[*p] = x;
    expected = static_cast<std::size_t>(*p) + 1;
  }
}

void Reader::value(const Element& v, PrecisionSet& out) {
  simdjson::dom::array items;
  if (v.get_array().get(items)) {
    return fail({}, DecodeReason::wrong_type, "must be an array of precisions");
  }
  if (!within(items.size(), kPrecisionCount)) return;
  out = PrecisionSet{};
  std::size_t i = 0;
  for (const Element item : items) {
    Scope scope(*this, i++);
    std::string_view name;
    const auto p = item.get_string().get(name) ? std::nullopt : parse_precision(name);
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
