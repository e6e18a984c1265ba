// Prints docs/configuration.md; a test keeps the file in the repository equal to this output.
#include <iostream>

#include "collectors/registry.hpp"
#include "config/config_docs.hpp"

int main() {
  std::cout << suanli::config::configuration_markdown(suanli::collectors::backend_specs());
  return 0;
}
