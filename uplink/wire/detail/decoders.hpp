#pragma once

// The body decoders of each kind; the header is read and checked against the topic before.

#include "uplink/wire/detail/reader.hpp"
#include "uplink/wire/messages.hpp"

namespace suanli::wire::detail {

Birth read_birth(Reader& r, const Object& root, Header header);
Data read_data(Reader& r, const Object& root, Header header);
// The optional spool_faults object of birth and data.
std::optional<SpoolFaults> read_spool_faults(Reader& r, const Object& root);

}  // namespace suanli::wire::detail
