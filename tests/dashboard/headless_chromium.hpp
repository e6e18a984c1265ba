#pragma once

// Debian's chromium in headless mode: the DOM of a page after its scripts ran, and a screenshot.

#include <string>

#include "tests/support/process.hpp"

namespace suanli::test {

class HeadlessChromium {
 public:
  // The browser is $SUANLI_CHROMIUM, else /usr/bin/chromium (scripts/setup.sh installs it).
  HeadlessChromium();

  const std::string& path() const { return path_; }
  bool installed() const;

  // Loads `url`, lets its scripts run for a few seconds of virtual time, prints the DOM.
  ProcessResult dump_dom(const std::string& url) const;
  // Loads `url` the same way and writes a PNG of the window to `png_path`.
  ProcessResult screenshot(const std::string& url, const std::string& png_path) const;

 private:
  ProcessResult run(const std::string& action, const std::string& url) const;

  std::string path_;
  TempDir profile_;
};

}  // namespace suanli::test
