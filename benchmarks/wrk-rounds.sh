#!/bin/bash
# Side by side under wrk: alternates two URLs of one server for several rounds, so that both see the
# same machine (a shared 2-core machine drifts by 10-20 % between minutes), and prints per run the
# requests/s, p99, non-2xx answers and the server's CPU time per request (utime + stime of its
# process, from /proc), then per round the B/A throughput ratio.
#
# usage: benchmarks/wrk-rounds.sh SERVER_PID ROUNDS SECONDS URL_A URL_B
# env:   TOKEN (sent as a bearer token to both URLs), CONNECTIONS (default 32)
set -euo pipefail
pid=$1 rounds=$2 seconds=$3 url_a=$4 url_b=$5
ticks=$(getconf CLK_TCK)

run() {
    local url=$1 before after out requests
    before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    out=$(wrk -t2 -c"${CONNECTIONS:-32}" -d"${seconds}s" --latency ${TOKEN:+-H "Authorization: Bearer $TOKEN"} "$url")
    after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    requests=$(echo "$out" | awk '/requests in/ {print $1}')
    echo "$url rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}') p99=$(echo "$out" | awk '$1 == "99%" {print $2}')" \
        "non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}' | grep . || echo 0)" \
        "serverCpuPerRequest=$(awk -v t=$((after - before)) -v r="$requests" -v hz="$ticks" 'BEGIN {printf "%.1fus", t / hz * 1e6 / r}')"
}

for round in $(seq 1 "$rounds"); do
    a=$(run "$url_a"); b=$(run "$url_b")
    echo "$a"; echo "$b"
    echo "round $round: B/A $(awk -v a="$(echo "$a" | sed 's/.*rps=\([0-9.]*\).*/\1/')" \
        -v b="$(echo "$b" | sed 's/.*rps=\([0-9.]*\).*/\1/')" 'BEGIN {printf "%.1f %%", 100 * b / a}')"
done
