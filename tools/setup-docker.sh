#!/usr/bin/env bash
# Makes a Docker engine answer on /var/run/docker.sock and makes sure the image the live tests use,
# clustersim/busybox:local, exists. Idempotent, runs as root, asks nothing; CI runs it before the
# Docker tests (they fail, not skip, when CI=true and no daemon answers).
#
# What it does, in order:
#   1. If `docker info` already answers, it only ensures the image (step 4) and verifies it (step 5).
#   2. Otherwise it installs Debian's engine (docker.io, Engine 20.10 / API 1.41 in bookworm) with
#      apt-get, running `apt-get update` at most once.
#   3. It starts dockerd: through systemd when systemd is PID 1's init, else detached with nohup,
#      logging to /var/log/dockerd.log, and waits (bounded) until `docker info` answers. It tries a
#      short ladder of flag sets (see start_dockerd_detached) and keeps the first one that works.
#   4. It builds clustersim/busybox:local without any registry: a rootfs made of Debian's static
#      busybox and its applet links, imported with `docker import`, only when the tag is missing.
#   5. It checks that `docker run --rm --network none clustersim/busybox:local sh -c 'echo ok'` prints ok.
#
# Environment: DOCKERD_START_TIMEOUT (seconds per start attempt, default 60).
#
# Findings in the sandbox this was written in (Debian 12 in a Firecracker VM, kernel 6.18, no systemd,
# PID 1 is not an init system, cgroup v1 hierarchy with cgroup2 only at /sys/fs/cgroup/unified):
#   - dockerd 20.10 starts with no special flag: overlay2 works (ext4 backing, d_type), iptables
#     (nft backend) and the docker0 bridge can be set up, cgroupfs is the cgroup driver.
#   - Limits are enforced (cgroup v1, measured with busy loops): CpuQuota/CpuPeriod 50000/100000 holds a
#     busy loop at 0.50 CPU; CpuShares 1024 vs 256 on one shared CPU split it 80/20; Memory with
#     MemorySwap = Memory OOM-kills a 64 MB allocation under 32 MB (exit 137, State.OOMKilled true;
#     memory.memsw exists, so swap is accounted); PidsLimit 10 lets sh start 9 children, and its fork
#     of an 11th process fails (EAGAIN).
#   - OOMKilled is not fully reliable: a container OOM-killed in its first moments exited 137 with
#     OOMKilled false and no "oom" event in 5 of 90 runs (containerd loses the notification, see
#     containerd/containerd#8180); OOM kills half a second after start were flagged in 90 of 90.
#   - Debian's /usr/sbin/policy-rc.d forbids the package from starting the service, and there is no
#     systemd to start it, hence the nohup start below.
set -euo pipefail

readonly IMAGE='clustersim/busybox:local'
readonly DOCKERD_LOG='/var/log/dockerd.log'
readonly START_TIMEOUT="${DOCKERD_START_TIMEOUT:-60}"
# Applets the live tests and the agent's task commands rely on; the image build fails if one is missing.
readonly REQUIRED_APPLETS=(sh sleep yes cat head dd true false timeout echo env kill)

log() { printf 'setup-docker: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

[[ ${EUID} -eq 0 ]] || die "must run as root (it installs packages and starts dockerd)"

docker_answers() { docker info >/dev/null 2>&1; }

source "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh"
# docker.io is installed without recommends: it recommends apparmor, git, needrestart, ... none of which the
# engine needs here (the kernel has no AppArmor), and needrestart would want to restart services.

# Waits until `docker info` answers, for at most START_TIMEOUT seconds. With a pid, gives up early
# when that process has exited (a failed start needs no full timeout to be recognised).
wait_for_docker() {
    local pid="${1:-}" deadline=$((SECONDS + START_TIMEOUT))
    while ((SECONDS < deadline)); do
        docker_answers && return 0
        if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
            return 1
        fi
        sleep 1
    done
    return 1
}

# Stops a dockerd this script started: SIGTERM lets it stop its containerd too; SIGKILL after 20 s.
stop_started_dockerd() {
    local pid="$1" deadline=$((SECONDS + 20))
    kill -TERM "$pid" 2>/dev/null || return 0
    while ((SECONDS < deadline)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 1
    done
    kill -KILL "$pid" 2>/dev/null || true
}

# Starts dockerd without an init system. The ladder, first working set wins:
#   1. overlay2 with default networking. overlay2 is Docker's default and fastest driver; it is named
#      explicitly so that a failure to use it stops this attempt instead of silently choosing another.
#   2. vfs with default networking: for hosts whose /var/lib/docker cannot carry overlayfs (itself on
#      overlayfs, or a kernel without it). vfs copies whole layers, slow but works everywhere; our only
#      image is about 1 MB.
#   3./4. the same with --iptables=false --bridge=none: for sandboxes without CAP_NET_ADMIN or netfilter,
#      where dockerd dies with "Error initializing network controller". Our containers run with
#      NetworkMode none, so they lose nothing.
# No cgroup flag is needed: with no systemd, dockerd uses the cgroupfs driver on whichever cgroup
# version is mounted.
start_dockerd_detached() {
    local attempts=(
        "--storage-driver=overlay2"
        "--storage-driver=vfs"
        "--storage-driver=overlay2 --iptables=false --bridge=none"
        "--storage-driver=vfs --iptables=false --bridge=none"
    )
    local flags pid offset
    for flags in "${attempts[@]}"; do
        log "starting dockerd ${flags} (log: ${DOCKERD_LOG})"
        printf '\n=== %s setup-docker.sh: dockerd %s\n' "$(date -u +%FT%TZ)" "$flags" >>"$DOCKERD_LOG"
        offset="$(stat -c %s "$DOCKERD_LOG")"
        # setsid: its own session, so that the end of the shell or job that ran this script (a CI step,
        # a killed process group) does not take dockerd down with it.
        # shellcheck disable=SC2086 # flags are words on purpose
        setsid nohup dockerd $flags </dev/null >>"$DOCKERD_LOG" 2>&1 &
        pid=$!
        if wait_for_docker "$pid"; then
            log "dockerd is up (pid ${pid}, flags: ${flags})"
            return 0
        fi
        log "dockerd did not answer with ${flags}; stopping it. Its last log lines:"
        stop_started_dockerd "$pid"
        # This attempt's lines only: the log also holds earlier runs.
        tail -c "+$((offset + 1))" "$DOCKERD_LOG" | tail -n 15 | sed 's/^/    /' >&2
    done
    return 1
}

start_dockerd() {
    if [[ -d /run/systemd/system ]]; then
        log "starting docker through systemd"
        systemctl start docker
        wait_for_docker || { journalctl -u docker --no-pager -n 40 >&2 || true; die "docker did not answer within ${START_TIMEOUT}s"; }
        return 0
    fi
    # A dockerd that is already running (another run of this script, still starting) gets waited for,
    # not joined by a second one, which would fail on /var/run/docker.pid anyway.
    local running
    running="$(cat /var/run/docker.pid 2>/dev/null || true)"
    if [[ -n $running ]] && kill -0 "$running" 2>/dev/null; then
        log "dockerd (pid ${running}) is running but not answering yet; waiting"
        wait_for_docker "$running" && return 0
        tail -n 40 "$DOCKERD_LOG" >&2 || true
        die "dockerd pid ${running} runs but did not answer within ${START_TIMEOUT}s; see ${DOCKERD_LOG}"
    fi
    start_dockerd_detached ||
        die "dockerd did not answer within ${START_TIMEOUT}s with any flag set (each attempt's log lines are above; all in ${DOCKERD_LOG})"
}

# Builds clustersim/busybox:local from Debian's static busybox: no registry is reachable here, and a
# static binary needs no libc in the image.
build_image() {
    apt_install busybox-static
    local applet
    # Global, not local: the EXIT trap also runs when die() exits from inside this function.
    build_dir="$(mktemp -d)"
    trap 'rm -rf "${build_dir}"' EXIT
    local rootfs="${build_dir}/rootfs"
    mkdir -p "${rootfs}"/{bin,etc,tmp,proc,sys,dev,root}
    chmod 1777 "${rootfs}/tmp"
    cp /bin/busybox "${rootfs}/bin/busybox"
    for applet in $(/bin/busybox --list); do
        [[ $applet == busybox ]] || ln -s busybox "${rootfs}/bin/${applet}"
    done
    for applet in "${REQUIRED_APPLETS[@]}"; do
        [[ -e ${rootfs}/bin/${applet} ]] || die "busybox-static has no '${applet}' applet"
    done
    printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"${rootfs}/etc/passwd"
    printf 'root:x:0:\nnogroup:x:65534:\n' >"${rootfs}/etc/group"
    # Fixed order, times and owners: the same busybox gives the same layer digest on every machine.
    tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$rootfs" -cf "${build_dir}/rootfs.tar" .
    docker import \
        --change 'ENV PATH=/bin' \
        --change 'CMD ["/bin/sh"]' \
        --message "busybox-static $(dpkg-query -W -f='${Version}' busybox-static), built by tools/setup-docker.sh" \
        "${build_dir}/rootfs.tar" "$IMAGE" >/dev/null
    rm -rf "$build_dir"
    trap - EXIT
    log "imported ${IMAGE}"
}

ensure_image() {
    if docker image inspect "$IMAGE" >/dev/null 2>&1; then
        log "${IMAGE} is present"
    else
        build_image
    fi
}

verify_image() {
    local out
    out="$(docker run --rm --network none "$IMAGE" sh -c 'echo ok' 2>&1)" || die "running ${IMAGE} failed: ${out}"
    [[ $out == ok ]] || die "running ${IMAGE} printed '${out}', expected 'ok'"
    log "verified: docker run --rm --network none ${IMAGE} sh -c 'echo ok' -> ok"
}

main() {
    if docker_answers; then
        log "docker already answers"
    else
        # docker.io pulls in containerd, runc, tini (docker-init) and iptables.
        apt_install docker.io
        start_dockerd
    fi
    ensure_image
    verify_image
}

main "$@"
