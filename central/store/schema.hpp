#pragma once

// The store's schema, versioned by PRAGMA user_version and moved forward by migrations.

#include "central/store/database.hpp"

namespace suanli::store {

// The newest schema this build knows.
inline constexpr int kSchemaVersion = 4;

// Brings the database from its user_version up to kSchemaVersion, one migration per version, each
// in its own transaction. Refuses a database whose version is newer than this build knows.
Status migrate(Database& db);

}  // namespace suanli::store
