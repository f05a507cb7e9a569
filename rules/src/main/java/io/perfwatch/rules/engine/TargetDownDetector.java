package io.perfwatch.rules.engine;

import io.perfwatch.rules.source.Identity;
import io.perfwatch.rules.source.TargetHealth;
import io.perfwatch.rules.yaml.Aggregation;
import io.perfwatch.rules.yaml.RuleDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code target_down}: a watched instance (per instance) or every instance of a service (per service) whose last
 * scrape failed, value 1 (down) or 0 (up), as Prometheus's {@code up == 0}. Traffic is the number of targets, so
 * a fleet with nothing to watch (the in-process store) has no candidates at all.
 */
final class TargetDownDetector implements BottleneckDetector {

  @Override
  public List<Candidate> candidates(RuleDefinition rule, Windows windows) {
    Map<Identity, List<TargetHealth>> groups = new TreeMap<>();
    for (TargetHealth t : windows.targets()) {
      groups.computeIfAbsent(t.identity().at(rule.aggregation()), id -> new ArrayList<>()).add(t);
    }
    List<Candidate> candidates = new ArrayList<>(groups.size());
    groups.forEach((id, targets) -> {
      List<TargetHealth> down = targets.stream().filter(t -> !t.up()).toList();
      boolean isDown = down.size() == targets.size();
      String what = rule.aggregation() == Aggregation.INSTANCE ? "Instance " + id.instance() + " of " + id.job()
          : "Service " + id.job() + " (" + targets.size() + " instances)";
      String why = down.stream().map(t -> t.instance() + ": " + t.lastError().orElse("not scraped yet")
          + ", last success " + t.lastSuccess().map(Instant::toString).orElse("never")).toList().toString();
      candidates.add(Candidate.of(windows.scope(Map.copyOf(id.labels())), isDown ? 1 : 0, targets.size(), true,
          new Candidate.Description(id.labels(), Map.of("down", Integer.toString(down.size()),
              "targets", Integer.toString(targets.size())),
              what + (isDown ? " is down " + why : " is up"),
              "Check that the process runs and answers its metrics URL from the monitor (network, port, TLS, "
                  + "authentication), then its logs.")));
    });
    return candidates;
  }

  @Override
  public boolean perGroup() {
    return false;
  }

  @Override
  public long minTraffic(RuleDefinition rule) {
    return 1;
  }
}
