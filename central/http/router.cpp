#include "central/http/router.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>
#include <optional>

#include "central/http/target.hpp"

namespace suanli::http {
namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  if (path.starts_with('/')) path.remove_prefix(1);
  if (path.empty()) return out;
  while (true) {
    auto slash = path.find('/');
    out.emplace_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool is_parameter(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

std::size_t parameter_count(const std::vector<std::string>& segments) {
  return static_cast<std::size_t>(std::count_if(segments.begin(), segments.end(), is_parameter));
}

// The decoded parameters when `path` matches `pattern`; nullopt otherwise.
std::optional<std::map<std::string, std::string>> match(const std::vector<std::string>& pattern,
                                                        const std::vector<std::string>& path) {
  if (pattern.size() != path.size()) return std::nullopt;
  std::map<std::string, std::string> params;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (!is_parameter(pattern[i])) {
      if (pattern[i] != path[i]) return std::nullopt;
      continue;
    }
    auto value = percent_decode(path[i], false);
    if (!value || value->empty()) return std::nullopt;
    params[pattern[i].substr(1, pattern[i].size() - 2)] = std::move(*value);
  }
  return params;
}

std::string allow_header(const std::map<std::string, Handler>& handlers) {
  std::vector<std::string> methods;
  for (const auto& [method, handler] : handlers)
    methods.push_back(method);
  if (handlers.contains("GET") && !handlers.contains("HEAD")) methods.emplace_back("HEAD");
  std::sort(methods.begin(), methods.end());
  std::string out;
  for (const auto& m : methods)
    out += (out.empty() ? "" : ", ") + m;
  return out;
}

}  // namespace

void Router::add(std::string_view method, std::string_view pattern, Handler handler) {
  auto segments = split_path(pattern);
  auto same = std::find_if(routes_.begin(), routes_.end(),
                           [&](const Route& r) { return r.segments == segments; });
  if (same == routes_.end()) {
    auto at = std::find_if(routes_.begin(), routes_.end(), [&](const Route& r) {
      return parameter_count(r.segments) > parameter_count(segments);
    });
    same = routes_.insert(at, Route{.segments = std::move(segments), .handlers = {}});
  }
  same->handlers[std::string(method)] = std::move(handler);
}

Response Router::dispatch(Request& request) const {
  auto path = split_path(request.path);
  const Route* path_known = nullptr;
  for (const auto& route : routes_) {
    auto params = match(route.segments, path);
    if (!params) continue;
    if (!path_known) path_known = &route;
    auto it = route.handlers.find(request.method);
    if (it == route.handlers.end() && request.method == "HEAD") it = route.handlers.find("GET");
    if (it == route.handlers.end()) continue;
    request.path_params = std::move(*params);
    return run(it->second, request);
  }
  if (!path_known) return json_error(404, "no such path: " + request.path);
  Response r = json_error(405, "method " + request.method + " not allowed on " + request.path);
  r.headers.emplace_back("Allow", allow_header(path_known->handlers));
  return r;
}

Response Router::run(const Handler& handler, const Request& request) const {
  try {
    return handler(request);
  } catch (const std::exception& e) {
    spdlog::error("http: {} {} failed: {}", request.method, request.path, e.what());
  } catch (...) {
    spdlog::error("http: {} {} failed with an unknown exception", request.method, request.path);
  }
  return json_error(500, "internal error");
}

}  // namespace suanli::http
