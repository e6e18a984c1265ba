#include "central/app/history_prune.hpp"

#include <spdlog/spdlog.h>

namespace suanli::central {

void prune_history(store::Store& store, int retention_days, std::uint64_t now_ms) {
  constexpr std::uint64_t kDayMs = 24 * 3600 * 1000ULL;
  const auto horizon =
      static_cast<std::int64_t>(now_ms - static_cast<std::uint64_t>(retention_days) * kDayMs);
  if (auto pruned = store.prune_history(horizon); !pruned) {
    spdlog::error("store: {}", pruned.error());
  } else if (*pruned > 0) {
    spdlog::info("store: {} history rows older than {} days deleted", *pruned, retention_days);
  }
}

}  // namespace suanli::central
