#!/usr/bin/env bash
# The side-by-side benchmark of docs/benchmarks.md ("Spring Boot: Actuator alone vs with the starter"):
# the demo jar with ten 50 ms indicators (and, in the second scenario, one that hangs), once with the
# Health Monitor auto-configuration and once without it (excluded), under
# `wrk -t2 -c64 -d20s --latency` on /actuator/health, plus single requests timed by curl.
# Traffic goes to 127.0.0.1 only. Usage, from the repository root, after
#   ./mvnw -B package -pl examples/spring-boot -am -Dinvoker.skip=true -DskipTests
# examples/spring-boot/side-by-side.sh [port]
# WRK_OPTS="--timeout 10s" adds options to the measured wrk run (wrk's default timeout is 2 s: slower
# answers are counted as "timeout" and left out of its latency distribution).
set -u
JAR=$(ls examples/spring-boot/target/healthmonitor-examples-spring-boot-*.jar | grep -v original | head -1)
PORT=${1:-18090}
BASE=http://127.0.0.1:$PORT
EXCLUDE=$(paste -sd, spring-boot-autoconfigure/src/main/resources/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports)
LOGS=${LOGS:-/tmp/side-by-side}
mkdir -p "$LOGS"

count() { # the demo's indicator calls of one kind so far
  curl -s -m 5 "$BASE/actuator/metrics/demo.indicator.invocations?tag=kind:$1" \
    | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["measurements"][0]["value"]))' 2>/dev/null || echo "?"
}

run() { # $1 = starter|actuator, $2 = slow|hung
  local name="$1-$2" args=(--server.port="$PORT" --demo.slow-indicators=10
    --management.endpoints.web.exposure.include=health,metrics --logging.level.root=warn)
  [ "$1" = actuator ] && args+=(--spring.autoconfigure.exclude="$EXCLUDE")
  [ "$2" = hung ] && args+=(--demo.hung-indicator=true)
  java -jar "$JAR" "${args[@]}" > "$LOGS/$name.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 120); do curl -s -o /dev/null -m 2 "$BASE/actuator/metrics" && break; sleep 1; done
  echo "== $name  $(date -u +%FT%TZ)  load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  wrk -t2 -c8 -d5s "$BASE/actuator/health" > /dev/null 2>&1   # warm-up, off the record
  echo "-- single requests, 2 s apart (past the 1 s cache; curl -m 10):"
  for _ in 1 2 3 4 5; do
    sleep 2
    curl -s -o /dev/null -m 10 -w '%{http_code} %{time_total}s\n' "$BASE/actuator/health" || { echo "no answer in 10 s"; break; }
  done
  local slow0 hung0; slow0=$(count slow); hung0=$(count hung)
  echo "-- wrk -t2 -c64 -d20s --latency ${WRK_OPTS:-}(load average before: $(cut -d' ' -f1-3 /proc/loadavg)):"
  wrk -t2 -c64 -d20s --latency ${WRK_OPTS:-} "$BASE/actuator/health"
  local slow1 hung1; slow1=$(count slow); hung1=$(count hung)
  echo "-- indicator calls during wrk: slow=$((slow1 - slow0)) hung=$((hung1 - hung0)) (load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
  kill "$pid"
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -9 "$pid" 2>/dev/null && echo "(killed: no graceful stop in 40 s)"
  wait "$pid" 2>/dev/null
}

for scenario in slow hung; do
  for mode in actuator starter; do
    run "$mode" "$scenario"
  done
done
