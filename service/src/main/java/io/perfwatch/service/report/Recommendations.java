package io.perfwatch.service.report;

import io.perfwatch.exporter.config.Thresholds;
import io.perfwatch.exporter.store.EndpointStats;
import io.perfwatch.exporter.store.NPlusOneFinding;
import io.perfwatch.exporter.store.QueryStats;
import io.perfwatch.exporter.store.WindowStats;
import io.perfwatch.rules.alert.Alert;
import io.perfwatch.rules.alert.ScopeLabels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Recommendations from the window and the alerts: every firing alert's own advice (which names its endpoint,
 * table or fingerprint), plus what the data shows even below alert thresholds: repeated statements within one
 * request, statements slower than the query threshold (with the advice a slow-query alert would give), endpoints
 * that make many queries per request. Each finding is listed once: one per detector and scope (the most severe
 * alert's), and nothing from the data that an alert already covers (the same endpoint and table for N+1, the same
 * statement for slow queries).
 */
public final class Recommendations {
  static final int MAX = 20;

  private Recommendations() {}

  /** {@code queryAdvice}: what the slow-query alerts advise for a statement (the rule engine's, schema-checked). */
  public static List<Recommendation> of(WindowStats window, List<Alert> alerts, Thresholds thresholds,
      Function<QueryStats, String> queryAdvice) {
    Map<String, Recommendation> byKey = new LinkedHashMap<>();
    Set<String> covered = new HashSet<>();
    alerts.stream().sorted(Comparator.comparing(Alert::severity).reversed()).forEach(a -> {
      covered.add(coverage(a));
      byKey.putIfAbsent(a.detector() + new TreeMap<>(a.scope()), new Recommendation(category(a.detector()),
          a.severity().label(), a.summary(), a.recommendation(), evidence(a.scope())));
    });
    if (!covered.contains("n_plus_one overall")) {
      nPlusOne(window.nPlusOne()).stream().filter(r -> !covered.contains("n_plus_one " + r.evidence()))
          .forEach(r -> byKey.putIfAbsent(r.evidence(), r));
    }
    for (QueryStats q : window.queries()) {
      if (q.avgMs() > thresholds.maxQueryTimeMs() && byKey.size() < MAX
          && !covered.contains("slow_query " + q.fingerprint())) {
        byKey.putIfAbsent(q.fingerprint(), new Recommendation("database", "medium",
            String.format(Locale.ROOT, "Slow %s on %s: %.1f ms on average over %d runs", q.operation(), q.table(),
                q.avgMs(), q.count()),
            queryAdvice.apply(q), q.fingerprint()));
      }
    }
    for (EndpointStats e : window.endpoints()) {
      if (e.avgQueriesPerRequest() >= 10 && byKey.size() < MAX) {
        String endpoint = e.method() + " " + e.route();
        byKey.putIfAbsent(endpoint + "#queries", new Recommendation("caching", "low",
            String.format(Locale.ROOT, "%s makes %.1f queries per request", endpoint, e.avgQueriesPerRequest()),
            "Cache data that rarely changes, or fetch it in fewer, larger queries.", endpoint));
      }
    }
    return byKey.values().stream().limit(MAX).toList();
  }

  private static List<Recommendation> nPlusOne(List<NPlusOneFinding> findings) {
    Map<String, List<NPlusOneFinding>> byEndpointAndTable = findings.stream().collect(Collectors.groupingBy(
        f -> f.method() + " " + f.route() + " / " + f.table(), LinkedHashMap::new, Collectors.toList()));
    List<Recommendation> out = new ArrayList<>();
    byEndpointAndTable.forEach((key, list) -> {
      NPlusOneFinding worst = list.stream().max(Comparator.comparingInt(NPlusOneFinding::repeats)).orElseThrow();
      Set<String> fingerprints = new LinkedHashSet<>();
      list.forEach(f -> fingerprints.add(f.fingerprint()));
      out.add(new Recommendation("database", "medium",
          String.format(Locale.ROOT, "N+1 queries: %s %s runs a query on %s up to %d times per request (%d requests)",
              worst.method(), worst.route(), worst.table(), worst.repeats(), list.size()),
          "Load the " + worst.table() + " rows in one query (WHERE id IN (...)) or a JOIN instead of one per row: "
              + String.join("; ", fingerprints),
          key));
    });
    return out;
  }

  /** What an alert covers, in the keys the data-derived recommendations use. */
  private static String coverage(Alert a) {
    Map<String, String> scope = a.scope();
    return switch (a.detector()) {
      case "n_plus_one" -> scope.containsKey(ScopeLabels.TABLE)
          ? "n_plus_one " + scope.get(ScopeLabels.METHOD) + " " + scope.get(ScopeLabels.URI) + " / "
              + scope.get(ScopeLabels.TABLE)
          : "n_plus_one overall";
      case "slow_query" -> "slow_query " + a.details().getOrDefault("fingerprint", "");
      default -> a.detector();
    };
  }

  private static String category(String detector) {
    return switch (detector) {
      case "slow_query", "n_plus_one" -> "database";
      case "resource" -> "resources";
      case "error_rate" -> "reliability";
      default -> "code";
    };
  }

  private static String evidence(Map<String, String> scope) {
    return scope.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
  }
}
