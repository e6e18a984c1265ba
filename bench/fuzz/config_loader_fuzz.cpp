// The config loaders (config/): agent and central configs (service and tool modes), suanli-sim's
// fleet config and central's ingest token file, each from the same text. Input: the file's text.
// A refused text names at least one problem.

#include <cstddef>
#include <cstdint>
#include <string>

#include "bench/fuzz/fuzz_check.hpp"
#include "collectors/registry.hpp"
#include "config/agent_config.hpp"
#include "config/central_config.hpp"
#include "config/fleet_config.hpp"
#include "config/ingest_tokens.hpp"

using namespace suanli;
using namespace suanli::config;

namespace {

template <class Loaded>
void expect_problems_when_refused(const Loaded& loaded) {
  if (!loaded) fuzz::check(!loaded.error().empty(), "a refused config names a problem");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(fuzz::as_text(data, size));
  const std::string origin = "fuzz.json";
  for (Mode mode : {Mode::service, Mode::tool}) {
    expect_problems_when_refused(
        load_agent_config(text, origin, mode, collectors::backend_specs()));
    expect_problems_when_refused(load_central_config(text, origin, mode));
  }
  expect_problems_when_refused(load_fleet_config(text, origin));
  expect_problems_when_refused(load_ingest_tokens(text, origin));
  return 0;
}
