#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "collectors/catalog/arch.hpp"
#include "config/expected.hpp"
#include "config/precision.hpp"

namespace suanli {

// One accelerator row of the peak-FLOPS catalog (collectors/catalog/catalog.json).
struct CatalogRow {
  std::string vendor;
  std::string model;  // unique within a catalog; also matched as a device name
  std::string arch;
  std::string per;  // what one row counts, in words
  // False for a row counting several enumerated devices (MI250X per OAM): never matched.
  bool enumerated_device = true;
  std::vector<std::string> pci_ids;  // lower case "10de:2330"
  std::vector<std::string> match_names;
  std::optional<int> units;  // SM / CU / AI-core count
  std::string unit_kind;
  std::optional<double> boost_mhz;
  PrecisionMap tflops;          // stated by a source
  PrecisionMap derived_tflops;  // arithmetic, used only when nothing is stated
  std::string confidence;
  std::vector<std::string> uncertain;
  std::string source;
  std::string notes;
  std::string origin;  // the reference catalog row, a correction of it, or suanli's addition
  // False for a row whose figures are not the silicon's rate (a part capped by export rules):
  // never used to scale a figure for another part of the same architecture.
  bool silicon_reference = true;
};

// What a backend knows about one enumerated device; every field may be unknown.
struct DeviceIdentity {
  std::optional<std::string> pci_id;  // "vendor:device" in hex, any case
  std::optional<std::string> name;    // as NVML, amdsmi, npu-smi or the sim config report it
  std::optional<int> units;           // SM / CU / AI-core count; CPU: cores
  std::optional<Arch> arch;           // for derivation when no row matches
  std::optional<double> clock_mhz;    // for derivation
  // Where clock_mhz came from, in words ("cpufreq base_frequency"), for the peak's basis.
  std::optional<std::string> clock_basis;
};

enum class MatchKind { pci, name };
std::string_view to_string(MatchKind kind);

struct CatalogMatch {
  const CatalogRow* row;  // points into the Catalog that returned it
  MatchKind by;
};

class Catalog {
 public:
  // The catalog compiled into the binary.
  static Expected<Catalog> builtin();
  static std::string_view builtin_json();
  // A replacement catalog (config key catalog.path); errors name the file, row and field.
  static Expected<Catalog> from_file(const std::string& path);
  static Expected<Catalog> from_json(std::string_view text, std::string_view origin);

  const std::vector<CatalogRow>& rows() const { return rows_; }

  // PCI id first, then the exact name (case-insensitive, against match_names and model). When
  // several rows match, the unit count picks one; if it cannot, that step finds nothing.
  std::optional<CatalogMatch> find(const DeviceIdentity& id) const;

 private:
  explicit Catalog(std::vector<CatalogRow> rows) : rows_(std::move(rows)) {}
  std::vector<CatalogRow> rows_;
};

}  // namespace suanli
