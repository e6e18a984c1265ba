#include "config/declared_keys.hpp"

#include "config/agent_config.hpp"
#include "config/fleet_config.hpp"

namespace suanli::config {
namespace {

std::string_view path(std::string_view array, std::string_view key) {
  return interned(std::string(array) + "[]" + std::string(key));
}

template <class Config>
std::vector<Key<Config>> probe_keys(std::string_view array, DeclaredAt<Config> at) {
  // The probe of the device; made by any of its keys.
  const auto probe_of = [at](Config& c, const Captures& k) -> DeclaredProbe& {
    auto& probe = at(c, k).probe;
    if (!probe) probe.emplace();
    return *probe;
  };
  return {
      {{.path = path(array, ".probe"),
        .type = ValueType::map,
        .description = "Liveness probe, run once per window off the sampling loop; without one "
                       "the device is healthy while the agent runs. Set `http` or `command`."},
       [probe_of](Config& c, const Captures& k, const nlohmann::json&) { probe_of(c, k); }},
      {{.path = path(array, ".probe.http"),
        .type = ValueType::string,
        .description = "URL fetched with GET; healthy when it answers 2xx within the deadline.",
        .check = check_http_url,
        .check_doc = "http:// or https:// URL"},
       [probe_of](Config& c, const Captures& k, const nlohmann::json& v) {
         probe_of(c, k).http = v.get<std::string>();
       }},
      {{.path = path(array, ".probe.command"),
        .type = ValueType::array,
        .description = "Program and arguments, run without a shell; healthy when it exits 0 "
                       "within the deadline, else it is killed."},
       nullptr},
      {{.path = path(array, ".probe.command[]"),
        .type = ValueType::string,
        .description = "One word of the command.",
        .check = check_non_empty,
        .check_doc = "non-empty"},
       [probe_of](Config& c, const Captures& k, const nlohmann::json& v) {
         element(probe_of(c, k).command, k.back()) = v.get<std::string>();
       }},
      {{.path = path(array, ".probe.deadline_ms"),
        .type = ValueType::integer,
        .default_json = "5000",
        .description = "Longest a probe may take; past it the device is unhealthy "
                       "(`probe_timeout`).",
        .min = 10,
        .max = 600000},
       [probe_of](Config& c, const Captures& k, const nlohmann::json& v) {
         probe_of(c, k).deadline_ms = v.get<int>();
       }},
  };
}

}  // namespace

template <class Config>
std::vector<Key<Config>> declared_keys(std::string_view array, DeclaredAt<Config> at,
                                       bool with_probe) {
  std::vector<Key<Config>> keys = {
      {{.path = interned(std::string(array)),
        .type = ValueType::array,
        .default_json = "[]",
        .description = "Devices no backend discovers, stated here (backend `declared`): "
                       "`{\"kind\": \"quantum\", \"name\": \"...\", \"qubits\": 72}`. Device i is "
                       "`quantum-<i>`; its peaks are `{}` and central counts it in qubits, never "
                       "in FLOPS."},
       nullptr},
      {{.path = path(array, ".kind"),
        .type = ValueType::string,
        .description = "What the device is.",
        .one_of = {R"("quantum")"},
        .need = Need::required},
       [at](Config& c, const Captures& k, const nlohmann::json& v) {
         at(c, k).kind = v.get<std::string>();
       }},
      {{.path = path(array, ".name"),
        .type = ValueType::string,
        .description = "The device's name, reported as its model.",
        .check = check_non_empty,
        .check_doc = "non-empty",
        .need = Need::required},
       [at](Config& c, const Captures& k, const nlohmann::json& v) {
         at(c, k).name = v.get<std::string>();
       }},
      {{.path = path(array, ".vendor"),
        .type = ValueType::string,
        .description = "Who built it.",
        .check = check_non_empty,
        .check_doc = "non-empty",
        .default_doc = "`unknown`"},
       [at](Config& c, const Captures& k, const nlohmann::json& v) {
         at(c, k).vendor = v.get<std::string>();
       }},
      {{.path = path(array, ".qubits"),
        .type = ValueType::integer,
        .description = "Physical qubits.",
        .min = 1,
        .max = 1000000,
        .need = Need::required},
       [at](Config& c, const Captures& k, const nlohmann::json& v) {
         at(c, k).qubits = v.get<std::uint64_t>();
       }},
  };
  if (with_probe) {
    auto probe = probe_keys(array, at);
    keys.insert(keys.end(), probe.begin(), probe.end());
  }
  return keys;
}

template std::vector<Key<AgentConfig>> declared_keys(std::string_view, DeclaredAt<AgentConfig>,
                                                     bool);
template std::vector<Key<FleetConfig>> declared_keys(std::string_view, DeclaredAt<FleetConfig>,
                                                     bool);

void check_declared(std::string_view array, const std::vector<DeclaredDevice>& devices,
                    Problems& problems) {
  for (std::size_t i = 0; i < devices.size(); ++i) {
    const auto& probe = devices[i].probe;
    if (!probe) continue;
    const std::string key = std::string(array) + "[" + std::to_string(i) + "].probe";
    if (probe->http && !probe->command.empty()) {
      problems.push_back(key + ": set http or command, not both");
    } else if (!probe->http && probe->command.empty()) {
      problems.push_back(key + ": needs http (a URL) or command (a non-empty array)");
    }
  }
}

}  // namespace suanli::config
