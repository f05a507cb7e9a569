package io.perfwatch.rules.engine;

import io.perfwatch.exporter.store.EndpointStats;
import io.perfwatch.rules.yaml.RuleDefinition;
import io.perfwatch.rules.yaml.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Spec detector 2: percent of 5xx responses (and 4xx with {@code include_4xx}) per endpoint or overall. */
final class ErrorRateDetector implements BottleneckDetector {

  /** What the candidates depend on: rules that agree on these share them within a cycle. */
  private record Settings(boolean include4xx, Duration window, Scope scope, List<String> include,
      List<String> exclude) {}

  @Override
  public List<Candidate> candidates(RuleDefinition rule, Windows windows) {
    boolean include4xx = rule.include4xx();
    return windows.candidates(new Settings(include4xx, rule.window(), rule.scope(), rule.include(), rule.exclude()),
        () -> {
          List<Endpoints.Scoped> endpoints = Endpoints.inScope(rule, windows.current(rule), windows);
          List<Candidate> candidates = new ArrayList<>(endpoints.size());
          for (Endpoints.Scoped e : endpoints) {
            candidates.add(candidate(include4xx, e.stats(), e.scope()));
          }
          return candidates;
        });
  }

  private static Candidate candidate(boolean include4xx, EndpointStats e, Map<String, String> scope) {
    int lowest = include4xx ? 400 : 500;
    long errors = e.serverErrors() + (include4xx ? e.clientErrors() : 0);
    double value = e.count() == 0 ? 0 : errors * 100.0 / e.count();
    return new Candidate(scope, value, e.count(), true, 0, rule -> describe(rule, e, lowest, errors, value));
  }

  private static Candidate.Description describe(RuleDefinition rule, EndpointStats e, int lowest, long errors,
      double value) {
    List<Map.Entry<Integer, Long>> codes = e.statusCounts().entrySet().stream()
        .filter(c -> c.getKey() >= lowest).sorted(Map.Entry.comparingByKey()).toList();
    Map<String, Long> distribution = new TreeMap<>(); // as JSON: {"500": 6, "503": 3}
    codes.forEach(c -> distribution.put(Integer.toString(c.getKey()), c.getValue()));
    String name = Endpoints.name(rule, e);
    String summary = "Error rate of " + name + " is " + Texts.num(value) + "% (" + errors + " of " + e.count()
        + " requests; threshold " + Texts.num(rule.threshold()) + "%)";
    return new Candidate.Description(Map.of("endpoint", name, "count", Long.toString(errors)),
        Map.of("status_codes", distribution, "errors", errors, "requests", e.count()),
        summary, advice(codes, errors, name));
  }

  /** Investigation steps for the status code that dominates the errors. */
  private static String advice(List<Map.Entry<Integer, Long>> codes, long errors, String name) {
    if (codes.isEmpty()) {
      return "No error responses in the window.";
    }
    Map.Entry<Integer, Long> top = codes.stream().max(Map.Entry.comparingByValue()).orElseThrow();
    int code = top.getKey();
    String what = switch (code) {
      case 500 -> "unhandled exceptions: read the stack traces logged for " + name
          + ", then add input validation and error handling";
      case 502, 503, 504 -> "a dependency is failing or timing out: check downstream health, timeouts and "
          + "connection pools, and add a circuit breaker";
      case 401, 403 -> "authentication or authorization failures: check tokens, clock skew and permissions";
      case 404 -> "missing resources: check the URLs clients call and recent route changes";
      case 429 -> "rate limiting: raise the limit or spread the load";
      default -> code >= 500 ? "server errors: check the logs of " + name + " and recent deployments"
          : "rejected client requests: check request validation and client versions";
    };
    return "Errors are mostly " + code + " (" + top.getValue() + " of " + errors + "): " + what + ".";
  }
}
