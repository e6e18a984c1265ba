#!/usr/bin/env bash
# Installs what the arm64 cross-build of suanli-agent and its tests under qemu need: the arm64
# architecture in dpkg, the cross compiler, qemu-user, pkgconf for arm64, the :arm64 -dev packages
# the agent links and the tools CPack's .deb needs. Idempotent, like scripts/setup.sh, which it
# calls. Multiarch needs identical versions of "Multi-Arch: same" packages on both architectures,
# so the first run may upgrade some amd64 packages (apt removes none).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  echo "setup-arm64: adding the arm64 architecture to dpkg" >&2
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" dpkg --add-architecture arm64
fi

./scripts/setup.sh \
  crossbuild-essential-arm64 qemu-user pkgconf:arm64 \
  libboost-dev:arm64 libpaho-mqttpp-dev:arm64 libpaho-mqtt-dev:arm64 libssl-dev:arm64 \
  libcurl4-openssl-dev:arm64 libspdlog-dev:arm64 libfmt-dev:arm64 libsimdjson14:arm64 \
  libgtest-dev:arm64 libgmock-dev:arm64 \
  dpkg-dev fakeroot file
