#pragma once

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace suanli::collectors {

// The sysfs directory of each device of a backend's last discover(), for sample() calls that
// may run while the next discover() replaces them (collectors/device_backend.hpp).
class DeviceDirs {
 public:
  void set(std::vector<std::string> dirs) {
    std::lock_guard lock(mutex_);
    dirs_ = std::move(dirs);
  }
  // Nothing past the end.
  std::optional<std::string> at(std::size_t index) const {
    std::lock_guard lock(mutex_);
    if (index >= dirs_.size()) return std::nullopt;
    return dirs_[index];
  }
  void clear() { set({}); }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> dirs_;
};

}  // namespace suanli::collectors
