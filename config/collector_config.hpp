#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace suanli::config {

enum class Enablement { automatic, on, off };

// The keys every device backend has: collectors.<name>.enabled and, for a backend that loads a
// vendor library, collectors.<name>.library.
struct CollectorConfig {
  Enablement enabled = Enablement::automatic;
  std::optional<std::string> library;  // vendor library path
};

// What the config needs to know of one device backend (collectors/backend_descriptor.hpp).
struct BackendSpec {
  std::string_view name;   // the config section collectors.<name> and the wire's `backend`
  std::string_view reads;  // what it reads, e.g. "NVIDIA GPUs through NVML"
  Enablement default_enabled = Enablement::automatic;
  std::string_view library_doc{};  // empty: the backend has no library key
};

}  // namespace suanli::config
