#!/usr/bin/env bash
# Makes sure the browser the web UI tests drive is installed: Debian's chromium (Playwright launches
# /usr/bin/chromium; no browser download is possible here) and fonts-dejavu-core, so pages and
# screenshots have text. Idempotent, runs as root, asks nothing, says what it did. CI runs it before the
# tests, which fail (not skip) when CI=true and /usr/bin/chromium is missing.
#
# Environment: none. Other people on the machine may be running apt, so it waits for the dpkg lock.
set -euo pipefail

readonly PACKAGES=(chromium fonts-dejavu-core)
readonly CHROMIUM='/usr/bin/chromium'

log() { printf 'setup-browser: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

source "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh"

main() {
    # With recommends: chromium's recommended packages include the fonts and libraries (chromium-sandbox
    # aside) that headless rendering uses.
    apt_install --with-recommends "${PACKAGES[@]}"
    [[ -x ${CHROMIUM} ]] || die "${CHROMIUM} is missing after installing chromium"
    # Debian's launcher script prints a harmless shell warning on some machines; keep only the version line.
    log "verified: $("${CHROMIUM}" --version 2>/dev/null | tail -n 1)"
}

main "$@"
