#!/usr/bin/env bash
# Sets up, builds and runs the main job. For now: suanli-agent on this machine, printing its
# inventory (birth) and one sampled window (data) as JSON, then the same for a simulated node of
# 8 x H100 SXM5 (config/sim-node.example.json). The central issue turns this into the full demo
# (a private broker, central and a simulated fleet).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target suanli-agent

echo "== suanli-agent --version"
./build/agent/suanli-agent --version
echo "== suanli-agent --check-config --config config/agent.example.json"
./build/agent/suanli-agent --check-config --config config/agent.example.json >/dev/null
echo "== suanli-agent --list-devices"
./build/agent/suanli-agent --list-devices
echo "== suanli-agent --once"
./build/agent/suanli-agent --once
echo "== simulated node (8 x H100 SXM5): suanli-agent --list-devices --config config/sim-node.example.json"
./build/agent/suanli-agent --list-devices --config config/sim-node.example.json
echo "== simulated node: suanli-agent --once --config config/sim-node.example.json"
./build/agent/suanli-agent --once --config config/sim-node.example.json
