#pragma once

// The hourly history retention (store.history_retention_days): rows older than that are deleted.

#include <cstdint>

#include "central/store/store.hpp"

namespace suanli::central {

// Deletes the history rows older than `retention_days` before `now_ms`; logs what it did.
void prune_history(store::Store& store, int retention_days, std::uint64_t now_ms);

}  // namespace suanli::central
