#include "config/ids.hpp"

#include <unistd.h>

namespace suanli {
namespace {

bool is_id_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
bool is_id_char(char c) {
  return is_id_start(c) || c == '.' || c == '_' || c == '-';
}

}  // namespace

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > 63 || !is_id_start(id.front())) return false;
  for (char c : id) {
    if (!is_id_char(c)) return false;
  }
  return true;
}

std::string sanitize_id(std::string_view raw) {
  std::string out;
  for (char c : raw) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out.push_back(is_id_char(c) ? c : '-');
  }
  while (!out.empty() && !is_id_start(out.front()))
    out.erase(out.begin());
  if (out.size() > 63) out.resize(63);
  return out.empty() ? std::string("node") : out;
}

std::string host_id() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0) return "node";
  return sanitize_id(buf);
}

}  // namespace suanli
