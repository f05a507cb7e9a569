package io.perfwatch.service.api;

import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.rules.alert.AlertTracker;
import io.perfwatch.rules.engine.RuleEngine;
import io.perfwatch.rules.source.StatsSource;
import io.perfwatch.rules.yaml.RuleSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the API reads: the windows (from the in-process store, or a scraped or fleet source), the rule engine and
 * its alerts, the current rules, and perfwatch itself (thresholds, host sampler, in-flight requests).
 *
 * @param rulesReloadError why the last change of the rules file was rejected, if it was
 * @param corsOrigins origins allowed to call the API from a browser; empty: no CORS headers
 */
public record ApiContext(StatsSource source, RuleEngine engine, AlertTracker alerts, Supplier<RuleSet> rules,
    Supplier<Optional<String>> rulesReloadError, PerfWatch perfwatch, AdminAuth auth, List<String> corsOrigins) {

  public ApiContext {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(rulesReloadError, "rulesReloadError");
    Objects.requireNonNull(perfwatch, "perfwatch");
    Objects.requireNonNull(auth, "auth");
    corsOrigins = List.copyOf(corsOrigins);
  }

  int historyHours() {
    return perfwatch.config().historyHours();
  }
}
