#pragma once

// Looking at and damaging spool files from the tests.

#include <cstdint>
#include <string>
#include <vector>

#include "uplink/spool/spool.hpp"

namespace suanli::spool::test {

// Names of the files in `dir` that end in `suffix` (".log", ".ack"), sorted.
std::vector<std::string> files_with_suffix(const std::string& dir, const std::string& suffix);
std::uint64_t size_of(const std::string& path);
void truncate_to(const std::string& path, std::uint64_t size);
void append_bytes(const std::string& path, const std::string& bytes);
// Flips one byte at `offset`.
void flip_byte(const std::string& path, std::uint64_t offset);

// 84 bytes of payload: 100 bytes on disk with the header.
std::string hundred_byte_record(std::uint64_t n);
// Opens the spool; a failure fails the test (and the returned spool must not be used).
Spool open_or_die(const std::string& dir, Options options = {});
std::vector<std::uint64_t> ids_of(const std::vector<Record>& records);
// Every unacknowledged record, read through the cursor in batches of `batch`.
std::vector<Record> read_all(const Spool& spool, std::size_t batch = 100);

}  // namespace suanli::spool::test
