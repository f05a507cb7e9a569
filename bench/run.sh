#!/usr/bin/env bash
# Runs every perfwatch benchmark (JMH in-process, then wrk end-to-end) and prints one table.
# About 9 minutes on 2 cores. Needs java 17, wrk and python3. Usage: bench/run.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=bench/target/benchmarks.jar
OUT=${OUT:-bench/target/results}
mkdir -p "$OUT"
[[ -f $JAR ]] || mvn -B -q install -DskipTests

# Long warm-ups: short ones were bimodal on this shared 2-core machine.
# wrk: the JIT of a server is still compiling 10 s into a run (its compiler threads took a quarter of the process's
# CPU then), so each server is warmed for WARM_S before the alternating rounds.
if [[ ${1:-} == --quick ]]; then RUNS="-f 1 -wi 1 -w 1 -i 1 -r 1"; WARM_S=2; WRK_S=2; ROUNDS=1
else RUNS="-f 1 -wi 4 -w 2 -i 4 -r 1"; WARM_S=20; WRK_S=6; ROUNDS=5; fi
jmh() { local name=$1; shift; java -jar "$JAR" ${RUNS_OVERRIDE:-$RUNS} -rf json -rff "$OUT/$name.json" "$@" > "$OUT/$name.log" 2>&1 || { tail -30 "$OUT/$name.log"; exit 1; }; }

echo "JMH: HTTP hot path (1 and 2 threads), JDBC, scrape, rules..." >&2
jmh http-t1 'HttpHotPathBenchmark' -t 1 -prof gc
# 2 threads: forks differ (where the two threads' stripes and meters land), so three short forks instead of one
if [[ ${1:-} == --quick ]]; then T2_RUNS=$RUNS; else T2_RUNS="-f 3 -wi 3 -w 2 -i 3 -r 1"; fi
RUNS_OVERRIDE=$T2_RUNS jmh http-t2 'HttpHotPathBenchmark' -t 2 -prof gc
jmh jdbc 'JdbcBenchmark' -prof gc
jmh jdbc-listener 'JdbcListenerBenchmark' -prof gc
jmh scrape 'ScrapeBenchmark'
jmh rules 'RuleEvaluationBenchmark'
java -cp "$JAR" io.perfwatch.bench.ScrapeBenchmark > "$OUT/scrape-size.txt"

# wrk: each app bare and instrumented, both servers up at once, warmed, then alternating rounds. CPU per request
# is the server process's utime+stime (/proc/<pid>/stat fields 14 and 15, in clock ticks) over the round.
TICK=$(getconf CLK_TCK)
: > "$OUT/wrk.txt"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
start_server() { # app variant -> "pid port"
  local log="$OUT/server-$1-$2.log"
  java -Xmx512m -cp "$JAR" io.perfwatch.bench.EndToEndServer "$1" "$2" 0 > "$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 120); do grep -q '^port=' "$log" && break; sleep 0.5; done
  echo "$pid $(grep -o '^port=[0-9]*' "$log" | cut -d= -f2)"
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
for app in hello demo; do
  path=/hello; [[ $app == demo ]] && path=/api/transactions/1
  read -r bare_pid bare_port < <(start_server "$app" bare); PIDS+=("$bare_pid")
  read -r inst_pid inst_port < <(start_server "$app" instrumented); PIDS+=("$inst_pid")
  echo "wrk: $app ($path), warm-up ${WARM_S}s each, then $ROUNDS alternating rounds of ${WRK_S}s..." >&2
  for variant in bare instrumented; do # warm-up
    port=$bare_port; [[ $variant == instrumented ]] && port=$inst_port
    wrk -t2 -c32 -d"$WARM_S"s "http://localhost:$port$path" > /dev/null
  done
  for round in $(seq 1 "$ROUNDS"); do
    for variant in bare instrumented; do
      pid=$bare_pid; port=$bare_port
      [[ $variant == instrumented ]] && { pid=$inst_pid; port=$inst_port; }
      before=$(cpu_ticks "$pid")
      report=$(wrk -t2 -c32 -d"$WRK_S"s "http://localhost:$port$path")
      after=$(cpu_ticks "$pid")
      requests=$(awk '/requests in/ {print $1}' <<< "$report")
      rps=$(awk '/Requests\/sec/ {print $2}' <<< "$report")
      non2xx=$(awk '/Non-2xx/ {print $NF}' <<< "$report")
      echo "$app $variant $round $requests $rps $(( (after - before) * 1000000 / TICK )) ${non2xx:-0}" >> "$OUT/wrk.txt"
    done
  done
  kill "$bare_pid" "$inst_pid"; wait "$bare_pid" "$inst_pid" 2>/dev/null || true
done

python3 bench/table.py "$OUT"
