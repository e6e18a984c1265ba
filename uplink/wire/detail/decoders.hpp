#pragma once

// The body decoders of each kind; the header is read and checked against the topic before.

#include "uplink/wire/detail/reader.hpp"
#include "uplink/wire/messages.hpp"

namespace suanli::wire::detail {

Birth read_birth(Reader& r, const Json& root, Header header);
Data read_data(Reader& r, const Json& root, Header header);

}  // namespace suanli::wire::detail
