package io.perfwatch.rules.engine;

import io.perfwatch.exporter.store.NPlusOneFinding;
import io.perfwatch.rules.alert.ScopeLabels;
import io.perfwatch.rules.yaml.RuleDefinition;
import io.perfwatch.rules.yaml.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Spec detector 4: the exporter's N+1 findings of the window, grouped by endpoint and table (or all together for
 * {@code scope: overall}). The value is the number of requests that showed the pattern.
 */
final class NPlusOneDetector implements BottleneckDetector {

  /** What the candidates depend on: rules that agree on these share them within a cycle. */
  private record Settings(Duration window, Scope scope, List<String> include, List<String> exclude) {}

  @Override
  public List<Candidate> candidates(RuleDefinition rule, Windows windows) {
    return windows.candidates(new Settings(rule.window(), rule.scope(), rule.include(), rule.exclude()),
        () -> compute(rule, windows));
  }

  private static List<Candidate> compute(RuleDefinition rule, Windows windows) {
    List<NPlusOneFinding> all = windows.current(rule).nPlusOne();
    if (rule.scope() == Scope.OVERALL) {
      return all.isEmpty() ? List.of() : List.of(new Candidate(Endpoints.OVERALL_SCOPE, all.size(), all.size(),
          true, 0, () -> describe("all endpoints", mostFrequent(all, NPlusOneFinding::table), all)));
    }
    Map<List<String>, List<NPlusOneFinding>> groups = new LinkedHashMap<>();
    for (NPlusOneFinding f : all) {
      if (rule.matchesRoute(f.route())) {
        groups.computeIfAbsent(List.of(f.method(), f.route(), f.table()), k -> new ArrayList<>()).add(f);
      }
    }
    List<Candidate> candidates = new ArrayList<>();
    groups.forEach((key, findings) -> candidates.add(candidate(key.get(0), key.get(1), key.get(2), findings,
        windows)));
    return candidates;
  }

  /** A single finding is already a verdict: each one is a request that repeated a query. */
  @Override
  public long minTraffic(RuleDefinition rule) {
    return 1;
  }

  private static Candidate candidate(String method, String route, String table, List<NPlusOneFinding> findings,
      Windows windows) {
    int count = findings.size();
    Map<String, String> scope = Map.of(ScopeLabels.METHOD, method, ScopeLabels.URI, route, ScopeLabels.TABLE, table);
    return new Candidate(windows.scope(scope), count, count, true, 0,
        () -> describe(method + " " + route, table, findings));
  }

  private static String mostFrequent(List<NPlusOneFinding> findings, Function<NPlusOneFinding, String> key) {
    return findings.stream().collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.counting()))
        .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  private static Candidate.Description describe(String endpoint, String table, List<NPlusOneFinding> findings) {
    String fingerprint = mostFrequent(findings, NPlusOneFinding::fingerprint);
    int maxRepeats = findings.stream().mapToInt(NPlusOneFinding::repeats).max().orElse(0);
    double totalMs = findings.stream().mapToLong(NPlusOneFinding::totalNanos).sum() / 1e6;
    int count = findings.size();
    String summary = Texts.capitalize(endpoint) + " ran the same query on " + table + " up to " + maxRepeats + " times per request ("
        + count + " requests, " + Texts.num(totalMs) + " ms in total): " + fingerprint;
    Map<String, Object> details = Map.of("table", table, "fingerprint", fingerprint, "max_repeats", maxRepeats,
        "total_ms", Texts.number(totalMs), "count", count);
    Map<String, String> vars = Map.of("endpoint", endpoint, "table", table, "fingerprint", fingerprint,
        "count", Integer.toString(count));
    return new Candidate.Description(vars, details, summary, advice(endpoint, table, fingerprint, maxRepeats));
  }

  private static String advice(String endpoint, String table, String fingerprint, int maxRepeats) {
    String key = IndexAdvice.filteredColumns(fingerprint).stream().findFirst().orElse("id");
    return "Load the " + table + " rows of " + endpoint + " in one query instead of " + maxRepeats + ": batch them "
        + "with WHERE " + key + " IN (...) or JOIN " + table + " into the parent query (eager loading).";
  }
}
