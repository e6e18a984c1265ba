#pragma once

// The request and response the HTTP layer hands to, and takes from, route handlers: plain values,
// free of Beast types, so handlers and their tests need no networking.

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace suanli::http {

struct Request {
  std::string method;  // upper case, as sent: "GET"
  std::string target;  // as sent: "/api/v1/nodes?center=a"
  std::string path;    // target before '?', not percent-decoded: "/api/v1/nodes"
  std::map<std::string, std::string> query;        // percent-decoded; the last of repeated names
  std::map<std::string, std::string> path_params;  // percent-decoded, filled in by the Router
  std::map<std::string, std::string> headers;      // names lower case; repeats joined by ", "
  std::string body;
  std::string peer_address;  // the client's IP address

  // The header's value, by case-insensitive name.
  std::optional<std::string> header(std::string_view name) const;
  std::optional<std::string> query_param(std::string_view name) const;
  std::optional<std::string> path_param(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // beside Content-Type and -Length

  static Response json(int status, std::string body);
  static Response text(int status, std::string body, std::string content_type = "text/plain");

  // The value of an extra header, by case-insensitive name.
  std::optional<std::string> header(std::string_view name) const;
  // Adds the header unless one of that name is already present.
  void set_default_header(std::string name, std::string value);
};

// {"error": {"status": 404, "message": "..."}} as application/json. When one request parameter
// is at fault, `parameter` names it and `accepted` says the form it takes; both keys are then
// added to the error object.
Response json_error(int status, std::string_view message, std::string_view parameter = {},
                    std::string_view accepted = {});

// A request parameter a route cannot take: answered 400 with json_error's parameter and accepted.
struct BadParameter : std::invalid_argument {
  BadParameter(std::string name, const std::string& message, std::string form)
      : std::invalid_argument(name + ": " + message),
        parameter(std::move(name)),
        accepted(std::move(form)) {}

  std::string parameter;
  std::string accepted;

  Response response() const { return json_error(400, what(), parameter, accepted); }
};

std::string lower_case(std::string_view s);

}  // namespace suanli::http
