#!/usr/bin/env bash
# The PKI of a suanli broker (docs/security.md): one CA; the broker's certificate; one client
# certificate per compute center, whose subject CN is the center id (the broker's identity for
# every node of that center), and one with CN _central for the central instances.
#
#   scripts/pki.sh DIR ca                  DIR/ca.crt, DIR/ca.key (10 years); never overwritten
#   scripts/pki.sh DIR server NAME SAN...  DIR/NAME.crt, DIR/NAME.key for the broker (825 days);
#                                          SAN: IP:addr or DNS:name; a bare dotted IPv4 address
#                                          is IP:, a bare host name DNS:
#   scripts/pki.sh DIR client CN           DIR/CN.crt, DIR/CN.key (825 days); CN: a center id
#                                          (^[a-z0-9][a-z0-9._-]{0,62}$) or _central
#
# EC P-256 keys (mode 0600), SHA-256 signatures. An existing certificate or key is never
# overwritten: remove it first to issue it again. Exit 0 ok, 1 failure, 2 bad usage.
set -euo pipefail

readonly ca_days=3650
readonly leaf_days=825

print_usage() {
  sed -n '6,11p' "$0" | sed 's/^# \{0,1\}//'
}

bad_usage() {
  echo "pki.sh: $*" >&2
  print_usage >&2
  exit 2
}

fail() {
  echo "pki.sh: $*" >&2
  exit 1
}

# The files a command would write must not exist yet.
refuse_existing() {
  local f
  for f in "$@"; do
    [[ ! -e "$f" ]] || fail "$f exists; remove it first to issue it again"
  done
}

# An EC P-256 private key, created unreadable by others from its first byte.
new_key() {
  (umask 077 && openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1")
  chmod 600 "$1"
}

# sign NAME CN EXTENSIONS: DIR/NAME.key and DIR/NAME.crt, CN as the subject, signed by the CA.
sign() {
  local name=$1 cn=$2 extensions=$3
  [[ -f "$dir/ca.crt" && -f "$dir/ca.key" ]] ||
    fail "no CA in $dir (make one with: scripts/pki.sh $dir ca)"
  refuse_existing "$dir/$name.crt" "$dir/$name.key"
  local work
  work=$(mktemp -d)
  # shellcheck disable=SC2064  # the folder is known now
  trap "rm -rf '$work'" EXIT
  printf '%s\n' "$extensions" >"$work/ext"
  new_key "$dir/$name.key"
  openssl req -new -key "$dir/$name.key" -subj "/CN=$cn" -out "$work/csr"
  openssl x509 -req -in "$work/csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" \
    -CAserial "$dir/ca.srl" -CAcreateserial -days "$leaf_days" -sha256 \
    -extfile "$work/ext" -out "$dir/$name.crt" 2>"$work/log" || { cat "$work/log" >&2; exit 1; }
  chmod 644 "$dir/$name.crt"
  openssl verify -CAfile "$dir/ca.crt" "$dir/$name.crt" >/dev/null
  echo "$dir/$name.crt $dir/$name.key (CN=$cn, $leaf_days days)"
}

make_ca() {
  refuse_existing "$dir/ca.crt" "$dir/ca.key"
  new_key "$dir/ca.key"
  openssl req -x509 -new -key "$dir/ca.key" -sha256 -days "$ca_days" -subj "/CN=suanli MQTT CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -addext "subjectKeyIdentifier=hash" -out "$dir/ca.crt"
  chmod 644 "$dir/ca.crt"
  echo "$dir/ca.crt $dir/ca.key ($ca_days days)"
}

# One SAN argument as openssl writes it: IP:... and DNS:... as given, bare ones by their form.
san_entry() {
  local octet='(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])'
  local ipv4="^$octet(\\.$octet){3}\$"
  local host='^[A-Za-z0-9][A-Za-z0-9-]{0,62}(\.[A-Za-z0-9][A-Za-z0-9-]{0,62})*$'
  case "$1" in
    IP:?* | DNS:?*) echo "$1" ;;
    *)
      if [[ "$1" =~ $ipv4 ]]; then
        echo "IP:$1"
      elif [[ "$1" =~ $host ]]; then
        echo "DNS:$1"
      else
        bad_usage "not a SAN (IP:addr, DNS:name, an IPv4 address or a host name): $1"
      fi
      ;;
  esac
}

make_server() {
  local name=$1
  shift
  [[ "$name" =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]] || bad_usage "not a file name: $name"
  (($# > 0)) || bad_usage "server $name: give at least one SAN (e.g. IP:127.0.0.1 DNS:localhost)"
  local sans=() s
  for s in "$@"; do
    sans+=("$(san_entry "$s")")
  done
  local joined
  joined=$(IFS=, && echo "${sans[*]}")
  sign "$name" "$name" "basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=$joined"
}

make_client() {
  local cn=$1
  [[ "$cn" =~ ^[a-z0-9][a-z0-9._-]{0,62}$ || "$cn" == _central ]] ||
    bad_usage "client CN must be a center id (^[a-z0-9][a-z0-9._-]{0,62}\$) or _central: $cn"
  sign "$cn" "$cn" "basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth"
}

if [[ "${1:-}" == -h || "${1:-}" == --help ]]; then
  print_usage
  exit 0
fi
(($# >= 2)) || bad_usage "missing arguments"
dir=$1
command=$2
shift 2
command -v openssl >/dev/null || fail "openssl not found (scripts/setup.sh installs it)"

case "$command" in
  ca)
    (($# == 0)) || bad_usage "ca takes no further arguments"
    mkdir -p "$dir"
    make_ca
    ;;
  server)
    (($# >= 1)) || bad_usage "server needs NAME and SANs"
    make_server "$@"
    ;;
  client)
    (($# == 1)) || bad_usage "client takes exactly one CN"
    make_client "$1"
    ;;
  *) bad_usage "unknown command: $command" ;;
esac
