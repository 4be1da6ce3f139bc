#!/usr/bin/env bash
# Measures master failover on this machine with default settings (--leader-ttl 5s, --heartbeat 15s):
#   bash tools/bench-failover.sh [FAILOVERS, default 10]
# Starts an etcd of its own on free loopback ports, three masters (clustersim master --etcd), three agents
# naming all masters, and the example Python framework with a task too big for any agent (so it declines
# every offer and the leader keeps making them, and no container runs). Then, FAILOVERS times: SIGKILL the
# leader and time (a) until a new leader logs "serving offers" (its first offer after its election) and
# (b) until all three agents have re-registered with it; the killed master is started again as a standby.
# Prints one CSV row per failover and the distribution. Needs a Release build of Experiments, etcd
# (tools/setup-etcd.sh), python3 and Docker (agents ask it for the host's size). Stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."

readonly FAILOVERS="${1:-10}"
readonly BIN="Experiments/bin/Release/net10.0/clustersim.dll"
[[ -f $BIN ]] || { echo "bench-failover: build first: dotnet build Experiments -c Release" >&2; exit 2; }
command -v etcd >/dev/null || { echo "bench-failover: etcd is missing; run tools/setup-etcd.sh as root" >&2; exit 2; }

DIR="$(mktemp -d /tmp/clustersim-failover.XXXXXX)"
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$DIR"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
# Waits (at most $3 seconds) until file $1 has at least $4 lines matching $2 after line $5; prints nothing.
wait_for() {
    local file=$1 pattern=$2 limit=$3 count=${4:-1} after=${5:-0} deadline
    deadline=$(( $(date +%s) + limit ))
    until [[ $(tail -n +"$((after + 1))" "$file" 2>/dev/null | grep -c -- "$pattern" || true) -ge $count ]]; do
        [[ $(date +%s) -lt $deadline ]] || { echo "bench-failover: no '$pattern' in $file within ${limit}s" >&2; tail -5 "$file" >&2; exit 1; }
        sleep 0.05
    done
}

echo "token-$RANDOM$RANDOM" >"$DIR/token"
client=$(free_port); peer=$(free_port)
etcd --name bench --data-dir "$DIR/etcd" --listen-client-urls "http://127.0.0.1:$client" \
    --advertise-client-urls "http://127.0.0.1:$client" --listen-peer-urls "http://127.0.0.1:$peer" \
    --initial-advertise-peer-urls "http://127.0.0.1:$peer" --initial-cluster "bench=http://127.0.0.1:$peer" \
    >"$DIR/etcd.log" 2>&1 &
PIDS+=($!)
wait_for "$DIR/etcd.log" "ready to serve client requests" 30

declare -a URL MPID
start_master() {  # $1: index; the same port each time, so that clients' lists stay true
    dotnet "$BIN" master --listen "${URL[$1]}" --token-file "$DIR/token" --etcd "http://127.0.0.1:$client" \
        >>"$DIR/master-$1.log" 2>&1 &
    MPID[$1]=$!
    PIDS+=($!)
}
for i in 0 1 2; do URL[$i]="http://127.0.0.1:$(free_port)"; start_master "$i"; done
for i in 0 1 2; do wait_for "$DIR/master-$i.log" "master listening on" 60; done
MASTERS="${URL[0]},${URL[1]},${URL[2]}"
for i in 0 1 2; do
    dotnet "$BIN" agent --master "$MASTERS" --listen "http://127.0.0.1:0" --name "bench-a$i" \
        --resources "cpus:0.5;mem:256" --token-file "$DIR/token" >"$DIR/agent-$i.log" 2>&1 &
    PIDS+=($!)
done
for i in 0 1 2; do wait_for "$DIR/agent-$i.log" "registered with" 60; done
python3 examples/python-framework/framework.py --master "$MASTERS" --principal clustersim --secret-file "$DIR/token" \
    --role bench --tasks 1 --cpus 1 --mem 64 --command true --failover-timeout 600 >"$DIR/framework.log" 2>&1 &
PIDS+=($!)
wait_for "$DIR/framework.log" "subscribed as framework" 60

leader_index() {
    local leader i
    leader=$(curl -s -H "Authorization: Bearer $(cat "$DIR/token")" "${URL[0]}/state" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("leader") or "")' 2>/dev/null || true)
    for i in 0 1 2; do [[ ${URL[$i]} == "$leader" ]] && { echo "$i"; return; }; done
    echo -1
}

echo "failover,leader_killed,new_leader,offers_s,agents_s"
results=()
for n in $(seq 1 "$FAILOVERS"); do
    old=-1
    until [[ $old -ge 0 ]]; do old=$(leader_index); [[ $old -ge 0 ]] || sleep 0.1; done
    # Lines already in each master's log: only what comes after the kill counts.
    declare -a BEFORE
    for i in 0 1 2; do BEFORE[$i]=$(wc -l <"$DIR/master-$i.log"); done
    t0=$(now)
    kill -9 "${MPID[$old]}"
    new=-1
    until [[ $new -ge 0 ]]; do
        for i in 0 1 2; do
            [[ $i -ne $old ]] && tail -n +"$((BEFORE[$i] + 1))" "$DIR/master-$i.log" | grep -q "serving offers" && new=$i
        done
        [[ $new -ge 0 ]] || sleep 0.05
        awk -v a="$(now)" -v b="$t0" 'BEGIN { exit !(a - b > 60) }' && { echo "bench-failover: no new leader served offers within 60 s" >&2; exit 1; }
    done
    t1=$(now)
    wait_for "$DIR/master-$new.log" "re-registered after the master failover" 60 3 "${BEFORE[$new]}"
    t2=$(now)
    offers=$(awk -v a="$t1" -v b="$t0" 'BEGIN { printf "%.2f", a - b }')
    agents=$(awk -v a="$t2" -v b="$t0" 'BEGIN { printf "%.2f", a - b }')
    echo "$n,$old,$new,$offers,$agents"
    results+=("$offers $agents")
    start_master "$old"
    wait_for "$DIR/master-$old.log" "standing by for leadership" 60 1 "${BEFORE[$old]}"
done

printf '%s\n' "${results[@]}" | python3 -c '
import statistics, sys
rows = [tuple(map(float, line.split())) for line in sys.stdin if line.strip()]
for name, values in (("new leader serving offers", [r[0] for r in rows]), ("all agents re-registered", [r[1] for r in rows])):
    v = sorted(values)
    p90 = v[min(len(v) - 1, int(round(0.9 * (len(v) - 1))))]
    print(f"{name}: n={len(v)} min {v[0]:.2f} s, median {statistics.median(v):.2f} s, p90 {p90:.2f} s, max {v[-1]:.2f} s")
'
