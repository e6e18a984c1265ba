#pragma once

// Maps (method, path) to a handler. Patterns are exact paths ("/healthz") or have one-segment
// parameters ("/api/v1/centers/{id}"); an exact segment beats a parameter. An unknown path gets a
// 404 JSON error, a known path with another method a 405 with Allow; HEAD runs the GET handler.
// A handler that throws gets a 500 JSON error, logged.

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "central/http/message.hpp"

namespace suanli::http {

using Handler = std::function<Response(const Request&)>;

class Router {
 public:
  // Registers `handler` for `method` ("GET", "POST", ...) on `pattern`; a second registration of
  // the same method and pattern replaces the first.
  void add(std::string_view method, std::string_view pattern, Handler handler);
  void get(std::string_view pattern, Handler handler) { add("GET", pattern, std::move(handler)); }
  void post(std::string_view pattern, Handler handler) { add("POST", pattern, std::move(handler)); }

  // Fills request.path_params and runs the matching handler. Never throws.
  Response dispatch(Request& request) const;

 private:
  struct Route {
    std::vector<std::string> segments;  // "{name}" for a parameter
    std::map<std::string, Handler> handlers;
  };
  Response run(const Handler& handler, const Request& request) const;

  std::vector<Route> routes_;  // fewer parameters first
};

}  // namespace suanli::http
