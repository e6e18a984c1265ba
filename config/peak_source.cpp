#include "config/peak_source.hpp"

namespace suanli {

std::string_view to_string(PeakSource source) {
  switch (source) {
    case PeakSource::catalog:
      return "catalog";
    case PeakSource::derived:
      return "derived";
    case PeakSource::config:
      return "config";
    case PeakSource::unknown:
      break;
  }
  return "unknown";
}

}  // namespace suanli
