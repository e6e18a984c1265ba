#include "config/central_config.hpp"

#include "config/binding.hpp"
#include "config/ids.hpp"
#include "config/shared_keys.hpp"

namespace suanli::config {
namespace {

using nlohmann::json;

ComputeClass to_class(const json& v) {
  return v == "general"          ? ComputeClass::general
         : v == "supercomputing" ? ComputeClass::supercomputing
         : v == "quantum"        ? ComputeClass::quantum
                                 : ComputeClass::intelligent;
}

const std::vector<std::string_view> kClasses = {R"("intelligent")", R"("general")",
                                                R"("supercomputing")"};
// The headline is a FLOPS figure; a center may also be a quantum one.
const std::vector<std::string_view> kCenterClasses = {R"("intelligent")", R"("general")",
                                                      R"("supercomputing")", R"("quantum")"};

// Central is one client per instance, so it may retry every second: it is back as soon as the
// broker is, before the agents (who back off further, so that a city's worth of them do not all
// reconnect at once) replay their backlog.
constexpr std::string_view kReconnectMaxMs = "1000";

std::vector<Key<CentralConfig>> central_keys() {
  std::vector<Key<CentralConfig>> keys = common_keys<CentralConfig>(kReconnectMaxMs);
  std::vector<Key<CentralConfig>> rest = {
      {{.path = "mqtt.session_expiry_s",
        .type = ValueType::integer,
        .default_json = "86400",
        .description =
            "How long the broker keeps central's session, its subscriptions and the windows "
            "queued for it, while central is away (MQTT 5 Session Expiry Interval); 0: a clean "
            "session, and windows published while central is away are lost to it. Under MQTT "
            "3.1.1 any value above 0 keeps the session until the broker's "
            "`persistent_client_expiration`.",
        .min = 0,
        .max = 4294967295.0},
       SUANLI_BIND(c.mqtt.session_expiry_s)},
      {{.path = "id",
        .type = ValueType::string,
        .description = "Id of this central instance; its state is retained on "
                       "`suanli/v1/_central/<id>/state`.",
        .check = check_id,
        .check_doc = "id: ^[a-z0-9][a-z0-9._-]{0,62}$",
        .default_doc = "host name, lower-cased, other characters as `-`"},
       SUANLI_BIND(c.id)},
      {{.path = "http", .type = ValueType::map, .description = "HTTP API, dashboard, metrics."},
       nullptr},
      {{.path = "http.listen",
        .type = ValueType::string,
        .default_json = R"("127.0.0.1:8080")",
        .description = "Address the HTTP server listens on.",
        .check = check_listen_address,
        .check_doc = "host:port"},
       SUANLI_BIND(c.http_listen)},
      {{.path = "http.ingest_tokens_file",
        .type = ValueType::string,
        .description = "File of the bearer tokens agents' HTTP uplink may send, each with the "
                       "centers it may post for (format below); without it HTTP ingest is off.",
        .check = check_non_empty,
        .check_doc = "non-empty path",
        .input_file = true},
       SUANLI_BIND(c.ingest_tokens_file)},
      {{.path = "http.tls",
        .type = ValueType::map,
        .description = "HTTPS: with both files the server speaks only TLS (1.2 or later)."},
       nullptr},
      {{.path = "http.tls.cert_file",
        .type = ValueType::string,
        .description = "Server certificate chain (PEM), the server's own certificate first.",
        .check = check_non_empty,
        .check_doc = "non-empty path",
        .input_file = true},
       SUANLI_BIND(c.http_tls_cert_file)},
      {{.path = "http.tls.key_file",
        .type = ValueType::string,
        .description = "Private key (PEM) of http.tls.cert_file.",
        .check = check_non_empty,
        .check_doc = "non-empty path",
        .input_file = true},
       SUANLI_BIND(c.http_tls_key_file)},
      {{.path = "store", .type = ValueType::map, .description = "History store."}, nullptr},
      {{.path = "store.path",
        .type = ValueType::string,
        .default_json = R"("/var/lib/suanli-central/history.db")",
        .description = "SQLite database of indicator history.",
        .check = check_non_empty,
        .check_doc = "non-empty path"},
       SUANLI_BIND(c.store_path)},
      {{.path = "store.history_retention_days",
        .type = ValueType::integer,
        .default_json = "400",
        .description = "Indicator history older than this many days is deleted (hourly).",
        .min = 1,
        .max = 36500},
       SUANLI_BIND(c.history_retention_days)},
      {{.path = "headline", .type = ValueType::map, .description = "The headline number."},
       nullptr},
      {{.path = "headline.class",
        .type = ValueType::string,
        .default_json = R"("intelligent")",
        .description = "Class of compute of the headline (intelligent = accelerators).",
        .one_of = kClasses},
       [](CentralConfig& c, const Captures&, const json& v) { c.headline_class = to_class(v); }},
      {{.path = "headline.precision",
        .type = ValueType::string,
        .default_json = R"("fp16")",
        .description = "Precision of the headline (dense).",
        .one_of = {R"("fp64")", R"("fp64_tensor")", R"("fp32")", R"("tf32")", R"("fp16")",
                   R"("bf16")", R"("fp8")", R"("int8")"}},
       [](CentralConfig& c, const Captures&, const json& v) {
         c.headline_precision = *parse_precision(v.get<std::string>());
       }},
      {{.path = "city", .type = ValueType::map, .description = "The city the indicator is of."},
       nullptr},
      {{.path = "city.name",
        .type = ValueType::string,
        .default_json = R"("苏州市")",
        .description = "The city's name, shown first (the dashboard's title: 苏州市算力监测).",
        .check = check_non_empty,
        .check_doc = "non-empty"},
       SUANLI_BIND(c.city_name)},
      {{.path = "city.name_en",
        .type = ValueType::string,
        .default_json = R"("Suzhou")",
        .description = "The city's name in English, shown beside it.",
        .check = check_non_empty,
        .check_doc = "non-empty"},
       SUANLI_BIND(c.city_name_en)},
      {{.path = "target", .type = ValueType::map, .description = "The city's target."}, nullptr},
      {{.path = "target.pflops",
        .type = ValueType::number,
        .default_json = "20000",
        .description = "Target of the headline, in PFLOPS.",
        .min = 0.001,
        .max = 1e9},
       SUANLI_BIND(c.target_pflops)},
      {{.path = "target.year",
        .type = ValueType::integer,
        .default_json = "2027",
        .description = "Year the target is due.",
        .min = 2000,
        .max = 2100},
       SUANLI_BIND(c.target_year)},
      {{.path = "stale_after_intervals",
        .type = ValueType::integer,
        .default_json = "3",
        .description = "A node is stale after this many of its publish intervals without data.",
        .min = 1,
        .max = 1000},
       SUANLI_BIND(c.stale_after_intervals)},
      {{.path = "retire_after_s",
        .type = ValueType::integer,
        .default_json = "604800",
        .description = "A node not heard from for this long is retired (leaves `installed`).",
        .min = 60,
        .max = 315360000},
       SUANLI_BIND(c.retire_after_s)},
      {{.path = "admission",
        .type = ValueType::map,
        .description = "What messages of centers and nodes central does not know yet may cost "
                       "(docs/security.md); a known node or center is never refused."},
       nullptr},
      {{.path = "admission.known_centers_only",
        .type = ValueType::boolean,
        .default_json = "false",
        .description = "Only the centers of `centers` may add nodes; a message that would add a "
                       "node of any other center is refused (`unknown_center`)."},
       SUANLI_BIND(c.known_centers_only)},
      {{.path = "admission.new_centers_per_minute",
        .type = ValueType::integer,
        .default_json = "10",
        .description = "Centers not in `centers` and not heard from before that may appear per "
                       "minute; a node of a further one is refused (`new_center_rate`).",
        .min = 1,
        .max = 1000000},
       SUANLI_BIND(c.new_centers_per_minute)},
      {{.path = "admission.new_nodes_per_minute",
        .type = ValueType::integer,
        .default_json = "1000",
        .description = "New nodes of centers not in `centers` that may appear per minute; a "
                       "further one is refused (`new_node_rate`). Nodes of configured centers are "
                       "not capped.",
        .min = 1,
        .max = 1000000},
       SUANLI_BIND(c.new_nodes_per_minute)},
      {{.path = "summary",
        .type = ValueType::map,
        .description = "Size of what central publishes and stores every second or minute."},
       nullptr},
      {{.path = "summary.max_centers",
        .type = ValueType::integer,
        .default_json = "100",
        .description = "Centers listed in the retained indicator (and `GET /api/v1/indicator`), "
                       "in the per-center series of `/metrics` and in each minute's history rows: "
                       "the configured ones first, then the largest; the same number of districts "
                       "in the indicator. The rest are counted, and served by "
                       "`GET /api/v1/centers`.",
        .min = 1,
        .max = 100000},
       SUANLI_BIND(c.summary_max_centers)},
      {{.path = "ingest",
        .type = ValueType::map,
        .description = "The queue between the MQTT client and the ingest thread; while it is "
                       "full, central stops reading from the broker, which holds the messages "
                       "(docs/design.md, \"Threads\")."},
       nullptr},
      {{.path = "ingest.queue_messages",
        .type = ValueType::integer,
        .default_json = "4096",
        .description = "Messages received and not yet applied, at most.",
        .min = 1,
        .max = 10000000},
       SUANLI_BIND(c.ingest_queue_messages)},
      {{.path = "ingest.queue_bytes",
        .type = ValueType::integer,
        .default_json = "67108864",
        .description = "Payload bytes received and not yet applied, at most (a message larger "
                       "than this still passes, alone).",
        .min = 65536,
        .max = 17179869184},
       SUANLI_BIND(c.ingest_queue_bytes)},
      {{.path = "indicator",
        .type = ValueType::map,
        .description = "The retained city indicator (suanli/v1/_city/indicator)."},
       nullptr},
      {{.path = "indicator.publish_min_interval_ms",
        .type = ValueType::integer,
        .default_json = "100",
        .description = "The indicator is published when it changes, at most once per this many "
                       "milliseconds, and at least once a second.",
        .min = 1,
        .max = 1000},
       SUANLI_BIND(c.indicator_publish_min_interval_ms)},
      {{.path = "centers",
        .type = ValueType::map,
        .default_json = "{}",
        .description = "Known compute centers by id.",
        .check = check_id,
        .check_doc = "id: ^[a-z0-9][a-z0-9._-]{0,62}$"},
       nullptr},
      {{.path = "centers.*.name",
        .type = ValueType::string,
        .description = "Display name, e.g. 苏州市人工智能算力中心.",
        .check = check_non_empty,
        .check_doc = "non-empty",
        .need = Need::required},
       SUANLI_BIND(c.centers[k[0]].name)},
      {{.path = "centers.*.district",
        .type = ValueType::string,
        .description = "District of the center.",
        .check = check_non_empty,
        .check_doc = "non-empty"},
       SUANLI_BIND(c.centers[k[0]].district)},
      {{.path = "centers.*.class",
        .type = ValueType::string,
        .default_json = R"("intelligent")",
        .description = "Class of compute the center's accelerators count toward; `quantum`: a "
                       "center of quantum computers, counted in qubits (its other devices count "
                       "as in an intelligent center).",
        .one_of = kCenterClasses},
       [](CentralConfig& c, const Captures& k, const json& v) {
         c.centers[k[0]].compute_class = to_class(v);
       }},
      {{.path = "bridges",
        .type = ValueType::map,
        .default_json = "{}",
        .description = "Site bridges of the broker, by connection name: while "
                       "`$SYS/broker/connection/<name>/state` is 0, the nodes of its centers are "
                       "stale.",
        .check = check_id,
        .check_doc = "id: ^[a-z0-9][a-z0-9._-]{0,62}$"},
       nullptr},
      {{.path = "bridges.*.centers",
        .type = ValueType::array,
        .description = "Ids of the centers whose agents publish through this bridge.",
        .need = Need::required},
       nullptr},
      {{.path = "bridges.*.centers[]",
        .type = ValueType::string,
        .description = "A center id.",
        .check = check_id,
        .check_doc = "id: ^[a-z0-9][a-z0-9._-]{0,62}$"},
       [](CentralConfig& c, const Captures& k, const json& v) {
         c.bridges[k[0]].push_back(v.get<std::string>());
       }},
  };
  keys.insert(keys.end(), rest.begin(), rest.end());
  return keys;
}

const std::vector<Key<CentralConfig>>& central_key_table() {
  static const std::vector<Key<CentralConfig>> table = central_keys();
  return table;
}

Problems finish_central(CentralConfig& c) {
  if (c.id.empty()) c.id = host_id();
  Problems problems = common_cross_checks(c);
  require_pair(problems, "http.tls.", "cert_file", c.http_tls_cert_file.has_value(), "key_file",
               c.http_tls_key_file.has_value());
  return problems;
}

}  // namespace

std::vector<KeyRule> central_rules() {
  return rules_of(central_key_table());
}

Expected<CentralConfig, Problems> load_central_config(const std::string& text,
                                                      const std::string& origin, Mode mode) {
  return load_config(text, origin, central_key_table(), finish_central, mode);
}

Expected<CentralConfig, Problems> load_central_config_file(const std::string& path, Mode mode) {
  return load_config_file(path, central_key_table(), finish_central, mode);
}

}  // namespace suanli::config
