#include "tests/dashboard/headless_chromium.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <vector>

namespace suanli::test {

HeadlessChromium::HeadlessChromium() {
  const char* from_env = std::getenv("SUANLI_CHROMIUM");
  path_ = from_env != nullptr && *from_env != '\0' ? from_env : "/usr/bin/chromium";
}

bool HeadlessChromium::installed() const {
  return ::access(path_.c_str(), X_OK) == 0;
}

ProcessResult HeadlessChromium::run(const std::string& action, const std::string& url) const {
  const std::vector<std::string> argv = {path_,
                                         "--headless",
                                         "--no-sandbox",
                                         "--disable-gpu",
                                         "--no-first-run",
                                         "--user-data-dir=" + profile_.path() + "/profile",
                                         "--virtual-time-budget=8000",
                                         "--window-size=1400,1000",
                                         action,
                                         url};
  return run_process(argv, {"HOME=" + profile_.path()}, std::chrono::seconds(90));
}

ProcessResult HeadlessChromium::dump_dom(const std::string& url) const {
  return run("--dump-dom", url);
}

ProcessResult HeadlessChromium::screenshot(const std::string& url,
                                           const std::string& png_path) const {
  return run("--screenshot=" + png_path, url);
}

}  // namespace suanli::test
