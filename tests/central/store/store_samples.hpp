#pragma once

// Rows for the store tests, and a Store opened or the test stopped.

#include <cstdint>
#include <stdexcept>
#include <string>

#include "central/store/store.hpp"

namespace suanli::store::test {

// Store::open(path), throwing its error (gtest reports it) when it fails.
Store open_or_throw(const std::string& path);
// Every Status and Expected the tests expect to succeed; throws the error otherwise.
template <class E>
void require(const E& result) {
  if (!result) throw std::runtime_error(result.error());
}

BirthRecord sample_birth(int i);
NodeStateRecord sample_state(int i, std::uint64_t seq = 1);
HistoryRecord sample_minute(const std::string& scope, std::int64_t ts_ms, double installed);

}  // namespace suanli::store::test
