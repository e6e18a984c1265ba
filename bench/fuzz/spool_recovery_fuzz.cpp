// The spool's start-up recovery (uplink/spool): a segment file, and optionally its ack log, as a
// crash or a damaged disk left them, opened and recovered, every record read back, one appended,
// and the spool opened again. Input:
//   byte 0       the segment's first id, minus 1 (ids 1 to 256)
//   byte 1       n: the last n bytes of the input are the ack log (none when 0)
//   the rest     the segment file
// Records read back have increasing ids, as many as depth() counts; the second open finds no torn
// tail left and every record of the first plus the appended one.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bench/fuzz/fuzz_check.hpp"
#include "uplink/spool/names.hpp"
#include "uplink/spool/spool.hpp"

using namespace suanli;
namespace fs = std::filesystem;

namespace {

// One directory for the whole run, emptied before each input and removed at exit (kept on the
// heap, so that it outlives static destruction for the exit handler).
const fs::path& spool_dir() {
  static const fs::path* dir = [] {
    std::string pattern = (fs::temp_directory_path() / "suanli-spool-fuzz.XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) fuzz::invariant_broken("mkdtemp failed");
    auto* made = new fs::path(pattern);
    std::atexit([] { fs::remove_all(spool_dir()); });
    return made;
  }();
  return *dir;
}

void write_file(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  fuzz::check(out.good(), "the input's files can be written");
}

std::vector<spool::Record> read_all(const spool::Spool& s) {
  std::vector<spool::Record> out;
  for (;;) {
    auto batch = s.read_after(out.empty() ? 0 : out.back().id, 64);
    if (batch.empty()) return out;
    for (spool::Record& r : batch) {
      fuzz::check(r.id > (out.empty() ? 0 : out.back().id), "records come back in id order");
      out.push_back(std::move(r));
    }
  }
}

constexpr spool::Options kOptions{.max_bytes = 1024 * 1024, .segment_bytes = 64 * 1024};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const std::uint64_t first_id = 1 + data[0];
  const std::size_t ack_bytes = std::min<std::size_t>(data[1], size - 2);
  const std::string_view files = fuzz::as_text(data + 2, size - 2);
  const fs::path& dir = spool_dir();
  for (const auto& entry : fs::directory_iterator(dir))
    fs::remove_all(entry.path());
  write_file(dir / spool::file_name(first_id, spool::FileKind::segment),
             files.substr(0, files.size() - ack_bytes));
  if (ack_bytes > 0) {
    write_file(dir / spool::file_name(first_id, spool::FileKind::acks),
               files.substr(files.size() - ack_bytes));
  }

  std::vector<spool::Record> before;
  {
    auto opened = spool::Spool::open(dir.string(), kOptions);
    if (!opened) return 0;
    before = read_all(*opened);
    fuzz::check(before.size() == opened->depth(), "every unacknowledged record reads back");
    fuzz::check(opened->next_id() > (before.empty() ? 0 : before.back().id),
                "the next id is above every record's");
    auto appended = opened->append("appended");
    if (!appended) return 0;
    before.push_back({*appended, "appended"});
  }
  auto reopened = spool::Spool::open(dir.string(), kOptions);
  fuzz::check(reopened.ok(), "a spool that opened once opens again");
  fuzz::check(reopened->recovered_truncations() == 0, "the first open cut every torn tail");
  const std::vector<spool::Record> after = read_all(*reopened);
  fuzz::check(after.size() == before.size(), "the second open reads as many records");
  for (std::size_t i = 0; i < after.size(); ++i) {
    fuzz::check(after[i].id == before[i].id && after[i].payload == before[i].payload,
                "the second open reads the same records");
  }
  return 0;
}
