package io.perfwatch.rules.engine;

import io.perfwatch.exporter.store.QueryStats;
import io.perfwatch.rules.yaml.Metric;
import io.perfwatch.rules.yaml.RuleDefinition;
import java.time.Duration;
import io.perfwatch.rules.schema.IndexCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Spec detector 3: SQL fingerprints whose avg, p95 or max duration exceeds the threshold. Severity comes from the
 * duration ratio and goes up to the next level of the rule's ladder (never beyond it: a fixed severity stays) when
 * the fingerprint is frequent: at least {@value #FREQUENT_PER_MINUTE} executions per minute on average (about one a
 * second) over the part of the window the source has data for, where its slowness adds up across requests.
 */
final class SlowQueryDetector implements BottleneckDetector {
  static final double FREQUENT_PER_MINUTE = 60;

  private final IndexCatalog catalog;

  SlowQueryDetector(IndexCatalog catalog) {
    this.catalog = catalog;
  }

  /** What the candidates depend on: rules that agree on these share them within a cycle. */
  private record Settings(Metric metric, Duration window) {}

  @Override
  public List<Candidate> candidates(RuleDefinition rule, Windows windows) {
    Metric metric = Objects.requireNonNullElse(rule.metric(), Metric.AVG);
    return windows.candidates(new Settings(metric, rule.window()), () -> {
      double minutes = windows.coveredMillis(rule) / 60_000.0;
      List<QueryStats> queries = windows.current(rule).queries();
      List<Candidate> candidates = new ArrayList<>(queries.size());
      for (QueryStats q : queries) {
        candidates.add(candidate(rule, metric, q, minutes, windows.queryScope(q), catalog));
      }
      return candidates;
    });
  }

  private static Candidate candidate(RuleDefinition rule, Metric metric, QueryStats q, double minutes,
      Map<String, String> scope, IndexCatalog catalog) {
    double value = switch (metric) {
      case AVG -> q.avgMs();
      case P95 -> q.p95Ms();
      case MAX -> q.maxMs();
      default -> throw new IllegalArgumentException("rule '" + rule.name() + "': slow_query measures avg, p95 or max"
          + ", not " + metric.yamlName());
    };
    double perMinute = q.count() / minutes;
    boolean frequent = perMinute >= FREQUENT_PER_MINUTE;
    return new Candidate(scope, value, q.count(), true, frequent ? 1 : 0,
        observing -> describe(observing, metric, q, value, perMinute, frequent, catalog));
  }

  private static Candidate.Description describe(RuleDefinition rule, Metric metric, QueryStats q, double value,
      double perMinute, boolean frequent, IndexCatalog catalog) {
    String table = q.table();
    IndexAdvice.Advice advice = IndexAdvice.advise(q.fingerprint(), table, catalog);
    String index = advice.createIndex();
    String summary = "Slow " + q.operation() + " on " + table + ": " + metric.yamlName() + " " + Texts.num(value)
        + " ms over " + q.count() + " executions (threshold " + Texts.num(rule.threshold()) + " ms): "
        + q.fingerprint();
    Map<String, Object> details = Map.of("table", table, "operation", q.operation(), "fingerprint", q.fingerprint(),
        "count", q.count(), "total_ms", Texts.number(q.totalMs()), "index", index, "served_by_index",
        advice.served(), "indexes_known", advice.checked(), "frequent", frequent);
    Map<String, String> vars = Map.of("table", table, "operation", q.operation(), "fingerprint", q.fingerprint(),
        "count", Long.toString(q.count()));
    return new Candidate.Description(vars, details, summary, advice(q, advice, perMinute, frequent));
  }

  /** The advice for a statement that runs {@code perMinute} times a minute, whether or not a rule judged it slow. */
  static String advice(QueryStats q, IndexCatalog catalog, double perMinute) {
    return advice(q, IndexAdvice.advise(q.fingerprint(), q.table(), catalog), perMinute,
        perMinute >= FREQUENT_PER_MINUTE);
  }

  private static String advice(QueryStats q, IndexAdvice.Advice advice, double perMinute, boolean frequent) {
    String index = advice.createIndex();
    String table = q.table();
    String fix;
    if (q.operation().equals("INSERT")) {
      fix = "Inserts into " + table + " are slow: batch them and check the table's indexes, triggers and locks";
    } else if (!advice.served().isEmpty()) {
      fix = "An index of " + table + " already serves this filter: " + advice.served() + "; check the plan with "
          + "EXPLAIN ANALYZE for what else makes it slow: many rows returned, locks, or a function or cast on the "
          + "column";
    } else if (!index.isEmpty() && advice.checked()) {
      fix = "Index the columns " + q.operation() + " on " + table + " filters by: " + index
          + "; confirm the plan with EXPLAIN ANALYZE";
    } else if (!index.isEmpty()) { // no schema (a scraped service's), not read yet, or no such table in it
      fix = "Index the columns " + q.operation() + " on " + table + " filters by, unless an index already starts "
          + "with them (perfwatch does not know this table's indexes): " + index + "; confirm the plan with "
          + "EXPLAIN ANALYZE";
    } else {
      fix = "The " + q.operation() + " on " + table + " filters on no bound value, so it likely scans the table: "
          + "add a selective WHERE clause, paginate with LIMIT, or cache the result";
    }
    return frequent ? fix + "; it runs " + Texts.num(perMinute) + " times a minute: cache the result or batch the "
        + "calls." : fix + ".";
  }
}
