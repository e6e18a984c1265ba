#include "collectors/environment.hpp"

#include <cstdlib>

namespace suanli::collectors {
namespace {

std::optional<std::string> env(const char* name) {
  const char* value = std::getenv(name);
  if (!value || !*value) return std::nullopt;
  return std::string(value);
}

std::string root(const char* env_var, const char* fallback) {
  std::string r = env(env_var).value_or(fallback);
  while (r.size() > 1 && r.back() == '/')
    r.pop_back();
  return r;
}

}  // namespace

std::string library_path(const char* env_var, const std::optional<std::string>& configured,
                         const std::string& fallback) {
  if (auto from_env = env(env_var)) return *from_env;
  return configured.value_or(fallback);
}

std::vector<std::string> library_candidates(const char* env_var,
                                            const std::optional<std::string>& configured,
                                            std::vector<std::string> defaults) {
  std::string chosen = library_path(env_var, configured, "");
  if (!chosen.empty()) return {chosen};
  return defaults;
}

std::string sysfs_root() {
  return root("SUANLI_SYSFS_ROOT", "/sys");
}
std::string procfs_root() {
  return root("SUANLI_PROCFS_ROOT", "/proc");
}

}  // namespace suanli::collectors
