"""Prints run.sh's results as one Markdown table: medians of the measured iterations, ratios to the baseline."""
import json
import statistics
import sys
from pathlib import Path

out = Path(sys.argv[1])


def load(name):
    rows = {}
    for r in json.loads((out / f"{name}.json").read_text()):
        key = r["benchmark"].rsplit(".", 1)[1] + "".join(f" {k}={v}" for k, v in sorted(r.get("params", {}).items()))
        raw = [x for fork in r["primaryMetric"]["rawData"] for x in fork]
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        rows[key] = (statistics.median(raw), r["primaryMetric"]["scoreUnit"],
                     statistics.median([x for f in alloc["rawData"] for x in f]) if alloc else None,
                     [statistics.median(fork) for fork in r["primaryMetric"]["rawData"]])
    return rows


print("| benchmark | case | median | vs baseline | bytes/op | target |")
print("|---|---|---|---|---|---|")
for threads in (1, 2):
    h = load(f"http-t{threads}")
    bare = h["bare"][0]
    plain = h["micrometerTimer"][0] - bare
    buckets = h["micrometerTimerWithBuckets"][0] - bare
    for case in ("bare", "micrometerTimer", "micrometerTimerWithBuckets", "perfwatch"):
        score, unit, alloc, forks = h[case]
        extra = "" if case == "bare" else f"+{score - bare:.0f} ns"
        if len(forks) > 1:
            extra += f" (forks: {', '.join(f'{f:.0f}' for f in forks)})"
        if case == "perfwatch":
            extra += (f" ({(score - bare) / buckets:.2f}x hand-written with buckets, {(score - bare) / plain:.2f}x without)"
                      if buckets > 0 and plain > 0 else " (a hand-written baseline measured no cost: no ratio)")
        target = "< 1 µs, < 256 B, ≤ hand-written" if case == "perfwatch" else ""
        print(f"| HTTP hot path, {threads} thread{'s' if threads > 1 else ''} | {case} | {score:.0f} {unit} | {extra} "
              f"| {alloc:.0f} | {target} |")
j = load("jdbc")
raw, noop, pw = (j[f"selectByPrimaryKey path={p}"] for p in ("raw", "p6spyNoop", "perfwatch"))
print(f"| JDBC PK select (H2) | raw | {raw[0]:.0f} ns/op | | {raw[2]:.0f} | |")
print(f"| JDBC PK select (H2) | P6Spy no-op listener | {noop[0]:.0f} ns/op | +{noop[0] - raw[0]:.0f} ns over raw "
      f"| {noop[2]:.0f} | |")
print(f"| JDBC PK select (H2) | perfwatch listener | {pw[0]:.0f} ns/op | {pw[0] - noop[0]:+.0f} ns over no-op "
      f"| {pw[2]:.0f} | < +500 ns over no-op |")
jl = load("jdbc-listener")
print(f"| JDBC listener alone (no DB) | P6Spy no-op listener | {jl['noop'][0]:.0f} ns/op | | {jl['noop'][2]:.0f} | |")
print(f"| JDBC listener alone (no DB) | perfwatch listener | {jl['perfwatch'][0]:.0f} ns/op "
      f"| +{jl['perfwatch'][0] - jl['noop'][0]:.0f} ns over no-op | {jl['perfwatch'][2]:.0f} | < +500 ns over no-op |")
s = {**load("scrape"), **load("scrape-10k")}
sizes = {}
for line in (out / "scrape-size.txt").read_text().split("\n"):
    if line.startswith("scrape-size"):
        f = dict(kv.split("=") for kv in line.split()[1:])
        sizes[(line.split()[0], f["format"], f["series"])] = (int(f["bytes"]), float(f["bytes_per_series"]))
for fmt, label in (("TEXT", "text 0.0.4"), ("PROTOBUF", "protobuf, what Prometheus asks for as compose starts it")):
    default_size, default_per = sizes[("scrape-size-micrometer-default", fmt, "1000")]
    for n in ("100", "1000", "10000"):
        score, unit, _, _ = s[f"scrape format={fmt} series={n}"]
        size, per = sizes[("scrape-size", fmt, n)]
        print(f"| scrape ({label}) | {n} HTTP series | {score:.2f} {unit} | {size / 1024:.0f} KB, {per:.0f} B/series "
              f"({per / default_per:.2f}x Micrometer's default histogram in the same format) "
              f"| | {'< 10 ms; ' if n == '1000' else ''}≤ 1.5 KB/series, linear |")
    print(f"| scrape size, baseline ({label}) | 1000 series as Micrometer's default percentile histogram | | "
          f"{default_size / 1024:.0f} KB, {default_per:.0f} B/series | | |")
r = load("rules")
for key, label in (("endpoints=500 rules=100", "100 rules × 500 endpoints"), ("endpoints=500 rules=shipped",
                                                                               "shipped rules × 500 endpoints")):
    score, unit, _, _ = r[f"evaluateOneCycle {key}"]
    print(f"| rule evaluation | {label} | {score:.1f} {unit} | | | < 10 ms |")

for line in (out / "store-contention.txt").read_text().split("\n"):
    if line.startswith("store-contention"):
        f = dict(kv.split("=") for kv in line.split()[1:])
        shared, own = float(f["shared_ns"]), float(f["own_ns"])
        print(f"| store record, 2 threads, one endpoint | {f['case']} | {shared:.0f} ns/record | {shared / own:.2f}x "
              f"each thread on a store of its own ({own:.0f} ns) | | |")
m = dict(kv.split("=") for kv in (out / "store-memory.txt").read_text().split("\n")[0].split()[1:])
mb, rollups = int(m["bytes"]) / 1e6, int(m["rollups"])
print(f"| store memory at its caps | {int(m['endpoints']):,} endpoints, {int(m['fingerprints']):,} fingerprints, "
      f"{int(m['tenants'])} tenants, {m['history_hours']} h of history, {int(m['retention']):,} per raw ring; "
      f"{m['per_key_minute']} requests per endpoint-minute, 1..1000 ms | | {mb:.1f} MB retained, {rollups:,} rollups "
      f"({int(m['bytes']) / rollups:.0f} B each, raw rings included) | | |")

wrk = {}
for line in (out / "wrk.txt").read_text().split("\n"):
    if line.strip():
        app, variant, _, requests, rps, cpu_us, non2xx = line.split()
        if int(requests) == 0:
            sys.exit(f"wrk: the {variant} {app} server answered no request in a round; see its log in {out}")
        wrk.setdefault((app, variant), []).append((float(rps), int(cpu_us) / int(requests), int(non2xx)))
for app, label in (("hello", "wrk hello world"), ("demo", "wrk GET /api/transactions/:id")):
    b, i = wrk[(app, "bare")], wrk[(app, "instrumented")]
    b_rps, i_rps = statistics.median(x[0] for x in b), statistics.median(x[0] for x in i)
    b_cpu, i_cpu = statistics.median(x[1] for x in b), statistics.median(x[1] for x in i)
    # each round's instrumented server against the bare one loaded at the same time: the machine's speed drifts
    ratios = sorted(y[1] / x[1] for x, y in zip(b, i))
    errors = sum(x[2] for x in b + i)
    print(f"| {label} (-t2 -c32) | bare | {b_rps:.0f} req/s, {b_cpu:.1f} µs CPU/req | | | |")
    print(f"| {label} (-t2 -c32) | instrumented | {i_rps:.0f} req/s, {i_cpu:.1f} µs CPU/req "
          f"| {i_rps / b_rps:.2f}x req/s, {(statistics.median(ratios) - 1) * 100:+.1f} % CPU/req (median of "
          f"{len(ratios)} simultaneous rounds: {', '.join(f'{(r - 1) * 100:+.0f}' for r in ratios)} %) | | CPU/req within 5 % "
          f"{'(non-2xx: ' + str(errors) + ')' if errors else ''}|")
