#pragma once

#include <simdjson.h>

#include <cstddef>
#include <optional>
#include <string_view>

namespace suanli::wire::detail {

// What a document simdjson accepts may still hold that a strict reader refuses: a key repeated
// within one object (simdjson, like most parsers, keeps both), or nesting deeper than max_depth
// (simdjson's own limit lets an empty array or object one level deeper).
struct DocumentFault {
  bool too_deep = false;
  std::string_view repeated_key;  // when not too_deep; lives as long as the document
};

// The first fault found, searching every object and array; nullopt when there is none.
std::optional<DocumentFault> find_fault(simdjson::dom::element root, std::size_t max_depth);

}  // namespace suanli::wire::detail
