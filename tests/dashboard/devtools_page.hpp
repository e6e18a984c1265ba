#pragma once

// A page in Debian's chromium driven over the DevTools protocol (--remote-debugging-pipe), for
// what the browser's command line cannot do: a viewport narrower than the 500 px a desktop
// window may be (Emulation.setDeviceMetricsOverride, as a phone), and reading the page once the
// page itself says it is ready.

#include <sys/types.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/process.hpp"

namespace suanli::test {

class DevToolsPage {
 public:
  // Starts `chromium` headless with a blank page of width × height CSS pixels. Throws
  // std::runtime_error when the browser does not start or answer.
  DevToolsPage(const std::string& chromium, int width, int height);
  ~DevToolsPage();
  DevToolsPage(const DevToolsPage&) = delete;
  DevToolsPage& operator=(const DevToolsPage&) = delete;

  // Runs `source` in every document the page loads, before the document's own scripts.
  void add_script_on_new_document(const std::string& source);
  void navigate(const std::string& url);
  // The value of the JavaScript `expression` in the page (returned by value, as JSON).
  nlohmann::json evaluate(const std::string& expression);
  // Evaluates `predicate` until it is true (one that throws is not), at most `limit`; whether it
  // became true.
  bool wait_for(const std::string& predicate, std::chrono::milliseconds limit);
  // What the browser wrote to stderr (its console messages among them).
  std::string log() const;

 private:
  // Sends one command and returns its result; throws std::runtime_error on an error answer or
  // when no answer comes within the time limit.
  nlohmann::json call(const std::string& method, const nlohmann::json& params, bool in_page = true);
  nlohmann::json read_answer(int id);

  TempDir profile_;
  pid_t pid_ = -1;
  int to_browser_ = -1;
  int from_browser_ = -1;
  int next_id_ = 1;
  std::string session_;
  std::string pending_;  // read but not yet split at NUL
};

}  // namespace suanli::test
