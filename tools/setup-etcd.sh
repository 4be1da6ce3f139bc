#!/usr/bin/env bash
# Makes sure etcd is installed for the master leadership tests: Debian's etcd-server (etcd 3.4) and
# etcd-client (etcdctl). It starts no etcd: each test starts its own on 127.0.0.1 with a data folder of its own
# and stops it, so this stops nothing it did not start either (Debian's package does not start the service:
# policy-rc.d). Idempotent, runs as root, asks nothing, says what it did; waits for the dpkg lock.
set -euo pipefail

readonly PACKAGES=(etcd-server etcd-client)

log() { printf 'setup-etcd: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

main() {
    local missing=() pkg
    for pkg in "${PACKAGES[@]}"; do
        if installed "$pkg"; then
            log "${pkg} is installed ($(dpkg-query -W -f='${Version}' "$pkg"))"
        else
            missing+=("$pkg")
        fi
    done
    if [[ ${#missing[@]} -gt 0 ]]; then
        [[ ${EUID} -eq 0 ]] || die "must run as root to install ${missing[*]}"
        log "apt-get update"
        apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null
        log "installing ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}" >/dev/null
        log "installed ${missing[*]}"
    fi
    command -v etcd >/dev/null || die "etcd is missing after installing etcd-server"
    log "verified: $(etcd --version 2>/dev/null | head -n 1)"
}

main "$@"
