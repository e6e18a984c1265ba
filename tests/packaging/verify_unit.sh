#!/bin/sh
# Checks a systemd unit of packaging/ with systemd-analyze verify (exit 77 = skipped when the
# machine has no systemd-analyze), that `systemd-analyze security --offline=true` rates its
# exposure at most MAX_EXPOSURE (0.0 to 10.0), then that it has the hardening every suanli unit
# needs and each further line given. The binary paths are pointed at /bin/true, which exists.
#   verify_unit.sh UNIT MAX_EXPOSURE [REQUIRED_LINE...]
set -eu
unit=$1
max_exposure=$2
shift 2
command -v systemd-analyze >/dev/null 2>&1 || { echo "systemd-analyze not found: skipped"; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
name=$(basename "$unit")
sed 's|/usr/bin/suanli-[a-z]*|/bin/true|g' "$unit" > "$dir/$name"
out=$(systemd-analyze verify "$dir/$name" 2>&1) || { echo "$out"; exit 1; }
if [ -n "$out" ]; then echo "$out"; exit 1; fi
# --threshold counts tenths of the exposure level.
threshold=$(echo "$max_exposure" | awk '{ printf "%d", $1 * 10 + 0.5 }')
out=$(systemd-analyze security --offline=true --threshold="$threshold" "$dir/$name" 2>&1) || {
  echo "$out"
  echo "$name: exposure above $max_exposure"
  exit 1
}
for line in 'Restart=on-failure' 'NoNewPrivileges=yes' 'ProtectSystem=strict' \
            'SystemCallFilter=@system-service' 'UMask=0027' 'ProtectProc=invisible' "$@"; do
  grep -qxF "$line" "$unit" || { echo "$name: missing line: $line"; exit 1; }
done
grep -q '^MemoryMax=' "$unit" || { echo "$name: no MemoryMax="; exit 1; }
grep -q '^TasksMax=' "$unit" || { echo "$name: no TasksMax="; exit 1; }
echo "$out" | tail -1
echo "ok"
