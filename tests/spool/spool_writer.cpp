// spool_writer DIR SEGMENT_BYTES COUNT: appends payload_for(id) records to the spool in DIR,
// as fast as it can, COUNT times or until killed. Exit 0 when done, 1 on any error. The spool is
// bounded at kWriterMaxBytes, far above what COUNT records need, so nothing is dropped. After every
// kProgressEvery records it writes that count, a line, to standard output (flushed), so that a
// test can kill it while it writes, however slowly the machine runs it.

#include <cstdio>
#include <cstdlib>
#include <string>

#include "tests/spool/payload.hpp"
#include "uplink/spool/spool.hpp"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: spool_writer DIR SEGMENT_BYTES COUNT\n");
    return 1;
  }
  constexpr std::uint64_t kWriterMaxBytes = 1ull << 30;
  suanli::spool::Options options;
  options.max_bytes = kWriterMaxBytes;
  options.segment_bytes = std::strtoull(argv[2], nullptr, 10);
  auto spool = suanli::spool::Spool::open(argv[1], options);
  if (!spool) {
    std::fprintf(stderr, "%s\n", spool.error().c_str());
    return 1;
  }
  constexpr unsigned long long kProgressEvery = 100;
  unsigned long long count = std::strtoull(argv[3], nullptr, 10);
  for (unsigned long long i = 0; i < count; ++i) {
    if (i > 0 && i % kProgressEvery == 0) {
      std::printf("%llu\n", i);
      std::fflush(stdout);
    }
    std::uint64_t id = spool->next_id();
    auto appended = spool->append(suanli::spool::test::payload_for(id));
    if (!appended || *appended != id) {
      std::fprintf(stderr, "append failed\n");
      return 1;
    }
  }
  return 0;
}
