#pragma once

// The files under central/http/assets/, compiled into the binary (see embed_assets.cmake).

#include <cstddef>
#include <span>
#include <string_view>

namespace suanli::http {

struct EmbeddedFile {
  std::string_view name;  // path under assets/, e.g. "index.html"
  std::string_view etag;  // quoted, from the content's SHA-256
  const unsigned char* data;
  std::size_t size;
};

// Sorted by name. Defined in the generated embedded_assets.cpp.
std::span<const EmbeddedFile> embedded_files();

}  // namespace suanli::http
