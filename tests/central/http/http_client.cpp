#include "tests/central/http/http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace suanli::test {
namespace {

size_t append_body(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

size_t append_header(char* data, size_t size, size_t count, void* out) {
  std::string line(data, size * count);
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), ::tolower);
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    value.erase(value.find_last_not_of("\r\n ") + 1);
    (*static_cast<std::map<std::string, std::string>*>(out))[name] = value;
  }
  return size * count;
}

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace

CurlClient::CurlClient(std::string ca_file)
    : curl_(curl_easy_init()), ca_file_(std::move(ca_file)) {
  if (!curl_) throw std::runtime_error("curl_easy_init failed");
  if (!ca_file_.empty()) curl_easy_setopt(curl_, CURLOPT_CAINFO, ca_file_.c_str());
}

CurlClient::~CurlClient() {
  curl_easy_cleanup(curl_);
}

HttpReply CurlClient::request(const std::string& method, const std::string& url,
                              const std::vector<std::string>& headers, const std::string& body) {
  HttpReply reply;
  curl_slist* list = nullptr;
  for (const auto& h : headers)
    list = curl_slist_append(list, h.c_str());
  std::unique_ptr<curl_slist, SlistDeleter> list_owner(list);
  curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl_, CURLOPT_TIMEOUT, 30L);
  bool head = method == "HEAD";
  curl_easy_setopt(curl_, CURLOPT_HTTPGET, 1L);  // back to a plain GET after a previous request
  curl_easy_setopt(curl_, CURLOPT_NOBODY, head ? 1L : 0L);
  if (method == "POST" || !body.empty()) {
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  bool standard = method == "GET" || head || method == "POST";
  curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, standard ? nullptr : method.c_str());
  curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &reply.body);
  curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, append_header);
  curl_easy_setopt(curl_, CURLOPT_HEADERDATA, &reply.headers);
  CURLcode rc = curl_easy_perform(curl_);
  if (rc != CURLE_OK) {
    reply.error = curl_easy_strerror(rc);
    return reply;
  }
  curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

long CurlClient::new_connections() const {
  long n = -1;
  curl_easy_getinfo(curl_, CURLINFO_NUM_CONNECTS, &n);
  return n;
}

RawConnection::RawConnection(int port, const std::string& source)
    : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
  if (fd_ < 0) throw std::runtime_error("socket failed");
  sockaddr_in from{};
  from.sin_family = AF_INET;
  if (::inet_pton(AF_INET, source.c_str(), &from.sin_addr) != 1 ||
      ::bind(fd_, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0) {
    ::close(fd_);
    throw std::runtime_error("cannot bind to " + source);
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd_);
    throw std::runtime_error("connect failed");
  }
}

RawConnection::~RawConnection() {
  ::close(fd_);
}

bool RawConnection::send(const std::string& data) {
  size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = ::send(fd_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

RawReply RawConnection::read_until_closed(int wait_s) {
  RawReply reply;
  char buf[4096];
  while (true) {
    pollfd p{.fd = fd_, .events = POLLIN, .revents = 0};
    if (::poll(&p, 1, wait_s * 1000) <= 0) return reply;  // no byte for wait_s: still open
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) {
      reply.closed = true;
      return reply;
    }
    reply.data.append(buf, static_cast<size_t>(n));
  }
}

RawReply raw_exchange(int port, const std::string& data, int wait_s) {
  RawConnection c(port);
  c.send(data);
  return c.read_until_closed(wait_s);
}

}  // namespace suanli::test
