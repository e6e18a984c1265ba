#!/bin/sh
# Checks a systemd unit of packaging/ with systemd-analyze verify (exit 77 = skipped when the
# machine has no systemd-analyze), then that it has the hardening every suanli unit needs and
# each further line given after the unit. The binary paths are pointed at /bin/true, which exists.
#   verify_unit.sh UNIT [REQUIRED_LINE...]
set -eu
unit=$1
shift
command -v systemd-analyze >/dev/null 2>&1 || { echo "systemd-analyze not found: skipped"; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
name=$(basename "$unit")
sed 's|/usr/bin/suanli-[a-z]*|/bin/true|g' "$unit" > "$dir/$name"
out=$(systemd-analyze verify "$dir/$name" 2>&1) || { echo "$out"; exit 1; }
if [ -n "$out" ]; then echo "$out"; exit 1; fi
for line in 'Restart=on-failure' 'NoNewPrivileges=yes' 'ProtectSystem=strict' "$@"; do
  grep -qxF "$line" "$unit" || { echo "$name: missing line: $line"; exit 1; }
done
echo "ok"
