#include "tests/dashboard/devtools_page.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <thread>
#include <vector>

namespace suanli::test {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr auto kAnswerLimit = 60s;

// The browser reads commands on fd 3 and writes answers on fd 4 (--remote-debugging-pipe).
void exec_browser(const std::vector<std::string>& argv, int commands, int answers,
                  const std::string& log) {
  // Out of the way of 3 and 4 first, then into place.
  const int in = fcntl(commands, F_DUPFD, 10);
  const int out = fcntl(answers, F_DUPFD, 10);
  if (in < 0 || out < 0 || dup2(in, 3) < 0 || dup2(out, 4) < 0) _exit(127);
  const int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (log_fd >= 0) {
    dup2(log_fd, 1);
    dup2(log_fd, 2);
  }
  for (int fd = 5; fd < 1024; ++fd)
    ::close(fd);
  std::vector<char*> args;
  for (const std::string& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  execv(args[0], args.data());
  _exit(127);
}

}  // namespace

DevToolsPage::DevToolsPage(const std::string& chromium, int width, int height) {
  int commands[2];
  int answers[2];
  if (pipe(commands) != 0 || pipe(answers) != 0) throw std::runtime_error("pipe failed");
  const std::vector<std::string> argv = {
      chromium,
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--remote-debugging-pipe",
      "--user-data-dir=" + profile_.path() + "/profile",
      "--window-size=" + std::to_string(std::max(width, 500)) + "," + std::to_string(height),
      "about:blank"};
  const std::string log_path = profile_.path() + "/chromium.log";
  pid_ = fork();
  if (pid_ == 0) {
    ::setenv("HOME", profile_.path().c_str(), 1);
    exec_browser(argv, commands[0], answers[1], log_path);
  }
  ::close(commands[0]);
  ::close(answers[1]);
  to_browser_ = commands[1];
  from_browser_ = answers[0];
  if (pid_ < 0) throw std::runtime_error("fork failed");

  const json targets = call("Target.getTargets", json::object(), false);
  std::string target;
  for (const json& t : targets.at("targetInfos")) {
    if (t.at("type") == "page") target = t.at("targetId");
  }
  if (target.empty()) {
    target = call("Target.createTarget", {{"url", "about:blank"}}, false).at("targetId");
  }
  session_ = call("Target.attachToTarget", {{"targetId", target}, {"flatten", true}}, false)
                 .at("sessionId");
  call("Page.enable", json::object());
  call("Emulation.setDeviceMetricsOverride",
       {{"width", width}, {"height", height}, {"deviceScaleFactor", 1}, {"mobile", width < 500}});
}

DevToolsPage::~DevToolsPage() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  if (to_browser_ >= 0) ::close(to_browser_);
  if (from_browser_ >= 0) ::close(from_browser_);
}

json DevToolsPage::call(const std::string& method, const json& params, bool in_page) {
  const int id = next_id_++;
  json message = {{"id", id}, {"method", method}, {"params", params}};
  if (in_page) message["sessionId"] = session_;
  std::string bytes = message.dump();
  bytes.push_back('\0');
  std::string_view rest = bytes;
  while (!rest.empty()) {
    const ssize_t n = ::write(to_browser_, rest.data(), rest.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error("the browser closed its DevTools pipe; " + log());
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
  return read_answer(id);
}

json DevToolsPage::read_answer(int id) {
  const auto deadline = std::chrono::steady_clock::now() + kAnswerLimit;
  for (;;) {
    for (auto end = pending_.find('\0'); end != std::string::npos; end = pending_.find('\0')) {
      json message = json::parse(pending_.substr(0, end), nullptr, false);
      pending_.erase(0, end + 1);
      if (message.is_discarded() || message.value("id", -1) != id) continue;  // an event
      if (message.contains("error")) {
        throw std::runtime_error("DevTools error: " + message["error"].dump());
      }
      return message.value("result", json::object());
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left <= 0ms) throw std::runtime_error("no DevTools answer; " + log());
    pollfd p{from_browser_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    char buffer[65536];
    const ssize_t n = ::read(from_browser_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error("the browser closed its DevTools pipe; " + log());
    pending_.append(buffer, static_cast<std::size_t>(n));
  }
}

void DevToolsPage::add_script_on_new_document(const std::string& source) {
  call("Page.addScriptToEvaluateOnNewDocument", {{"source", source}});
}

void DevToolsPage::navigate(const std::string& url) {
  call("Page.navigate", {{"url", url}});
}

json DevToolsPage::evaluate(const std::string& expression) {
  const json result =
      call("Runtime.evaluate",
           {{"expression", expression}, {"returnByValue", true}, {"awaitPromise", true}});
  if (result.contains("exceptionDetails")) {
    throw std::runtime_error("the page threw: " + result["exceptionDetails"].dump());
  }
  return result.at("result").value("value", json());
}

bool DevToolsPage::wait_for(const std::string& predicate, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    // Until the page has loaded, the predicate may throw: not true yet.
    if (evaluate("(() => { try { return Boolean(" + predicate +
                 "); } catch (e) { return false; } })()") == true) {
      return true;
    }
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(100ms);
  }
}

std::string DevToolsPage::log() const {
  std::ifstream in(profile_.path() + "/chromium.log", std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace suanli::test
