#include "collectors/ascend/dcmi_library.hpp"

#include "collectors/environment.hpp"

namespace suanli::collectors::ascend {

std::vector<std::string> dcmi_library_candidates(const std::optional<std::string>& configured) {
  std::string chosen = library_path("SUANLI_DCMI_LIBRARY", configured, "");
  if (!chosen.empty()) return {chosen};
  return {"libdcmi.so", "/usr/local/dcmi/libdcmi.so",
          "/usr/local/Ascend/driver/lib64/driver/libdcmi.so"};
}

Expected<std::shared_ptr<DynamicLibrary>> open_dcmi_library(
    const std::optional<std::string>& configured) {
  std::string errors;
  for (const std::string& path : dcmi_library_candidates(configured)) {
    auto lib = DynamicLibrary::open(path);
    if (lib) return lib;
    errors.append(errors.empty() ? "" : "; ").append(lib.error());
  }
  return Expected<std::shared_ptr<DynamicLibrary>>::failure(errors);
}

}  // namespace suanli::collectors::ascend
