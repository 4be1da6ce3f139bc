#!/usr/bin/env bash
# Makes a one-node Slurm answer on this machine, for `clustersim slurm` and its tests, without systemd:
# Debian's slurm-wlm (Slurm 22.05) and munge. Idempotent, runs as root, asks nothing, says what it did, and
# stops nothing it did not start (it stops nothing at all: a daemon that is already running is kept).
#
# What it does, in order:
#   1. If a Slurm controller already answers (`scontrol ping`) and `sinfo` lists a node that is up, it
#      changes nothing and only verifies (step 6).
#   2. Otherwise it installs slurm-wlm and munge with apt-get (tools/apt-install.sh).
#   3. It starts munged as the munge user unless `munge -n | unmunge` already works (Debian's package
#      creates /etc/munge/munge.key on install; policy-rc.d keeps it from starting the daemon).
#   4. It writes /etc/slurm/slurm.conf for one node, localhost, with this machine's core count, and every
#      spool, state, pid and log path under /var/lib/clustersim-slurm. It writes the file only when it is
#      missing or is one this script wrote (its first line says so); someone else's is left alone.
#   5. It starts slurmctld and slurmd (each detached, unless its pid file names a live process) and waits,
#      bounded, until sinfo shows the node up; a node left down or drained by an earlier start is resumed.
#   6. It runs `sbatch --wait --wrap true` and checks that the job completes.
#
# Why these settings (the Slurm section of the project's SERVICES notes): no systemd and no cgroup
# delegation here, hence proctrack/linuxproc and task/none; no slurmdbd, hence no accounting (sacct does
# not work: `clustersim slurm` reads squeue and `scontrol show job` instead, which keep a finished job for
# MinJobAge, 300 s by default). ReturnToService=2 lets a node that was down come back when slurmd registers.
#
# Environment: SLURM_START_TIMEOUT (seconds to wait for the node, default 60).
set -euo pipefail

readonly HOME_DIR=/var/lib/clustersim-slurm
readonly CONF=/etc/slurm/slurm.conf
readonly MARKER='# Written by clustersim tools/setup-slurm.sh'
readonly START_TIMEOUT="${SLURM_START_TIMEOUT:-60}"

log() { printf 'setup-slurm: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

[[ ${EUID} -eq 0 ]] || die "must run as root (it installs packages and starts munged, slurmctld and slurmd)"

source "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh"

# The node's state as sinfo prints it (idle, mix, alloc, down*, drain, ...), empty when nothing answers.
node_state() { timeout 10 sinfo -h -N -n localhost -o '%T' 2>/dev/null | head -n 1 || true; }

node_up() {
    case "$(node_state)" in
    idle | mix* | alloc* | completing*) return 0 ;;
    *) return 1 ;;
    esac
}

slurm_answers() {
    command -v scontrol >/dev/null 2>&1 && timeout 10 scontrol ping 2>/dev/null | grep -q 'is UP' && node_up
}

# Whether the pid file names a live process (of the given program).
running() {
    local pidfile="$1" program="$2" pid
    pid="$(cat "$pidfile" 2>/dev/null || true)"
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && grep -q "$program" "/proc/${pid}/comm" 2>/dev/null
}

start_munge() {
    if munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
        log "munged already answers"
        return 0
    fi
    if [[ ! -s /etc/munge/munge.key ]]; then
        log "creating /etc/munge/munge.key"
        runuser -u munge -- mungekey --create --keyfile=/etc/munge/munge.key
    fi
    # munged refuses to start unless its folders belong to the munge user.
    install -d -o munge -g munge -m 0755 /run/munge
    install -d -o munge -g munge -m 0700 /var/lib/munge /var/log/munge
    chown munge:munge /etc/munge/munge.key
    chmod 0400 /etc/munge/munge.key
    log "starting munged as the munge user"
    # munged detaches itself; setsid keeps it out of the caller's session and process group.
    setsid runuser -u munge -- /usr/sbin/munged </dev/null >/dev/null 2>&1 ||
        die "munged did not start; see /var/log/munge/munged.log"
    local deadline=$((SECONDS + 20))
    until munge -n 2>/dev/null | unmunge >/dev/null 2>&1; do
        ((SECONDS < deadline)) || die "munged does not answer; see /var/log/munge/munged.log"
        sleep 1
    done
    log "munged answers"
}

write_conf() {
    if [[ -f $CONF ]] && [[ "$(head -n 1 "$CONF")" != "$MARKER"* ]]; then
        die "${CONF} exists and was not written by this script; leaving it alone (start that cluster's daemons, or move the file away)"
    fi
    install -d -m 0755 /etc/slurm "$HOME_DIR" "${HOME_DIR}/state" "${HOME_DIR}/spool" "${HOME_DIR}/log" "${HOME_DIR}/run"
    local cpus
    cpus="$(nproc)"
    local conf
    conf="$(
        cat <<EOF
${MARKER}: a one-node cluster without systemd (see that script).
ClusterName=clustersim
SlurmctldHost=localhost
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
StateSaveLocation=${HOME_DIR}/state
SlurmdSpoolDir=${HOME_DIR}/spool
SlurmctldPidFile=${HOME_DIR}/run/slurmctld.pid
SlurmdPidFile=${HOME_DIR}/run/slurmd.pid
SlurmctldLogFile=${HOME_DIR}/log/slurmctld.log
SlurmdLogFile=${HOME_DIR}/log/slurmd.log
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
NodeName=localhost NodeAddr=127.0.0.1 CPUs=${cpus} State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
    )"
    if [[ -f $CONF ]] && [[ "$(cat "$CONF")" == "$conf" ]]; then
        log "${CONF} is up to date"
    else
        printf '%s\n' "$conf" >"$CONF"
        log "wrote ${CONF} (one node, localhost, ${cpus} CPUs; files under ${HOME_DIR})"
    fi
}

start_daemons() {
    if running "${HOME_DIR}/run/slurmctld.pid" slurmctld; then
        log "slurmctld is running (pid $(cat "${HOME_DIR}/run/slurmctld.pid"))"
    else
        log "starting slurmctld (log: ${HOME_DIR}/log/slurmctld.log)"
        # -i: start even if the saved state cannot be read (a state left by another Slurm version).
        setsid slurmctld -i </dev/null >/dev/null 2>&1 || die "slurmctld did not start; see ${HOME_DIR}/log/slurmctld.log"
    fi
    if running "${HOME_DIR}/run/slurmd.pid" slurmd; then
        log "slurmd is running (pid $(cat "${HOME_DIR}/run/slurmd.pid"))"
    else
        log "starting slurmd (log: ${HOME_DIR}/log/slurmd.log)"
        setsid slurmd -N localhost </dev/null >/dev/null 2>&1 || die "slurmd did not start; see ${HOME_DIR}/log/slurmd.log"
    fi
    local deadline=$((SECONDS + START_TIMEOUT)) state
    while ! node_up; do
        state="$(node_state)"
        if [[ $state == down* || $state == drain* ]]; then
            log "the node is ${state}; resuming it"
            scontrol update NodeName=localhost State=RESUME >/dev/null 2>&1 || true
        fi
        if ((SECONDS >= deadline)); then
            tail -n 15 "${HOME_DIR}/log/slurmctld.log" "${HOME_DIR}/log/slurmd.log" >&2 || true
            die "the node is not up after ${START_TIMEOUT}s (state: ${state:-no answer})"
        fi
        sleep 1
    done
    log "the node is $(node_state)"
}

verify() {
    local id state
    id="$(timeout 120 sbatch --parsable --wait -J clustersim-setup-check -o /dev/null --wrap true)" ||
        die "sbatch --wait --wrap true failed"
    state="$(scontrol show job "$id" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | head -n 1 || true)"
    [[ $state == JobState=COMPLETED ]] || die "the check job ${id} ended ${state:-unknown}"
    log "verified: sbatch --wait --wrap true -> job ${id} COMPLETED"
}

main() {
    if slurm_answers; then
        log "Slurm already answers (node $(node_state))"
    else
        apt_install slurm-wlm munge
        start_munge
        write_conf
        start_daemons
    fi
    verify
}

main "$@"
