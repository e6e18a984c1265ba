#include "config/agent_config.hpp"

#include "config/binding.hpp"
#include "config/declared_keys.hpp"
#include "config/ids.hpp"
#include "config/shared_keys.hpp"

namespace suanli::config {
namespace {

using nlohmann::json;

Enablement to_enablement(const json& v) {
  if (v.is_boolean()) return v.get<bool>() ? Enablement::on : Enablement::off;
  return Enablement::automatic;
}

std::vector<Key<AgentConfig>> backend_keys(BackendSpecs backends) {
  std::vector<Key<AgentConfig>> keys;
  for (const BackendSpec& spec : backends) {
    const std::string name(spec.name);
    const std::string prefix = "collectors." + name;
    const bool off = spec.default_enabled == Enablement::off;
    keys.push_back({{.path = interned(prefix + ".enabled"),
                     .type = ValueType::tristate,
                     .default_json = off ? "false" : R"("auto")",
                     .description = interned(std::string(spec.reads) +
                                             (off ? "." : "; auto = when present."))},
                    [name](AgentConfig& c, const Captures&, const json& v) {
                      c.collectors[name].enabled = to_enablement(v);
                    }});
    if (spec.library_doc.empty()) continue;
    keys.push_back({{.path = interned(prefix + ".library"),
                     .type = ValueType::string,
                     .description = spec.library_doc,
                     .check = check_non_empty,
                     .check_doc = "non-empty path"},
                    [name](AgentConfig& c, const Captures&, const json& v) {
                      c.collectors[name].library = v.get<std::string>();
                    }});
  }
  return keys;
}

PrecisionMap to_precision_map(const json& v) {
  PrecisionMap out;
  for (const auto& [key, value] : v.items()) {
    if (auto p = parse_precision(key)) out[*p] = value.get<double>();
  }
  return out;
}

std::vector<Key<AgentConfig>> agent_keys(BackendSpecs backends) {
  std::vector<Key<AgentConfig>> keys = {
      {{.path = "center",
        .type = ValueType::string,
        .description = "Id of the compute center this node belongs to.",
        .check = check_id,
        .check_doc = "id: ^[a-z0-9][a-z0-9._-]{0,62}$",
        .need = Need::required_for_service},
       SUANLI_BIND(c.center)},
      {{.path = "node",
        .type = ValueType::string,
        .description = "Id of this node within its center.",
        .check = check_id,
        .check_doc = "id: ^[a-z0-9][a-z0-9._-]{0,62}$",
        .default_doc = "host name, lower-cased, other characters as `-`"},
       SUANLI_BIND(c.node)},
      {{.path = "district",
        .type = ValueType::string,
        .description = "District of the center (e.g. 姑苏区), for per-district totals.",
        .check = check_non_empty,
        .check_doc = "non-empty"},
       SUANLI_BIND(c.district)},
  };
  auto windows =
      window_keys<AgentConfig>("How often devices are sampled.",
                               "Length of one window; one data message is published per window.");
  keys.insert(keys.end(), windows.begin(), windows.end());
  std::vector<Key<AgentConfig>> after_windows = {
      {{.path = "discovery_interval_s",
        .type = ValueType::integer,
        .default_json = "300",
        .description = "How often devices are enumerated again (hot-plug, recovered drivers).",
        .min = 10,
        .max = 86400},
       SUANLI_BIND(c.discovery_interval_s)},
      {{.path = "state_dir",
        .type = ValueType::string,
        .default_json = R"("/var/lib/suanli-agent")",
        .description = "Directory for the boot counter and the spool.",
        .check = check_non_empty,
        .check_doc = "non-empty path"},
       SUANLI_BIND(c.state_dir)},
  };
  keys.insert(keys.end(), after_windows.begin(), after_windows.end());
  auto common = common_keys<AgentConfig>();
  keys.insert(keys.end(), common.begin(), common.end());
  std::vector<Key<AgentConfig>> rest = {
      {{.path = "spool", .type = ValueType::map, .description = "On-disk store and forward."},
       nullptr},
      {{.path = "spool.max_bytes",
        .type = ValueType::integer,
        .default_json = "67108864",
        .description = "Largest spool; when full, the oldest windows are dropped and counted.",
        .min = 1048576,
        .max = 1099511627776.0},
       SUANLI_BIND(c.spool_max_bytes)},
      {{.path = "spool.replay_per_s",
        .type = ValueType::integer,
        .default_json = "20",
        .description = "Most backlog windows replayed on `hist` per second after an outage.",
        .min = 1,
        .max = 10000},
       SUANLI_BIND(c.replay_per_s)},
      {{.path = "http",
        .type = ValueType::map,
        .description = "HTTP uplink, where MQTT is not allowed."},
       nullptr},
      {{.path = "http.url",
        .type = ValueType::string,
        .description = "Central's ingest URL; when set, windows are POSTed here instead of MQTT "
                       "(the mqtt keys are then unused).",
        .check = check_http_url,
        .check_doc = "http:// or https:// URL"},
       SUANLI_BIND(c.http_url)},
      {{.path = "http.token_file",
        .type = ValueType::string,
        .description = "File holding the bearer token sent to http.url.",
        .check = check_non_empty,
        .check_doc = "non-empty path",
        .input_file = true},
       SUANLI_BIND(c.http_token_file)},
      {{.path = "http.timeout_ms",
        .type = ValueType::integer,
        .default_json = "10000",
        .description = "Time limit of one HTTP request.",
        .min = 100,
        .max = 600000},
       SUANLI_BIND(c.http_timeout_ms)},
      {{.path = "http.retry_min_ms",
        .type = ValueType::integer,
        .default_json = "1000",
        .description = "First delay after a failed POST; doubles (with jitter) after each failure.",
        .min = 100,
        .max = 600000},
       SUANLI_BIND(c.http_retry_min_ms)},
      {{.path = "http.retry_max_ms",
        .type = ValueType::integer,
        .default_json = "60000",
        .description = "Longest delay between failed POSTs.",
        .min = 100,
        .max = 3600000},
       SUANLI_BIND(c.http_retry_max_ms)},
      {{.path = "http.tls", .type = ValueType::map, .description = "TLS settings for https://."},
       nullptr},
      {{.path = "http.tls.ca_file",
        .type = ValueType::string,
        .description = "CA certificates (PEM) that verify the server (default: the system's).",
        .check = check_non_empty,
        .check_doc = "non-empty path",
        .input_file = true},
       SUANLI_BIND(c.http_ca_file)},
      {{.path = "collectors", .type = ValueType::map, .description = "Device backends."}, nullptr},
      {{.path = "collectors.call_timeout_ms",
        .type = ValueType::integer,
        .default_json = "2000",
        .description = "Deadline of one vendor-library call; past it the device is unhealthy "
                       "(reason `timeout`).",
        .min = 50,
        .max = 60000},
       SUANLI_BIND(c.call_timeout_ms)},
  };
  keys.insert(keys.end(), rest.begin(), rest.end());
  auto backend = backend_keys(backends);
  keys.insert(keys.end(), backend.begin(), backend.end());
  std::vector<Key<AgentConfig>> after_backends = {
      {{.path = "collectors.sim.seed",
        .type = ValueType::integer,
        .default_json = "1",
        .description = "Seed of the simulated activity pattern (same seed, same pattern).",
        .min = 0,
        .max = 9007199254740991.0},
       SUANLI_BIND(c.sim.seed)},
      {{.path = "collectors.sim.devices",
        .type = ValueType::array,
        .default_json = "[]",
        .description = "Simulated devices: `{\"model\": \"H100 SXM5 80GB\", \"count\": 8}`. "
                       "Device i is `sim-<i>`, with uuid `sim:<center>/<node>/sim-<i>`."},
       nullptr},
      {{.path = "collectors.sim.devices[].model",
        .type = ValueType::string,
        .description = "Catalog model or device name; peaks come from the catalog.",
        .check = check_non_empty,
        .check_doc = "non-empty",
        .need = Need::required},
       SUANLI_BIND(element(c.sim.devices, k[0]).model)},
      {{.path = "collectors.sim.devices[].count",
        .type = ValueType::integer,
        .default_json = "1",
        .description = "How many devices of this model.",
        .min = 1,
        .max = 1024},
       SUANLI_BIND(element(c.sim.devices, k[0]).count)},
      {{.path = "catalog", .type = ValueType::map, .description = "Peak-FLOPS catalog."}, nullptr},
      {{.path = "catalog.path",
        .type = ValueType::string,
        .description = "A catalog file replacing the built-in one (same format).",
        .check = check_non_empty,
        .check_doc = "non-empty path",
        .input_file = true},
       SUANLI_BIND(c.catalog_path)},
      {{.path = "catalog.overrides",
        .type = ValueType::map,
        .default_json = "{}",
        .description = "Operator peaks by PCI id (`10de:2330`) or device name; tagged `config`."},
       nullptr},
      {{.path = "catalog.overrides.*",
        .type = ValueType::precision_map,
        .description = "Dense peak TFLOPS (int8: TOPS) per precision, e.g. `{\"fp16\": 989.4}`."},
       [](AgentConfig& c, const Captures& k, const json& v) {
         c.catalog_overrides[k[0]] = to_precision_map(v);
       }},
  };
  keys.insert(keys.end(), after_backends.begin(), after_backends.end());
  auto declared = declared_keys<AgentConfig>(
      "declared",
      [](AgentConfig& c, const Captures& k) -> DeclaredDevice& {
        return element(c.declared, k[0]);
      },
      true);
  keys.insert(keys.end(), declared.begin(), declared.end());
  return keys;
}

Problems finish_agent(AgentConfig& c) {
  if (c.node.empty()) c.node = host_id();
  Problems problems = common_cross_checks(c);
  check_window_order(c, problems);
  if (c.http_token_file && !c.http_url) {
    problems.push_back("http.token_file: set without http.url");
  }
  require_at_least(problems, "http.retry_max_ms", c.http_retry_max_ms, "http.retry_min_ms",
                   c.http_retry_min_ms);
  check_declared("declared", c.declared, problems);
  const auto sim = c.collectors.find("sim");
  if (sim != c.collectors.end() && sim->second.enabled == Enablement::on && c.sim.devices.empty()) {
    problems.push_back(
        "collectors.sim.devices: must list at least one device when "
        "collectors.sim.enabled is true");
  }
  return problems;
}

}  // namespace

std::vector<KeyRule> agent_rules(BackendSpecs backends) {
  return rules_of(agent_keys(backends));
}

Expected<AgentConfig, Problems> load_agent_config(const std::string& text,
                                                  const std::string& origin, Mode mode,
                                                  BackendSpecs backends) {
  return load_config(text, origin, agent_keys(backends), finish_agent, mode);
}

Expected<AgentConfig, Problems> load_agent_config_file(const std::string& path, Mode mode,
                                                       BackendSpecs backends) {
  return load_config_file(path, agent_keys(backends), finish_agent, mode);
}

}  // namespace suanli::config
