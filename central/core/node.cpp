#include "central/core/node.hpp"

namespace suanli::central {

std::string_view to_string(NodeState s) {
  switch (s) {
    case NodeState::online:
      return "online";
    case NodeState::stale:
      return "stale";
    case NodeState::offline:
      return "offline";
    case NodeState::retired:
      return "retired";
  }
  return "stale";
}

}  // namespace suanli::central
