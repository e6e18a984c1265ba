#pragma once

// The store's births made ready for a restart, a batch at a time, by a few threads at once:
// decoding a birth and reducing it (Inventory::of, the catalog checks) is most of a restart's work
// (a birth of 8 devices is about 4 KB of JSON), so it is done off the registry, one batch ahead of
// the caller's inserts, and only two batches of payloads are held at once, never the whole city's.

#include <cstddef>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include "central/core/node.hpp"
#include "central/core/registry.hpp"
#include "central/store/store.hpp"

namespace suanli::central {

// A stored birth, decoded and reduced; nullopt when it no longer decodes.
using StoredBirth = std::pair<NodeKey, std::optional<ReducedBirth>>;

inline constexpr std::size_t kMaxDecodeThreads = 8;

// Hands each batch of `batch_size` reduced births to `each_batch`, in the store's order (center,
// node), while the next batch is being decoded.
store::Status decode_stored_births(
    const store::Store& store, std::size_t batch_size,
    const std::function<void(std::vector<StoredBirth>&)>& each_batch);

}  // namespace suanli::central
