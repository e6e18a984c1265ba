#include "central/http/message.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace suanli::http {
namespace {

std::optional<std::string> find_in(const std::map<std::string, std::string>& m,
                                   const std::string& key) {
  auto it = m.find(key);
  if (it == m.end()) return std::nullopt;
  return it->second;
}

}  // namespace

std::string lower_case(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::optional<std::string> Request::header(std::string_view name) const {
  return find_in(headers, lower_case(name));
}

std::optional<std::string> Request::query_param(std::string_view name) const {
  return find_in(query, std::string(name));
}

std::optional<std::string> Request::path_param(std::string_view name) const {
  return find_in(path_params, std::string(name));
}

Response Response::json(int status, std::string body) {
  return Response{
      .status = status, .content_type = "application/json", .body = std::move(body), .headers = {}};
}

Response Response::text(int status, std::string body, std::string content_type) {
  return Response{.status = status,
                  .content_type = std::move(content_type),
                  .body = std::move(body),
                  .headers = {}};
}

std::optional<std::string> Response::header(std::string_view name) const {
  std::string wanted = lower_case(name);
  for (const auto& [key, value] : headers) {
    if (lower_case(key) == wanted) return value;
  }
  return std::nullopt;
}

void Response::set_default_header(std::string name, std::string value) {
  if (!header(name)) headers.emplace_back(std::move(name), std::move(value));
}

Response json_error(int status, std::string_view message, std::string_view parameter,
                    std::string_view accepted) {
  nlohmann::json error = {{"status", status}, {"message", message}};
  if (!parameter.empty()) {
    error["parameter"] = parameter;
    error["accepted"] = accepted;
  }
  nlohmann::json body = {{"error", std::move(error)}};
  // replace: a message quoting the client's bytes must not make dump() throw on bad UTF-8.
  return Response::json(status,
                        body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace suanli::http
