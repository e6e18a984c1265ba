#include "collectors/ascend/dcmi_library.hpp"

#include "collectors/environment.hpp"

namespace suanli::collectors::ascend {

std::vector<std::string> dcmi_library_candidates(const std::optional<std::string>& configured) {
  return library_candidates("SUANLI_DCMI_LIBRARY", configured,
                            {"libdcmi.so", "/usr/local/dcmi/libdcmi.so",
                             "/usr/local/Ascend/driver/lib64/driver/libdcmi.so"});
}

Expected<std::shared_ptr<DynamicLibrary>> open_dcmi_library(
    const std::optional<std::string>& configured) {
  return DynamicLibrary::open_first(dcmi_library_candidates(configured));
}

}  // namespace suanli::collectors::ascend
