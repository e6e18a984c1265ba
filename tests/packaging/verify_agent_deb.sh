#!/usr/bin/env bash
# Builds the agent's .deb from a build folder with cpack (into a temporary folder), checks its
# file name, control fields, conffiles and maintainer scripts, unpacks it with dpkg -x into a
# throwaway root and runs that root's suanli-agent --version (through EMULATOR when cross-built).
# Exit 77 = skipped: the machine lacks the Debian packaging tools cpack needs.
#   verify_agent_deb.sh CPACK BUILD_DIR VERSION [ARCH [EMULATOR...]]   (ARCH: dpkg's name)
set -euo pipefail
cpack=$1
build_dir=$2
version=$3
arch=${4:-}
shift $(($# < 4 ? $# : 4))
for tool in dpkg-deb dpkg-shlibdeps; do
  command -v "$tool" >/dev/null || { echo "$tool not found: skipped"; exit 77; }
done
[[ -n "$arch" ]] || arch=$(dpkg --print-architecture)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$cpack" --config "$build_dir/CPackConfig.cmake" -G DEB -B "$work/out" \
  -D CPACK_COMPONENTS_ALL=agent -D CPACK_DEBIAN_COMPRESSION_TYPE=gzip >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; fail "cpack"; }
deb=$work/out/suanli-agent_${version}_${arch}.deb
[[ -f "$deb" ]] || fail "no $(basename "$deb") among: $(cd "$work/out" && echo *.deb)"

field() { dpkg-deb --field "$deb" "$1"; }
[[ "$(field Package)" == suanli-agent ]] || fail "Package: $(field Package)"
[[ "$(field Architecture)" == "$arch" ]] || fail "Architecture: $(field Architecture)"
[[ "$(field Version)" == "$version" ]] || fail "Version: $(field Version)"
depends=$(field Depends)
echo "Depends: $depends"
for dep in libpaho-mqttpp3 libpaho-mqtt1.3 libc6 adduser libcurl4; do
  [[ "$depends" == *"$dep"* ]] || fail "Depends lacks $dep"
done

dpkg-deb --control "$deb" "$work/control"
[[ "$(cat "$work/control/conffiles")" == /etc/suanli/agent.json ]] ||
  fail "conffiles: $(cat "$work/control/conffiles")"
for script in postinst prerm postrm; do
  [[ -x "$work/control/$script" ]] || fail "no executable $script"
  sh -n "$work/control/$script" || fail "$script: syntax"
  grep -q 'suanli-agent\.service' "$work/control/$script" || fail "$script does not name the unit"
done
grep -q 'adduser --system' "$work/control/postinst" || fail "postinst makes no system user"
grep -q 'rm -rf /var/lib/suanli-agent$' "$work/control/postrm" || fail "postrm keeps the state dir"

# Every file in its place (binary, unit, config, docs, man page), none under /usr/local or /usr/etc.
dpkg-deb --contents "$deb" | awk '{print $6}' | grep -v '/$' | sort >"$work/files"
cat >"$work/expected" <<EOF
./etc/suanli/agent.json
./lib/systemd/system/suanli-agent.service
./usr/bin/suanli-agent
./usr/share/doc/suanli-agent/README.md
./usr/share/doc/suanli-agent/changelog.gz
./usr/share/doc/suanli-agent/copyright
./usr/share/man/man1/suanli-agent.1.gz
EOF
diff -u "$work/expected" "$work/files" || fail "unexpected file list"

root=$work/root
dpkg-deb --extract "$deb" "$root"
grep -qxF 'ExecStart=/usr/bin/suanli-agent --config /etc/suanli/agent.json' \
  "$root/lib/systemd/system/suanli-agent.service" || fail "the unit runs another config"
agent=$root/usr/bin/suanli-agent
out=$("$@" "$agent" --version)
[[ "$out" == "suanli-agent $version" ]] || fail "--version printed: $out"
# The packaged config is valid; the files it names (a password, a CA) are the operator's to add,
# and until then --check-config names each of them, as the start would fail on them.
if ! out=$("$@" "$agent" --check-config --config "$root/etc/suanli/agent.json" 2>&1); then
  other=$(printf '%s\n' "$out" | grep -v ': /etc/suanli/[^:]*: cannot read: ' || true)
  [[ -z "$other" ]] || fail "the packaged config does not pass --check-config: $out"
fi
echo "ok: $(basename "$deb")"
