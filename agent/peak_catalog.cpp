#include "agent/peak_catalog.hpp"

namespace suanli::agent {

Expected<Catalog> load_catalog(const config::AgentConfig& cfg) {
  if (!cfg.catalog_path) return Catalog::builtin();
  auto catalog = Catalog::from_file(*cfg.catalog_path);
  if (!catalog) return Expected<Catalog>::failure("catalog.path: " + catalog.error());
  return catalog;
}

}  // namespace suanli::agent
