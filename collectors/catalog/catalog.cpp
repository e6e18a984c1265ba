#include "collectors/catalog/catalog.hpp"

#include <algorithm>

#include "collectors/catalog/catalog_json.hpp"
#include "collectors/catalog/embedded.hpp"
#include "collectors/catalog/text.hpp"
#include "config/config_file.hpp"

namespace suanli {
namespace {

// The one row among the device-countable rows that satisfy `matches`; among several, the one
// whose unit count equals the device's. Anything else is no match.
template <class Matches>
const CatalogRow* pick(const std::vector<CatalogRow>& rows, std::optional<int> units,
                       Matches matches) {
  std::vector<const CatalogRow*> hits;
  for (const CatalogRow& row : rows) {
    if (row.enumerated_device && matches(row)) hits.push_back(&row);
  }
  if (hits.size() > 1 && units) {
    std::erase_if(hits, [&](const CatalogRow* row) { return row->units != units; });
  }
  return hits.size() == 1 ? hits.front() : nullptr;
}

bool has_name(const CatalogRow& row, std::string_view name) {
  return catalog_text::iequals(row.model, name) ||
         std::any_of(row.match_names.begin(), row.match_names.end(),
                     [&](const std::string& n) { return catalog_text::iequals(n, name); });
}

}  // namespace

std::string_view to_string(MatchKind kind) {
  return kind == MatchKind::pci ? "pci" : "name";
}

std::string_view Catalog::builtin_json() {
  return {reinterpret_cast<const char*>(catalog_data::kJson), catalog_data::kJsonSize};
}

Expected<Catalog> Catalog::builtin() {
  return from_json(builtin_json(), "built-in catalog");
}

Expected<Catalog> Catalog::from_file(const std::string& path) {
  auto text = config::read_text_file(path);
  if (!text) return Expected<Catalog>::failure(text.error().front());
  return from_json(*text, path);
}

Expected<Catalog> Catalog::from_json(std::string_view text, std::string_view origin) {
  auto rows = parse_catalog_rows(text, origin);
  if (!rows) return Expected<Catalog>::failure(rows.error());
  return Catalog(std::move(rows).value());
}

std::optional<CatalogMatch> Catalog::find(const DeviceIdentity& id) const {
  if (id.pci_id) {
    const std::string pci = catalog_text::lower(*id.pci_id);
    const auto* row = pick(rows_, id.units, [&](const CatalogRow& r) {
      return std::find(r.pci_ids.begin(), r.pci_ids.end(), pci) != r.pci_ids.end();
    });
    if (row) return CatalogMatch{row, MatchKind::pci};
  }
  if (id.name) {
    const auto* row =
        pick(rows_, id.units, [&](const CatalogRow& r) { return has_name(r, *id.name); });
    if (row) return CatalogMatch{row, MatchKind::name};
  }
  return std::nullopt;
}

}  // namespace suanli
