#!/bin/sh
# Checks packaging/suanli-agent.service with systemd-analyze verify (exit 77 = skipped when the
# machine has no systemd-analyze). The binary paths are pointed at /bin/true, which exists.
set -eu
unit=$1
command -v systemd-analyze >/dev/null 2>&1 || { echo "systemd-analyze not found: skipped"; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
sed 's|/usr/bin/suanli-agent|/bin/true|g' "$unit" > "$dir/suanli-agent.service"
out=$(systemd-analyze verify "$dir/suanli-agent.service" 2>&1) || { echo "$out"; exit 1; }
if [ -n "$out" ]; then echo "$out"; exit 1; fi
grep -q '^ExecReload=/bin/kill -HUP \$MAINPID$' "$unit"
grep -q '^Restart=on-failure$' "$unit"
grep -q '^NoNewPrivileges=yes$' "$unit"
grep -q '^ProtectSystem=strict$' "$unit"
echo "ok"
