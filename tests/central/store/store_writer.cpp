// store_writer DB FIRST COUNT: writes batches FIRST, FIRST+1, ... (COUNT of them) to the store in
// DB as fast as it can, and prints each batch number once it is committed. Batch i sets
// highest_seq = i on nodes 0..99, stores minute i of the city with installed = i, and adds one
// "bad_json" reject. Exit 0 when done, 1 on any error. The crash test kills it with SIGKILL.

#include <cstdio>
#include <cstdlib>

#include "tests/central/store/store_samples.hpp"

int main(int argc, char** argv) {
  using namespace suanli::store;
  if (argc != 4) {
    std::fprintf(stderr, "usage: store_writer DB FIRST COUNT\n");
    return 1;
  }
  auto store = Store::open(argv[1]);
  if (!store) {
    std::fprintf(stderr, "%s\n", store.error().c_str());
    return 1;
  }
  long long first = std::strtoll(argv[2], nullptr, 10);
  long long count = std::strtoll(argv[3], nullptr, 10);
  for (long long i = first; i < first + count; ++i) {
    Batch batch;
    for (int node = 0; node < 100; ++node)
      batch.node_states.push_back(test::sample_state(node, static_cast<std::uint64_t>(i)));
    batch.history.push_back(test::sample_minute("city", i * kMinuteMs, static_cast<double>(i)));
    batch.rejects["bad_json"] = 1;
    auto written = store->write(batch);
    if (!written) {
      std::fprintf(stderr, "%s\n", written.error().c_str());
      return 1;
    }
    std::printf("%lld\n", i);
    std::fflush(stdout);
  }
  return 0;
}
