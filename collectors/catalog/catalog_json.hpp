#pragma once

#include <string_view>
#include <vector>

#include "collectors/catalog/catalog.hpp"

namespace suanli {

// Parses and checks a catalog document; errors start with origin and name the row and field.
Expected<std::vector<CatalogRow>> parse_catalog_rows(std::string_view text,
                                                     std::string_view origin);

}  // namespace suanli
