#pragma once

// What the harnesses share: the input as text, and a failed invariant as a crash the fuzzer (or
// the standalone driver) reports with the input that caused it.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <utility>

namespace suanli::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The text before the first newline, and the rest (empty when there is no newline).
inline std::pair<std::string_view, std::string_view> split_first_line(std::string_view text) {
  auto nl = text.find('\n');
  if (nl == std::string_view::npos) return {text, {}};
  return {text.substr(0, nl), text.substr(nl + 1)};
}

[[noreturn]] inline void invariant_broken(const char* what) {
  std::fprintf(stderr, "fuzz: invariant broken: %s\n", what);
  std::abort();
}

inline void check(bool holds, const char* what) {
  if (!holds) invariant_broken(what);
}

}  // namespace suanli::fuzz
