#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace suanli::config {

// How the agent tells whether a declared device is up: an HTTP GET answered 2xx, or a command
// that exits 0, within deadline_ms. Exactly one of http and command is set.
struct DeclaredProbe {
  std::optional<std::string> http;
  std::vector<std::string> command;  // program, then its arguments; run without a shell
  int deadline_ms = 5000;
  bool operator==(const DeclaredProbe&) const = default;
};

// A device no backend can discover, declared in the agent's config (`declared`): today a
// quantum computer, counted in physical qubits and never in FLOPS.
struct DeclaredDevice {
  std::string kind;  // "quantum"
  std::string name;
  std::optional<std::string> vendor;
  std::uint64_t qubits = 0;
  std::optional<DeclaredProbe> probe;  // none: healthy while the agent runs
  bool operator==(const DeclaredDevice&) const = default;
};

}  // namespace suanli::config
