#pragma once

// The store's births decoded for a restart, a batch at a time, by a few threads at once: decoding
// is most of a restart's work (a birth of 8 devices is about 4 KB of JSON), and only one batch of
// payloads is held at once, never the whole city's.

#include <cstddef>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include "central/core/node.hpp"
#include "central/store/store.hpp"
#include "uplink/wire/messages.hpp"

namespace suanli::central {

// A stored birth, decoded; nullopt when it no longer decodes.
using StoredBirth = std::pair<NodeKey, std::optional<wire::Birth>>;

inline constexpr std::size_t kMaxDecodeThreads = 8;

// Hands each batch of `batch_size` decoded births to `each_batch`, in the store's order (center,
// node).
store::Status decode_stored_births(
    const store::Store& store, std::size_t batch_size,
    const std::function<void(std::vector<StoredBirth>&)>& each_batch);

}  // namespace suanli::central
