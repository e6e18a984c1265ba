#pragma once

// Test clients for the HTTP server: libcurl for well-formed requests (one handle keeps its
// connection alive between requests), raw sockets for what curl will not send.

#include <curl/curl.h>

#include <map>
#include <string>
#include <vector>

namespace suanli::test {

struct HttpReply {
  long status = 0;                             // 0 when the transfer failed
  std::map<std::string, std::string> headers;  // names lower case
  std::string body;
  std::string error;  // curl's message when status is 0
};

class CurlClient {
 public:
  // `ca_file`: the CAs that verify an https:// server (its name too); empty: the system's.
  explicit CurlClient(std::string ca_file = {});
  ~CurlClient();
  CurlClient(const CurlClient&) = delete;
  CurlClient& operator=(const CurlClient&) = delete;

  HttpReply request(const std::string& method, const std::string& url,
                    const std::vector<std::string>& headers = {}, const std::string& body = {});
  HttpReply get(const std::string& url, const std::vector<std::string>& headers = {}) {
    return request("GET", url, headers);
  }
  // Connections curl opened for the last request (0 when it reused one).
  long new_connections() const;

 private:
  CURL* curl_;
  std::string ca_file_;
};

// Connects to 127.0.0.1:port, sends `data`, and returns everything read until the server closes
// the connection or `wait_s` seconds pass without a byte; `closed` tells which.
struct RawReply {
  std::string data;
  bool closed = false;
};
RawReply raw_exchange(int port, const std::string& data, int wait_s = 10);

// A connected socket that sends nothing unless told; closed when destroyed. From `source`, a
// loopback address (127.0.0.2 is another client to the server, as any of 127.0.0.0/8 is).
class RawConnection {
 public:
  explicit RawConnection(int port, const std::string& source = "127.0.0.1");
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;
  bool send(const std::string& data);
  // Reads until the peer closes or `wait_s` seconds pass without a byte.
  RawReply read_until_closed(int wait_s);

 private:
  int fd_ = -1;
};

}  // namespace suanli::test
