#include "tests/spool/spool_files.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace suanli::spool::test {

std::vector<std::string> files_with_suffix(const std::string& dir, const std::string& suffix) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (name.ends_with(suffix)) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::uint64_t size_of(const std::string& path) {
  return std::filesystem::file_size(path);
}

void truncate_to(const std::string& path, std::uint64_t size) {
  std::filesystem::resize_file(path, size);
}

void append_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::app);
  out << bytes;
}

void flip_byte(const std::string& path, std::uint64_t offset) {
  std::fstream file(path, std::ios::binary | std::ios::in | std::ios::out);
  file.seekg(static_cast<std::streamoff>(offset));
  char c = 0;
  file.get(c);
  file.seekp(static_cast<std::streamoff>(offset));
  file.put(static_cast<char>(c ^ 0x5a));
}

std::string hundred_byte_record(std::uint64_t n) {
  std::string s = "record-" + std::to_string(n) + "-";
  s.resize(84, '.');
  return s;
}

Spool open_or_die(const std::string& dir, Options options) {
  auto spool = Spool::open(dir, options);
  if (!spool) {
    ADD_FAILURE() << spool.error();
    std::abort();
  }
  return std::move(spool).value();
}

std::vector<std::uint64_t> ids_of(const std::vector<Record>& records) {
  std::vector<std::uint64_t> ids;
  for (const auto& r : records)
    ids.push_back(r.id);
  return ids;
}

std::vector<Record> read_all(const Spool& spool, std::size_t batch) {
  std::vector<Record> all;
  std::uint64_t after = 0;
  for (;;) {
    auto records = spool.read_after(after, batch);
    if (records.empty()) return all;
    after = records.back().id;
    for (auto& r : records)
      all.push_back(std::move(r));
  }
}

}  // namespace suanli::spool::test
