#pragma once

// Declared devices and an opened declared backend for the backend's tests.

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "collectors/registry.hpp"

namespace suanli::collectors {

using namespace std::chrono_literals;

inline config::DeclaredDevice quantum(std::string name, std::uint64_t qubits,
                                      std::optional<config::DeclaredProbe> probe = std::nullopt) {
  config::DeclaredDevice d;
  d.kind = "quantum";
  d.name = std::move(name);
  d.qubits = qubits;
  d.probe = std::move(probe);
  return d;
}

inline config::DeclaredProbe command_probe(std::vector<std::string> argv, int deadline_ms = 5000) {
  config::DeclaredProbe p;
  p.command = std::move(argv);
  p.deadline_ms = deadline_ms;
  return p;
}

inline config::DeclaredProbe http_probe(std::string url, int deadline_ms = 5000) {
  config::DeclaredProbe p;
  p.http = std::move(url);
  p.deadline_ms = deadline_ms;
  return p;
}

inline std::unique_ptr<DeviceBackend> opened(std::vector<config::DeclaredDevice> devices) {
  config::AgentConfig cfg;
  cfg.publish_interval_ms = 60000;  // one probe per test: the first
  cfg.declared = std::move(devices);
  auto backend = make_backend("declared", cfg);
  EXPECT_NE(backend, nullptr);
  EXPECT_EQ(backend->open(), std::nullopt);
  return backend;
}

// The device's health once its first probe has ended (sample() never waits for a probe).
inline std::optional<std::string> settled_health(DeviceBackend& backend, std::size_t index) {
  const auto until = std::chrono::steady_clock::now() + 60s;
  for (;;) {
    auto health = backend.sample(index).unhealthy;
    if (health != "probe_pending" || std::chrono::steady_clock::now() > until) return health;
    std::this_thread::sleep_for(5ms);
  }
}

}  // namespace suanli::collectors
