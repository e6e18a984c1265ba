#pragma once

// Serves the embedded dashboard files: "/" is index.html, "/assets/<name>" the others. Responses
// carry an ETag and Cache-Control no-cache; a matching If-None-Match gets a 304.

#include <optional>
#include <string_view>

#include "central/http/message.hpp"
#include "central/http/router.hpp"

namespace suanli::http {

struct Asset {
  std::string_view name;
  std::string_view content_type;
  std::string_view etag;
  std::string_view bytes;
};

std::optional<Asset> find_asset(std::string_view name);

// By file extension; application/octet-stream when unknown.
std::string_view content_type_for(std::string_view name);

// Whether an If-None-Match value ("*", or a list of possibly weak tags) matches `etag`.
bool etag_matches(std::string_view if_none_match, std::string_view etag);

Response asset_response(const Request& request, const Asset& asset);

// GET / and GET /assets/{name}.
void add_asset_routes(Router& router);

}  // namespace suanli::http
