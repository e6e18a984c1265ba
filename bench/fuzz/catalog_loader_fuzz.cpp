// The peak-FLOPS catalog loader (collectors/catalog, config key catalog.path): a catalog from JSON
// text, then each of its rows looked up by PCI id and by name and its peaks resolved as the agent
// resolves a device's. Input: the catalog file's text. Only rows that count one enumerated
// device are ever matched.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "bench/fuzz/fuzz_check.hpp"
#include "collectors/catalog/arch.hpp"
#include "collectors/catalog/catalog.hpp"
#include "collectors/catalog/peaks.hpp"

using namespace suanli;

namespace {

DeviceIdentity identity(std::optional<std::string> pci_id, std::optional<std::string> name,
                        std::optional<int> units) {
  DeviceIdentity id;
  id.pci_id = std::move(pci_id);
  id.name = std::move(name);
  id.units = units;
  return id;
}

void look_up(const Catalog& catalog, DeviceIdentity id) {
  auto match = catalog.find(id);
  if (match) fuzz::check(match->row->enumerated_device, "only an enumerated device is matched");
  (void)resolve_peaks(catalog, id, {});
  if (auto arch = parse_arch(match ? match->row->arch : std::string())) {
    id.arch = arch;
    id.clock_mhz = 1500;
    (void)resolve_peaks(catalog, id, {});
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto catalog = Catalog::from_json(fuzz::as_text(data, size), "fuzz.json");
  if (!catalog) {
    fuzz::check(!catalog.error().empty(), "a refused catalog says why");
    return 0;
  }
  for (const CatalogRow& row : catalog->rows()) {
    (void)row_peaks(row);
    for (const std::string& pci : row.pci_ids)
      look_up(*catalog, identity(pci, std::nullopt, row.units));
    for (const std::string& name : row.match_names)
      look_up(*catalog, identity(std::nullopt, name, std::nullopt));
    look_up(*catalog, identity(std::nullopt, row.model, row.units));
  }
  return 0;
}
