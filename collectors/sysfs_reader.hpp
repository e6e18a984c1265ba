#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Small readers for the text files of /sys and /proc. Nothing throws: a file that cannot be read
// or parsed is nullopt.
namespace suanli::collectors {

// The whole file.
std::optional<std::string> read_text(const std::string& path);

// The whole content of the open file `fd`, read from offset 0 with pread (the descriptor's own
// offset is left alone, so it can be read again); `size_hint` sizes the first read. Nothing when a
// read fails.
std::optional<std::string> read_whole(int fd, std::size_t size_hint = 0);

// The first line of the file, without surrounding whitespace.
std::optional<std::string> read_line(const std::string& path);

// An unsigned number: decimal, or hexadecimal with "0x" ("0x1002"); surrounding whitespace ok.
std::optional<std::uint64_t> parse_u64(std::string_view text);
std::optional<std::int64_t> parse_i64(std::string_view text);

// The first line of the file as a number (parse_u64 / parse_i64).
std::optional<std::uint64_t> read_u64(const std::string& path);
std::optional<std::int64_t> read_i64(const std::string& path);

// The names in a directory, sorted; empty when it cannot be listed.
std::vector<std::string> list_dir(const std::string& path);

bool is_directory(const std::string& path);

std::string_view trim(std::string_view text);

// The pieces of `text` between separators ("a,b" -> {"a", "b"}); a trailing separator adds no
// empty piece, so the lines of a file are split(text, '\n').
std::vector<std::string_view> split(std::string_view text, char separator);

// The value of the first line "KEY<separator>VALUE" whose trimmed key is `key`, trimmed:
// /proc/cpuinfo ("model name\t: X", ':'), uevent ("PCI_SLOT_NAME=X", '='), KFD properties
// ("simd_count 440", ' ').
std::optional<std::string_view> find_field(std::string_view text, std::string_view key,
                                           char separator);

// Lower-case hex digits without prefix, zero-padded to `width`: (0x740c, 4) -> "740c".
std::string format_hex(std::uint64_t value, int width = 1);

// For "card12" and prefix "card": 12; nullopt unless the rest is all digits.
std::optional<std::uint64_t> numbered_suffix(std::string_view name, std::string_view prefix);

}  // namespace suanli::collectors
