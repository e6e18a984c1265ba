#pragma once

// The store's connection: opened read-write (created when missing), WAL, synchronous=NORMAL,
// a busy timeout, foreign keys on, schema migrated.

#include <string>

#include "central/store/database.hpp"
#include "config/expected.hpp"

namespace suanli::store {

inline constexpr int kBusyTimeoutMs = 5000;

Expected<Database> open_store_database(const std::string& path);

}  // namespace suanli::store
