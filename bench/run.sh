#!/usr/bin/env bash
# Runs every perfwatch benchmark (JMH in-process, then wrk end-to-end) and prints one table.
# About 9.5 minutes on 2 cores. Needs java 17, wrk and python3. Usage: bench/run.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=bench/target/benchmarks.jar
OUT=${OUT:-bench/target/results}
mkdir -p "$OUT"
[[ -f $JAR ]] || mvn -B -q package -DskipTests -pl bench -am

# Long warm-ups: short ones were bimodal on this shared 2-core machine.
# wrk: the JIT of a server is still compiling 10 s into a run (its compiler threads took a quarter of the process's
# CPU then), and the demo servers' throughput kept rising for 50 s when loaded together (3,800 -> 11,300 req/s), so
# they are warmed for WARM_S (hello) and DEMO_WARM_S before the measured rounds.
if [[ ${1:-} == --quick ]]; then RUNS="-f 1 -wi 1 -w 1 -i 1 -r 1"; WARM_S=2; DEMO_WARM_S=2; WRK_S=2; ROUNDS=1
else RUNS="-f 1 -wi 4 -w 2 -i 4 -r 1"; WARM_S=15; DEMO_WARM_S=50; WRK_S=6; ROUNDS=8; fi
# jmh NAME RUNS ARGS...: RUNS are the fork and iteration options
jmh() { local name=$1 runs=$2; shift 2; java -jar "$JAR" $runs -rf json -rff "$OUT/$name.json" "$@" > "$OUT/$name.log" 2>&1 || { tail -30 "$OUT/$name.log"; exit 1; }; }

echo "JMH: HTTP hot path (1 and 2 threads), JDBC, scrape, rules..." >&2
jmh http-t1 "$RUNS" 'HttpHotPathBenchmark' -t 1 -prof gc
# 2 threads: results are bimodal per fork on this VM (see README), so three short forks instead of one
if [[ ${1:-} == --quick ]]; then T2_RUNS=$RUNS; else T2_RUNS="-f 3 -wi 3 -w 2 -i 3 -r 1"; fi
jmh http-t2 "$T2_RUNS" 'HttpHotPathBenchmark' -t 2 -prof gc
# JDBC: five cases of about a microsecond, warm well within 6 s
if [[ ${1:-} == --quick ]]; then JDBC_RUNS=$RUNS; else JDBC_RUNS="-f 1 -wi 3 -w 2 -i 4 -r 1"; fi
jmh jdbc "$JDBC_RUNS" 'JdbcBenchmark' -prof gc
jmh jdbc-listener "$JDBC_RUNS" 'JdbcListenerBenchmark' -prof gc
# scrape: 100 and 1,000 series take milliseconds, so short iterations; 10,000 series ran at 500-900 ms per scrape for
# its first 12 s and at 100-240 ms after, so it gets a long warm-up of its own
if [[ ${1:-} == --quick ]]; then SCRAPE_RUNS=$RUNS; SCRAPE_10K_RUNS=$RUNS
else SCRAPE_RUNS="-f 1 -wi 3 -w 1 -i 3 -r 1"; SCRAPE_10K_RUNS="-f 1 -wi 7 -w 2 -i 3 -r 2"; fi
jmh scrape "$SCRAPE_RUNS" 'ScrapeBenchmark' -p series=100,1000
jmh scrape-10k "$SCRAPE_10K_RUNS" 'ScrapeBenchmark' -p series=10000
# rules: a cycle of 100 rules was still getting faster after 10 s of warm-up (13.7 -> 4.2 ms per cycle)
if [[ ${1:-} == --quick ]]; then RULES_RUNS=$RUNS; else RULES_RUNS="-f 1 -wi 5 -w 2 -i 4 -r 2"; fi
jmh rules "$RULES_RUNS" 'RuleEvaluationBenchmark'
java -cp "$JAR" io.perfwatch.bench.ScrapeBenchmark > "$OUT/scrape-size.txt"
java -cp "$JAR" io.perfwatch.bench.StoreContention ${1:-} > "$OUT/store-contention.txt"
echo "Store memory at the default caps..." >&2
java -Xmx2g -cp "$JAR" io.perfwatch.bench.StoreMemory ${1:-} > "$OUT/store-memory.txt"

# wrk: each app bare and instrumented, both servers up and loaded at the same time (one wrk each), so that the
# machine's drift in speed, which moved single runs by tens of percent here, hits both alike. CPU per request is
# each server process's utime+stime (/proc/<pid>/stat fields 14 and 15, in clock ticks) over the same round.
TICK=$(getconf CLK_TCK)
: > "$OUT/wrk.txt"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
start_server() { # app variant -> "pid port"
  local log="$OUT/server-$1-$2.log"
  java -Xmx512m -cp "$JAR" io.perfwatch.bench.EndToEndServer "$1" "$2" 0 > "$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 120); do grep -q '^port=' "$log" && break; sleep 0.5; done
  grep -q '^port=' "$log" || { echo "the $1 $2 server did not start in 60 s; its log:" >&2; tail -20 "$log" >&2; exit 1; }
  echo "$pid $(grep -o '^port=[0-9]*' "$log" | cut -d= -f2)"
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
load_both() { # seconds -> the two wrk reports in $OUT/wrk-bare.out and $OUT/wrk-instrumented.out
  wrk -t2 -c32 -d"$1"s "http://localhost:$bare_port$path" > "$OUT/wrk-bare.out" &
  local bare_wrk=$!
  PIDS+=("$bare_wrk")
  wrk -t2 -c32 -d"$1"s "http://localhost:$inst_port$path" > "$OUT/wrk-instrumented.out"
  wait "$bare_wrk"
}
for app in hello demo; do
  path=/hello; warm=$WARM_S; [[ $app == demo ]] && { path=/api/transactions/1; warm=$DEMO_WARM_S; }
  read -r bare_pid bare_port < <(start_server "$app" bare); PIDS+=("$bare_pid")
  read -r inst_pid inst_port < <(start_server "$app" instrumented); PIDS+=("$inst_pid")
  [[ -n ${bare_port:-} && -n ${inst_port:-} ]] || exit 1 # start_server said why
  echo "wrk: $app ($path), both servers at once: warm-up ${warm}s, then $ROUNDS rounds of ${WRK_S}s..." >&2
  load_both "$warm"
  for round in $(seq 1 "$ROUNDS"); do
    bare_before=$(cpu_ticks "$bare_pid"); inst_before=$(cpu_ticks "$inst_pid")
    load_both "$WRK_S"
    bare_after=$(cpu_ticks "$bare_pid"); inst_after=$(cpu_ticks "$inst_pid")
    for variant in bare instrumented; do
      report=$(cat "$OUT/wrk-$variant.out")
      ticks=$(( bare_after - bare_before )); [[ $variant == instrumented ]] && ticks=$(( inst_after - inst_before ))
      requests=$(awk '/requests in/ {print $1}' <<< "$report")
      rps=$(awk '/Requests\/sec/ {print $2}' <<< "$report")
      non2xx=$(awk '/Non-2xx/ {print $NF}' <<< "$report")
      echo "$app $variant $round $requests $rps $(( ticks * 1000000 / TICK )) ${non2xx:-0}" >> "$OUT/wrk.txt"
    done
  done
  kill "$bare_pid" "$inst_pid"; wait "$bare_pid" "$inst_pid" 2>/dev/null || true
done

python3 bench/table.py "$OUT"
