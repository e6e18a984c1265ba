#include "uplink/wire/detail/decoders.hpp"

namespace suanli::wire::detail {

std::optional<SpoolFaults> read_spool_faults(Reader& r, const Object& root) {
  std::optional<SpoolFaults> out;
  r.optional_object(root, "spool_faults", [&](const Object& o) {
    SpoolFaults f;
    r.field(o, "skipped_records", f.skipped_records);
    r.field(o, "skipped_bytes", f.skipped_bytes);
    r.field(o, "truncated_segments", f.truncated_segments);
    r.field(o, "truncated_bytes", f.truncated_bytes);
    r.field(o, "unspooled_windows", f.unspooled_windows);
    out = f;
  });
  return out;
}

}  // namespace suanli::wire::detail
