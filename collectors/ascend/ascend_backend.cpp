#include <atomic>
#include <memory>
#include <mutex>

#include "collectors/ascend/chip_inventory.hpp"
#include "collectors/ascend/chip_sample.hpp"
#include "collectors/ascend/dcmi_library.hpp"
#include "collectors/backend_descriptor.hpp"
#include "collectors/environment.hpp"

namespace suanli::collectors {
namespace {

using ascend::ChipAddress;
using ascend::DcmiApi;

Reading not_found() {
  Reading r;
  r.unhealthy = "not_found";
  return r;
}

// One open of libdcmi.so. Each call in flight holds it, so a library is never closed under a
// call that is still running (hung in the driver) after close() or a re-open.
struct Session {
  std::shared_ptr<DynamicLibrary> lib;
  DcmiApi api;
};

class AscendBackend final : public DeviceBackend {
 public:
  AscendBackend(std::optional<std::string> configured_library, std::string sysfs_root)
      : configured_library_(std::move(configured_library)), sysfs_root_(std::move(sysfs_root)) {}

  std::optional<std::string> open() override {
    close();
    auto lib = ascend::open_dcmi_library(configured_library_);
    if (!lib) return lib.error();
    auto api = DcmiApi::resolve(**lib);
    if (!api) return api.error();
    if (int code = api->init(); code != dcmi::kOk) {
      return (*lib)->path() + ": dcmi_init failed: " + ascend::describe(code);
    }
    std::lock_guard lock(mutex_);
    session_ = std::make_shared<const Session>(Session{std::move(*lib), *api});
    reopen_ = false;
    return std::nullopt;
  }

  Expected<std::vector<DeviceInfo>> discover() override {
    const auto session = current_session();
    if (!session) return Expected<std::vector<DeviceInfo>>::failure("libdcmi.so is not open");
    auto chips = ascend::list_chips(session->api, sysfs_root_, known_);
    if (!chips) return Expected<std::vector<DeviceInfo>>::failure(chips.error());

    std::vector<ChipAddress> addresses;
    std::vector<DeviceInfo> infos;
    for (auto& chip : *chips) {
      addresses.push_back(chip.address);
      infos.push_back(std::move(chip.info));
    }
    std::lock_guard lock(mutex_);
    addresses_ = std::move(addresses);
    return infos;
  }

  Reading sample(std::size_t index) override {
    std::shared_ptr<const Session> session;
    ChipAddress chip;
    {
      std::lock_guard lock(mutex_);
      if (!session_ || index >= addresses_.size()) return not_found();
      session = session_;
      chip = addresses_[index];
    }
    auto result = ascend::sample_chip(session->api, chip);
    if (result.driver_gone) {
      // A call that outlived a re-open says nothing about the new session.
      std::lock_guard lock(mutex_);
      if (session_ == session) reopen_ = true;
    }
    return std::move(result.reading);
  }

  bool needs_reopen() const override { return reopen_; }

  void close() override {
    std::lock_guard lock(mutex_);
    session_.reset();
    addresses_.clear();
  }

 private:
  std::shared_ptr<const Session> current_session() const {
    std::lock_guard lock(mutex_);
    return session_;
  }

  const std::optional<std::string> configured_library_;
  const std::string sysfs_root_;
  mutable std::mutex mutex_;
  std::shared_ptr<const Session> session_;  // guarded by mutex_
  std::vector<ChipAddress> addresses_;      // guarded by mutex_; index = discover() order
  std::atomic<bool> reopen_ = false;
  ascend::KnownChips known_;  // by discover() only, which never runs concurrently with itself
};

}  // namespace

extern const BackendDescriptor ascend_backend{
    .spec = {.name = "ascend",
             .reads = "Huawei Ascend NPUs through DCMI",
             .library_doc = "Path of libdcmi.so (default: the usual install paths; env "
                            "SUANLI_DCMI_LIBRARY)."},
    .make = [](const config::AgentConfig&,
               const config::CollectorConfig& own) -> std::unique_ptr<DeviceBackend> {
      return std::make_unique<AscendBackend>(own.library, sysfs_root());
    }};

}  // namespace suanli::collectors
