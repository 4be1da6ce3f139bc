# Sourced by the tools/setup-*.sh scripts (not run on its own): installs Debian packages that are missing.
#   apt_install [--with-recommends] PACKAGE...
# Logs through the caller's `log` function (each package already installed, with its version), runs `apt-get update` at most once per script, and waits for the
# dpkg lock instead of failing on it (other people on the same machine run apt too). Needs root when something
# is missing.

apt_updated=false

# Whether a Debian package is installed.
apt_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

apt_install() {
    local recommends=--no-install-recommends
    if [[ ${1:-} == --with-recommends ]]; then
        recommends=
        shift
    fi
    local missing=() pkg
    for pkg in "$@"; do
        if apt_installed "$pkg"; then
            log "${pkg} is installed ($(dpkg-query -W -f='${Version}' "$pkg"))"
        else
            missing+=("$pkg")
        fi
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    [[ ${EUID} -eq 0 ]] || { log "error: must run as root to install ${missing[*]}"; return 1; }
    if [[ $apt_updated == false ]]; then
        log "apt-get update"
        apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null || return
        apt_updated=true
    fi
    log "installing ${missing[*]}"
    # shellcheck disable=SC2086 # $recommends is one flag or nothing
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q $recommends "${missing[@]}" >/dev/null || return
    log "installed ${missing[*]}"
}
