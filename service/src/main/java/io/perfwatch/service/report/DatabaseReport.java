package io.perfwatch.service.report;

import io.perfwatch.exporter.store.NPlusOneFinding;
import io.perfwatch.exporter.store.QueryStats;
import io.perfwatch.exporter.store.WindowStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** {@code /database}: statement totals by operation and table, the slow statements and the N+1 patterns. */
public record DatabaseReport(
    int windowMinutes,
    long totalQueries,
    long errorCount,
    double avgQueryTimeMs,
    Map<String, Long> queriesByOperation,
    Map<String, Long> queriesByTable,
    double slowQueryThresholdMs,
    List<SlowQuery> slowQueries,
    List<RecentActivity.SlowStatement> slowestStatements,
    List<NPlusOnePattern> nPlusOne) {

  /** A normalized statement slower than the threshold on average (no literal values: they are never kept). */
  public record SlowQuery(String query, String operation, String table, long count, double avgMs, double p95Ms,
      double maxMs, double totalMs) {}

  /** Requests of one endpoint that repeated one statement on one table. */
  public record NPlusOnePattern(String endpoint, String table, String query, long occurrences, int maxRepeats) {}

  /** {@code slowest}: the slowest single statements, when the source keeps them (see {@link RecentActivity}). */
  public static DatabaseReport of(WindowStats w, int minutes, double slowMs, boolean includeSlowQueries,
      List<RecentActivity.SlowStatement> slowest) {
    long total = w.queries().stream().mapToLong(QueryStats::count).sum();
    double totalMs = w.queries().stream().mapToDouble(QueryStats::totalMs).sum();
    Map<String, Long> byOperation = new TreeMap<>();
    Map<String, Long> byTable = new TreeMap<>();
    for (QueryStats q : w.queries()) {
      byOperation.merge(q.operation(), q.count(), Long::sum);
      byTable.merge(q.table(), q.count(), Long::sum);
    }
    List<SlowQuery> slow = !includeSlowQueries ? List.of() : w.queries().stream()
        .filter(q -> q.avgMs() > slowMs)
        .map(q -> new SlowQuery(q.fingerprint(), q.operation(), q.table(), q.count(), Round.of(q.avgMs()),
            Round.of(q.p95Ms()), Round.of(q.maxMs()), Round.of(q.totalMs())))
        .toList();
    return new DatabaseReport(minutes, total, w.queries().stream().mapToLong(QueryStats::errorCount).sum(),
        total == 0 ? 0 : Round.of(totalMs / total), byOperation, byTable, slowMs, slow,
        includeSlowQueries ? slowest : List.of(), patterns(w.nPlusOne()));
  }

  static List<NPlusOnePattern> patterns(List<NPlusOneFinding> findings) {
    Map<List<String>, List<NPlusOneFinding>> grouped = findings.stream().collect(Collectors.groupingBy(
        f -> List.of(f.method() + " " + f.route(), f.table(), f.fingerprint()), LinkedHashMap::new,
        Collectors.toList()));
    return grouped.entrySet().stream()
        .map(e -> new NPlusOnePattern(e.getKey().get(0), e.getKey().get(1), e.getKey().get(2), e.getValue().size(),
            e.getValue().stream().mapToInt(NPlusOneFinding::repeats).max().orElse(0)))
        .toList();
  }
}
