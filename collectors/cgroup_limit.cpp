#include "collectors/cgroup_limit.hpp"

#include <algorithm>
#include <vector>

#include "collectors/sysfs_reader.hpp"

namespace suanli::collectors {
namespace {

std::optional<double> ratio(std::optional<std::uint64_t> quota,
                            std::optional<std::uint64_t> period) {
  if (!quota || !period || *period == 0) return std::nullopt;
  return static_cast<double>(*quota) / static_cast<double>(*period);
}

std::optional<std::string> own_cgroup_v2_path(const std::string& procfs_root) {
  auto text = read_text(procfs_root + "/self/cgroup");
  if (!text) return std::nullopt;
  for (std::string_view line : split(*text, '\n')) {
    if (line.starts_with("0::")) return std::string(trim(line.substr(3)));
  }
  return std::nullopt;
}

std::optional<double> tighter(std::optional<double> a, std::optional<double> b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}

std::optional<double> cgroup_v2_limit(const std::string& sysfs_root,
                                      const std::string& procfs_root) {
  const std::string own = own_cgroup_v2_path(procfs_root).value_or("/");
  const bool inside = own.starts_with('/') && own.find("..") == std::string::npos;
  std::string_view path = inside ? std::string_view(own) : "/";
  std::optional<double> limit;
  for (;;) {
    if (auto text = read_text(sysfs_root + "/fs/cgroup" + std::string(path) + "/cpu.max")) {
      limit = tighter(limit, parse_cpu_max(*text));
    }
    if (path.size() <= 1) break;
    const auto parent = path.rfind('/');
    path = path.substr(0, parent == 0 ? 1 : parent);
  }
  return limit;
}

std::optional<double> cgroup_v1_limit(const std::string& sysfs_root) {
  const std::string dir = sysfs_root + "/fs/cgroup/cpu/";
  const auto quota = read_i64(dir + "cpu.cfs_quota_us");
  if (!quota || *quota <= 0) return std::nullopt;
  return ratio(static_cast<std::uint64_t>(*quota), read_u64(dir + "cpu.cfs_period_us"));
}

}  // namespace

std::optional<double> parse_cpu_max(std::string_view text) {
  const auto fields = split(trim(text), ' ');
  if (fields.size() != 2) return std::nullopt;
  return ratio(parse_u64(fields[0]), parse_u64(fields[1]));
}

std::optional<double> cgroup_cpu_limit(const std::string& sysfs_root,
                                       const std::string& procfs_root) {
  if (auto v2 = cgroup_v2_limit(sysfs_root, procfs_root)) return v2;
  return cgroup_v1_limit(sysfs_root);
}

}  // namespace suanli::collectors
