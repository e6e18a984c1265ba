#pragma once

#include <cstddef>

// The bytes of collectors/catalog/catalog.json, written at build time by embed_json.cmake.
namespace suanli::catalog_data {

extern const unsigned char kJson[];
extern const std::size_t kJsonSize;

}  // namespace suanli::catalog_data
