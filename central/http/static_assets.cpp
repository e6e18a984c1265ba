#include "central/http/static_assets.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "central/http/embedded_files.hpp"

namespace suanli::http {
namespace {

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

std::string_view content_type_for(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 11> kTypes = {{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
  }};
  for (const auto& [extension, type] : kTypes) {
    if (name.ends_with(extension)) return type;
  }
  return "application/octet-stream";
}

std::optional<Asset> find_asset(std::string_view name) {
  for (const EmbeddedFile& file : embedded_files()) {
    if (file.name != name) continue;
    return Asset{.name = file.name,
                 .content_type = content_type_for(file.name),
                 .etag = file.etag,
                 .bytes = std::string_view(reinterpret_cast<const char*>(file.data), file.size)};
  }
  return std::nullopt;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  while (!if_none_match.empty()) {
    auto comma = if_none_match.find(',');
    std::string_view tag = trim_spaces(if_none_match.substr(0, comma));
    if_none_match =
        comma == std::string_view::npos ? std::string_view{} : if_none_match.substr(comma + 1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
  }
  return false;
}

Response asset_response(const Request& request, const Asset& asset) {
  Response r;
  r.content_type = std::string(asset.content_type);
  r.headers.emplace_back("ETag", std::string(asset.etag));
  r.headers.emplace_back("Cache-Control", "no-cache");
  auto if_none_match = request.header("If-None-Match");
  if (if_none_match && etag_matches(*if_none_match, asset.etag)) {
    r.status = 304;
    return r;
  }
  r.body = std::string(asset.bytes);
  return r;
}

void add_asset_routes(Router& router) {
  auto serve = [](std::string_view name, const Request& request) {
    auto asset = find_asset(name);
    if (!asset) return json_error(404, "no such asset: " + std::string(name));
    return asset_response(request, *asset);
  };
  router.get("/", [serve](const Request& r) { return serve("index.html", r); });
  router.get("/assets/{name}",
             [serve](const Request& r) { return serve(r.path_params.at("name"), r); });
}

}  // namespace suanli::http
