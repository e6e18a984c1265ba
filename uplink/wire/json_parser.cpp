#include "uplink/wire/json_parser.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <optional>
#include <string>

#include "config/strict_json.hpp"
#include "uplink/wire/detail/document_faults.hpp"
#include "uplink/wire/detail/json_numbers.hpp"
#include "uplink/wire/detail/text.hpp"

namespace suanli::wire {
namespace {

using Parsed = Expected<simdjson::dom::element, DecodeError>;

// A parser keeps the memory of the largest text it has parsed (about 20 bytes a byte of text);
// past this size it starts afresh at its next smaller text.
constexpr std::size_t kRetainedCapacity = 64 * 1024;
constexpr std::size_t kMinCapacity = 4 * 1024;

Parsed not_json(std::string detail) {
  return Parsed::failure({DecodeReason::invalid_json, "", std::move(detail)});
}

}  // namespace

JsonParser::JsonParser(std::size_t max_depth) : max_depth_(max_depth) {}

simdjson::error_code JsonParser::reserve(std::size_t bytes) {
  if (parser_.capacity() > kRetainedCapacity && bytes <= kRetainedCapacity) {
    parser_ = simdjson::dom::parser{};
    padded_.reset();
    padded_capacity_ = 0;
  }
  if (parser_.capacity() < bytes || parser_.capacity() == 0) {
    const std::size_t capacity = std::max(std::bit_ceil(bytes), kMinCapacity);
    // simdjson counts an innermost array or object with members one level deeper than
    // json_within_depth does (find_fault then checks the exact depth).
    if (const auto e = parser_.allocate(capacity, max_depth_ + 1)) return e;
    // The document's own buffers, which simdjson would otherwise size to each larger text.
    if (const auto e = parser_.doc.allocate(capacity)) return e;
  }
  if (padded_capacity_ < bytes) {
    padded_capacity_ = std::max(std::bit_ceil(bytes), kMinCapacity);
    padded_ = std::make_unique<char[]>(padded_capacity_ + simdjson::SIMDJSON_PADDING);
  }
  return simdjson::SUCCESS;
}

simdjson::error_code JsonParser::parse_once(std::string_view text, simdjson::dom::element& root) {
  if (const auto e = reserve(text.size())) return e;
  std::memcpy(padded_.get(), text.data(), text.size());
  return parser_.parse(padded_.get(), text.size(), false).get(root);
}

Parsed JsonParser::parse(std::string_view text) {
  simdjson::dom::element root;
  std::optional<std::string> rewritten;
  if (detail::may_hold_negative_zero(text)) rewritten = detail::with_nlohmann_integers(text);
  auto error = parse_once(rewritten ? *rewritten : text, root);
  if (error == simdjson::NUMBER_ERROR && !rewritten) {
    // Perhaps an integer beyond 64 bits, which simdjson refuses and nlohmann reads as a double.
    if ((rewritten = detail::with_nlohmann_integers(text))) error = parse_once(*rewritten, root);
  }
  std::optional<detail::DocumentFault> fault;
  if (!error && !(fault = detail::find_fault(root, max_depth_))) return root;
  // Nesting is judged as config/strict_json.hpp judges it, before any other fault.
  if ((fault && fault->too_deep) || !json_within_depth(text, max_depth_)) {
    return Parsed::failure({DecodeReason::too_deep, "",
                            "nesting is deeper than " + std::to_string(max_depth_) + " levels"});
  }
  if (error) return not_json(simdjson::error_message(error));
  return not_json(detail::printable(
      "key \"" + std::string(fault->repeated_key) + "\" is repeated in one object", 200));
}

}  // namespace suanli::wire
