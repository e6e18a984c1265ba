#include "config/logging.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace suanli {

void init_logging(config::LogLevel level, const char* program) {
  auto logger = spdlog::stderr_logger_mt(program);
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %n: %v");
  switch (level) {
    case config::LogLevel::trace:
      logger->set_level(spdlog::level::trace);
      break;
    case config::LogLevel::debug:
      logger->set_level(spdlog::level::debug);
      break;
    case config::LogLevel::info:
      logger->set_level(spdlog::level::info);
      break;
    case config::LogLevel::warn:
      logger->set_level(spdlog::level::warn);
      break;
    case config::LogLevel::error:
      logger->set_level(spdlog::level::err);
      break;
  }
  spdlog::set_default_logger(logger);
}

}  // namespace suanli
