#pragma once

// A small HTTP/1.1 server for one test, on 127.0.0.1 at a free port, serving on its own thread.
// It records every request and answers each with the next queued status, or the default status
// when the queue is empty. stop() and start() again on the same port simulate an outage.

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace suanli::test {

struct HttpRequestRecord {
  std::string method;
  std::string target;
  std::map<std::string, std::string> headers = {};  // names in lower case
  std::string body;
  int answered = 0;              // the status sent back; 0 when the server never answered
  std::uint64_t connection = 0;  // the same number for requests on one kept-alive connection
};

class HttpTestServer {
 public:
  HttpTestServer();  // started
  ~HttpTestServer();
  HttpTestServer(const HttpTestServer&) = delete;
  HttpTestServer& operator=(const HttpTestServer&) = delete;

  // Listens again on the same port; throws std::runtime_error when it cannot bind.
  void start();
  // Closes the listener and every connection. Idempotent.
  void stop();

  int port() const { return port_; }
  std::string url(const std::string& target = "/ingest") const;

  void set_default_status(int status);
  void queue_statuses(const std::vector<int>& statuses);
  // Requests are read and recorded but never answered (a server that hangs).
  void set_silent(bool silent);

  std::vector<HttpRequestRecord> requests() const;
  // Waits until `done(requests())` holds or `limit` passed; returns whether it held.
  bool wait_for(const std::function<bool(const std::vector<HttpRequestRecord>&)>& done,
                std::chrono::milliseconds limit) const;

 private:
  struct Loop;
  friend struct HttpTestSession;
  int answer_for(HttpRequestRecord& record);

  int port_ = 0;
  mutable std::mutex mutex_;
  std::vector<HttpRequestRecord> requests_;
  std::deque<int> queued_;
  int default_status_ = 200;
  bool silent_ = false;
  std::uint64_t connections_ = 0;
  std::unique_ptr<Loop> loop_;
  std::thread thread_;
};

}  // namespace suanli::test
