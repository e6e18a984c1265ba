#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>
#include <string>

#include "collectors/catalog/catalog.hpp"
#include "collectors/catalog/peaks.hpp"

namespace suanli::catalog_test {

inline const Catalog& builtin_catalog() {
  static const Catalog catalog = Catalog::builtin().value();
  return catalog;
}

inline const CatalogRow& row_named(const std::string& model) {
  for (const CatalogRow& row : builtin_catalog().rows()) {
    if (row.model == model) return row;
  }
  throw std::runtime_error("no catalog row " + model);
}

inline DeviceIdentity by_pci(std::string pci, std::optional<int> units = std::nullopt) {
  DeviceIdentity id;
  id.pci_id = std::move(pci);
  id.units = units;
  return id;
}

inline DeviceIdentity by_name(std::string name, std::optional<int> units = std::nullopt) {
  DeviceIdentity id;
  id.name = std::move(name);
  id.units = units;
  return id;
}

inline PeakResolution resolve(const DeviceIdentity& id, const PeakOverrides& overrides = {}) {
  return resolve_peaks(builtin_catalog(), id, overrides);
}

inline std::optional<std::string> found_model(const DeviceIdentity& id) {
  const auto match = builtin_catalog().find(id);
  if (!match) return std::nullopt;
  return match->row->model;
}

}  // namespace suanli::catalog_test
