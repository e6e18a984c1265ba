#include <atomic>
#include <memory>
#include <mutex>

#include "collectors/backend_descriptor.hpp"
#include "collectors/cambricon/mlu_inventory.hpp"
#include "collectors/cambricon/mlu_sample.hpp"
#include "collectors/environment.hpp"

namespace suanli::collectors {
namespace {

using cambricon::CndevApi;
using cambricon::Mlu;

// One initialization of libcndev.so. Each call in flight holds it, so the library is never
// closed under a call that is still running (hung in the driver) after close() or a re-open.
struct CndevSession {
  CndevApi api;
};

// What one discover() found, with the session it was found in.
struct MluInventory {
  std::shared_ptr<const CndevSession> session;
  std::vector<Mlu> mlus;
};

class CambriconBackend final : public DeviceBackend {
 public:
  explicit CambriconBackend(std::optional<std::string> configured_library)
      : configured_library_(std::move(configured_library)) {}
  ~CambriconBackend() override { close(); }

  std::optional<std::string> open() override {
    close();
    auto lib = DynamicLibrary::open_first(
        library_candidates("SUANLI_CNDEV_LIBRARY", configured_library_,
                           {"libcndev.so", "/usr/local/neuware/lib64/libcndev.so"}));
    if (!lib) return lib.error();
    const std::string path = (*lib)->path();
    auto api = CndevApi::resolve(std::move(*lib));
    if (!api) return api.error();
    if (int code = api->init(0); code != cndev::kSuccess) {
      return path + ": cndevInit failed: " + api->describe(code);
    }
    std::lock_guard lock(mutex_);
    session_ = std::make_shared<const CndevSession>(CndevSession{std::move(*api)});
    reopen_ = false;
    return std::nullopt;
  }

  Expected<std::vector<DeviceInfo>> discover() override {
    const auto session = current_session();
    if (!session) return Expected<std::vector<DeviceInfo>>::failure("libcndev.so is not open");
    auto mlus = cambricon::list_mlus(session->api, known_);
    if (!mlus) return Expected<std::vector<DeviceInfo>>::failure(mlus.error());
    std::vector<DeviceInfo> infos;
    for (const Mlu& mlu : *mlus)
      infos.push_back(mlu.info);
    auto found = std::make_shared<const MluInventory>(MluInventory{session, std::move(*mlus)});
    std::lock_guard lock(mutex_);
    inventory_ = std::move(found);
    return infos;
  }

  Reading sample(std::size_t index) override {
    std::shared_ptr<const MluInventory> inventory;
    {
      std::lock_guard lock(mutex_);
      inventory = inventory_;
    }
    Reading r;
    if (!inventory || index >= inventory->mlus.size()) {
      r.unhealthy = "not_found";
      return r;
    }
    const Mlu& mlu = inventory->mlus[index];
    if (mlu.unreachable) {
      r.unhealthy = mlu.unreachable;
      return r;
    }
    auto result = cambricon::sample_mlu(inventory->session->api, mlu.handle);
    if (result.driver_gone) {
      // A call that outlived a re-open says nothing about the new session.
      std::lock_guard lock(mutex_);
      if (session_ == inventory->session) reopen_ = true;
    }
    return std::move(result.reading);
  }

  bool needs_reopen() const override { return reopen_; }

  // Releases CNDev but keeps the library loaded until the last call that holds the session
  // returns: a call that passed its deadline may still be running inside it.
  void close() override {
    std::lock_guard lock(mutex_);
    if (session_) session_->api.release();
    inventory_.reset();
    session_.reset();
  }

 private:
  std::shared_ptr<const CndevSession> current_session() const {
    std::lock_guard lock(mutex_);
    return session_;
  }

  const std::optional<std::string> configured_library_;
  mutable std::mutex mutex_;
  std::shared_ptr<const CndevSession> session_;    // guarded by mutex_
  std::shared_ptr<const MluInventory> inventory_;  // guarded by mutex_
  std::atomic<bool> reopen_ = false;
  cambricon::KnownMlus known_;  // by discover() only, which never runs concurrently with itself
};

}  // namespace

extern const BackendDescriptor cambricon_backend{
    .spec = {.name = "cambricon",
             .reads = "Cambricon MLUs through CNDev",
             .library_doc = "Path of libcndev.so (default: the loader's search, then "
                            "/usr/local/neuware/lib64; env SUANLI_CNDEV_LIBRARY)."},
    .make = [](const config::AgentConfig&,
               const config::CollectorConfig& own) -> std::unique_ptr<DeviceBackend> {
      return std::make_unique<CambriconBackend>(own.library);
    }};

}  // namespace suanli::collectors
