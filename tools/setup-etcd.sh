#!/usr/bin/env bash
# Makes sure etcd is installed for the master leadership tests: Debian's etcd-server (etcd 3.4) and
# etcd-client (etcdctl). It starts no etcd: each test starts its own on 127.0.0.1 with a data folder of its own
# and stops it, so this stops nothing it did not start either (Debian's package does not start the service:
# policy-rc.d). Idempotent, runs as root, asks nothing, says what it did; waits for the dpkg lock.
set -euo pipefail

readonly PACKAGES=(etcd-server etcd-client)

log() { printf 'setup-etcd: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

source "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh"

main() {
    apt_install "${PACKAGES[@]}"
    command -v etcd >/dev/null || die "etcd is missing after installing etcd-server"
    log "verified: $(etcd --version 2>/dev/null | head -n 1)"
}

main "$@"
