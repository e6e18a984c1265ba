#pragma once

#include "collectors/catalog/catalog.hpp"
#include "collectors/catalog/peaks.hpp"
#include "collectors/device_backend.hpp"
#include "config/agent_config.hpp"
#include "config/expected.hpp"
#include "uplink/wire/messages.hpp"

namespace suanli::agent {

// The built-in catalog, or the file named by catalog.path; the error names that key.
Expected<Catalog> load_catalog(const config::AgentConfig& cfg);

// Whether a device's peaks are resolved (override, catalog, derivation) or stay unknown (a device
// listed by identity only, which no backend measures).
enum class PeakLookup { resolve, unknown };

// A discovered device as a birth describes it: found by `backend`, with its peaks
// (collectors/catalog/peaks.hpp): figures, source, matched row, confidence, basis, and the
// precisions of its class whose figure is unknown.

wire::Device describe_device(const Catalog& catalog, const collectors::DeviceInfo& info,
                             std::string_view backend, const PeakOverrides& overrides,
                             PeakLookup lookup = PeakLookup::resolve);

// A MIG or partition slice's peaks: `share` of its physical device's.
void take_share_of(wire::Device& slice, const wire::Device& parent);

}  // namespace suanli::agent
