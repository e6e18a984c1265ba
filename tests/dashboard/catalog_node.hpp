#pragma once

// Wire messages of one simulated node whose accelerators are a catalog model, with the
// catalog's peaks, as an agent would publish them.

#include <cstdint>
#include <string>
#include <vector>

#include "config/precision.hpp"
#include "uplink/wire/messages.hpp"

namespace suanli::test {

class CatalogNode {
 public:
  // Throws std::runtime_error when the built-in catalog has no row named `catalog_model`.
  CatalogNode(std::string center, std::string node, std::string district,
              const std::string& catalog_model, int accelerators);

  wire::Status status(std::uint64_t now_ms) const;
  wire::Birth birth(std::uint64_t now_ms) const;
  // The next window (seq 0, 1, ... as status and birth announce), ending at now_ms, every device
  // healthy and busy at `activity`.
  wire::Data next_window(std::uint64_t now_ms, double activity);

  // The node's peak at `p`, in TFLOPS (the sum over its devices).
  double peak_tflops(Precision p) const;

  // Long enough that the nodes stay online while the browser loads the page.
  static constexpr std::uint64_t kIntervalMs = 5000;

 private:
  wire::Header header(std::uint64_t now_ms) const;

  std::string center_;
  std::string node_;
  std::string district_;
  std::vector<wire::Device> devices_;
  std::uint64_t boot_ = 1;
  std::uint64_t seq_ = 0;
};

}  // namespace suanli::test
