#include "uplink/wire/detail/document_faults.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <vector>

#include "uplink/wire/detail/key_print.hpp"

namespace suanli::wire::detail {
namespace {

using simdjson::dom::element_type;

// Objects of a wire message have up to ~25 members: comparing every pair of KeyPrints is cheaper
// there than hashing or sorting.
constexpr std::size_t kPairwiseMax = 32;

std::optional<std::string_view> repeated_pairwise(const KeyPrint* keys, std::size_t n) {
  for (std::size_t i = 1; i < n; ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (keys[i] == keys[j]) return keys[i].key();
    }
  }
  return std::nullopt;
}

std::optional<std::string_view> repeated_sorted(std::vector<std::string_view>& keys) {
  std::sort(keys.begin(), keys.end());
  const auto at = std::adjacent_find(keys.begin(), keys.end());
  if (at == keys.end()) return std::nullopt;
  return *at;
}

std::optional<std::string_view> repeated_in(simdjson::dom::object object) {
  if (object.size() <= kPairwiseMax) {
    std::array<KeyPrint, kPairwiseMax> keys;
    std::size_t n = 0;
    for (auto it = object.begin(); it != object.end(); ++it)
      keys[n++] = KeyPrint(it.key());
    return repeated_pairwise(keys.data(), n);
  }
  std::vector<std::string_view> keys;
  for (auto it = object.begin(); it != object.end(); ++it)
    keys.push_back(it.key());
  return repeated_sorted(keys);
}

bool is_container(simdjson::dom::element e) {
  const element_type t = e.type();
  return t == element_type::OBJECT || t == element_type::ARRAY;
}

// `e` is a container at `depth` (1 for the root); simdjson has bounded the depth, and so the
// recursion.
std::optional<DocumentFault> fault_in(simdjson::dom::element e, std::size_t depth,
                                      std::size_t max_depth) {
  if (depth > max_depth) return DocumentFault{.too_deep = true, .repeated_key = {}};
  if (e.type() == element_type::ARRAY) {
    const simdjson::dom::array items = e.get_array().value_unsafe();
    for (const simdjson::dom::element item : items) {
      if (!is_container(item)) continue;
      if (auto fault = fault_in(item, depth + 1, max_depth)) return fault;
    }
    return std::nullopt;
  }
  const simdjson::dom::object object = e.get_object().value_unsafe();
  if (auto key = repeated_in(object)) return DocumentFault{.too_deep = false, .repeated_key = *key};
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (!is_container(it.value())) continue;
    if (auto fault = fault_in(it.value(), depth + 1, max_depth)) return fault;
  }
  return std::nullopt;
}

}  // namespace

std::optional<DocumentFault> find_fault(simdjson::dom::element root, std::size_t max_depth) {
  if (!is_container(root)) return std::nullopt;
  return fault_in(root, 1, max_depth);
}

}  // namespace suanli::wire::detail
