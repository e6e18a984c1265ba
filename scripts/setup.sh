#!/usr/bin/env bash
# Installs every Debian package that suanli's build, tests and demo need, and any further
# packages named as arguments (cross/setup-arm64.sh passes its :arm64 ones). Idempotent: when
# everything is present it only checks and returns (no apt-get update).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libboost-dev libboost-system-dev
  libpaho-mqttpp-dev libpaho-mqtt-dev libssl-dev openssl
  nlohmann-json3-dev libsimdjson-dev libcurl4-openssl-dev libsqlite3-dev
  libspdlog-dev libfmt-dev libcli11-dev
  libgtest-dev libgmock-dev
  mosquitto mosquitto-clients faketime
  clang-format python3 curl procps
  chromium fonts-wqy-microhei libjs-chart.js
  "$@"
)

# With a foreign architecture added, a bare name may match one package per architecture, so a
# bare name is looked up for the native architecture, then as Architecture: all.
native=$(dpkg --print-architecture)
installed() {
  local status
  if [[ "$1" == *:* ]]; then
    status=$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)
  else
    status=$(dpkg-query -W -f='${Status}' "$1:$native" 2>/dev/null ||
      dpkg-query -W -f='${Status} ${Architecture}' "$1" 2>/dev/null | sed -n 's/ all$//p' || true)
  fi
  [[ "$status" == "install ok installed" ]]
}

missing=()
for p in "${packages[@]}"; do
  installed "$p" || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "setup: installing ${missing[*]}" >&2
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "setup: run as root or install sudo" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
