#include "central/app/startup_files.hpp"

#include "central/app/central_service.hpp"

namespace suanli::central {

Expected<StartupFiles, std::vector<std::string>> read_startup_files(
    const config::CentralConfig& cfg) {
  using Result = Expected<StartupFiles, std::vector<std::string>>;
  StartupFiles files;
  if (cfg.ingest_tokens_file) {
    auto tokens = config::load_ingest_tokens_file(*cfg.ingest_tokens_file);
    if (!tokens) {
      std::vector<std::string> problems;
      for (const std::string& p : tokens.error())
        problems.push_back("http.ingest_tokens_file: " + p);
      return Result::failure(std::move(problems));
    }
    files.ingest_tokens = std::move(tokens->tokens);
  }
  if (cfg.http_tls_cert_file && cfg.http_tls_key_file) {
    auto tls = http::ServerTls::load(*cfg.http_tls_cert_file, *cfg.http_tls_key_file);
    if (!tls) return Result::failure({tls.error()});
    files.tls = std::move(*tls);
  }
  return files;
}

std::vector<std::string> startup_file_problems(const config::CentralConfig& cfg) {
  auto files = read_startup_files(cfg);
  return files ? std::vector<std::string>{} : files.error();
}

}  // namespace suanli::central
