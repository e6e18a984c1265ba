#include "collectors/catalog/catalog.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "collectors/catalog/catalog_json.hpp"
#include "collectors/catalog/embedded.hpp"
#include "collectors/catalog/text.hpp"

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

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

Expected<std::string> read_file(const std::string& path) {
  const auto failure = [&] {
    return Expected<std::string>::failure(path + ": cannot read: " + std::strerror(errno));
  };
  const std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) return failure();
  std::string text;
  std::array<char, 65536> buffer;
  while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), file.get())) {
    text.append(buffer.data(), n);
  }
  if (std::ferror(file.get())) return failure();
  return text;
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
  auto text = read_file(path);
  if (!text) return Expected<Catalog>::failure(text.error());
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
