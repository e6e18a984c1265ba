#pragma once

#include "config/mqtt_config.hpp"

namespace suanli {

// Sends every log line to standard error (standard output carries only JSON) at `level` and up.
void init_logging(config::LogLevel level, const char* program);

}  // namespace suanli
