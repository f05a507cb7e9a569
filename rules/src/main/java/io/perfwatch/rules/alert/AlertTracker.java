package io.perfwatch.rules.alert;

import io.perfwatch.rules.yaml.RuleDefinition;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alert lifecycle as in Prometheus. An observation starts a pending alert ({@code for: 0} fires at once); it fires
 * once its condition has held for {@code for}; a pending alert whose condition stops holding is dropped; a firing
 * alert resolves once its condition has been false (or its scope instance absent) for {@code keep_firing_for}.
 * One alert per rule and scope; every state change, and every severity change while firing, goes to the sinks.
 * Resolved alerts are kept within the {@link HistoryLimits}. Thread-safe.
 */
public final class AlertTracker {
  private static final Logger LOG = LoggerFactory.getLogger(AlertTracker.class);
  private static final Comparator<Alert> NEWEST_FIRST = Comparator.comparing(Alert::startedAt).reversed()
      .thenComparing(Alert::id);

  private final Clock clock;
  private final HistoryLimits limits;
  private final List<AlertSink> sinks;
  private final Map<String, Map<String, Entry>> activeByRule = new HashMap<>();
  private final Deque<Alert> resolved = new ArrayDeque<>();

  public AlertTracker(Clock clock, HistoryLimits limits, List<AlertSink> sinks) {
    this.clock = clock;
    this.limits = limits;
    this.sinks = List.copyOf(sinks);
  }

  /** Applies one evaluation of {@code rule}: its observations are the scope instances whose condition held. */
  public synchronized void apply(RuleDefinition rule, List<Observation> observations, Instant now) {
    Map<String, Entry> active = activeByRule.computeIfAbsent(rule.name(), r -> new LinkedHashMap<>());
    Set<String> seen = new HashSet<>();
    for (Observation o : observations) {
      String identity = Alert.identity(rule.name(), o.scope());
      if (seen.add(identity)) {
        Entry entry = active.get(identity);
        if (entry == null) {
          active.put(identity, start(rule, identity, o, now));
        } else {
          update(rule, entry, o, now);
        }
      }
    }
    for (Iterator<Entry> it = active.values().iterator(); it.hasNext(); ) {
      Entry entry = it.next();
      if (seen.contains(entry.alert.identity())) {
        continue;
      }
      if (entry.alert.state() == AlertState.PENDING) {
        it.remove();
      } else if (!now.isBefore(entry.lastTrue.plus(rule.keepFiringFor()))) {
        it.remove();
        resolve(entry.alert, now);
      }
    }
    if (active.isEmpty()) {
      activeByRule.remove(rule.name());
    }
    prune(now);
  }

  /** Alerts of rules not in {@code rules} (removed by a reload): pending ones go, firing ones resolve now. */
  public synchronized void retainRules(Set<String> rules, Instant now) {
    for (Iterator<Map.Entry<String, Map<String, Entry>>> it = activeByRule.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Map<String, Entry>> byRule = it.next();
      if (!rules.contains(byRule.getKey())) {
        it.remove();
        byRule.getValue().values().stream().filter(e -> e.alert.state() == AlertState.FIRING)
            .forEach(e -> resolve(e.alert, now));
      }
    }
  }

  /** Tells the sinks that an evaluation cycle ended, with every alert now pending or firing. */
  public void publish() {
    List<Alert> active = active();
    for (AlertSink sink : sinks) {
      try {
        sink.cycle(active);
      } catch (RuntimeException e) {
        LOG.warn("alert sink {} failed at the end of a cycle", sink.getClass().getSimpleName(), e);
      }
    }
  }

  /** Pending and firing alerts, newest first. */
  public synchronized List<Alert> active() {
    List<Alert> alerts = new ArrayList<>();
    activeByRule.values().forEach(m -> m.values().forEach(e -> alerts.add(e.alert)));
    alerts.sort(NEWEST_FIRST);
    return List.copyOf(alerts);
  }

  /** Alerts pending, firing or resolved at some time since {@code since}, newest first. */
  public synchronized List<Alert> alerts(Instant since) {
    List<Alert> alerts = new ArrayList<>(active());
    resolved.stream().filter(a -> a.resolvedAt() != null && !a.resolvedAt().isBefore(since)).forEach(alerts::add);
    alerts.sort(NEWEST_FIRST);
    return List.copyOf(alerts);
  }

  /** Every retained alert (active and resolved within the history period), newest first. */
  public synchronized List<Alert> history() {
    prune(clock.instant());
    return alerts(Instant.MIN);
  }

  private Entry start(RuleDefinition rule, String identity, Observation o, Instant now) {
    boolean fireNow = rule.forDuration().isZero();
    String id = UUID.nameUUIDFromBytes((identity + "@" + now.toEpochMilli()).getBytes(StandardCharsets.UTF_8))
        .toString();
    Alert alert = new Alert(id, rule.name(), o.detector(), o.severity(),
        fireNow ? AlertState.FIRING : AlertState.PENDING, o.scope(), o.value(), o.threshold(), now,
        fireNow ? now : null, null, o.summary(), o.recommendation(), labels(o), o.details());
    emit(alert);
    return new Entry(alert, now);
  }

  private void update(RuleDefinition rule, Entry entry, Observation o, Instant now) {
    Alert old = entry.alert;
    boolean fires = old.state() == AlertState.PENDING && !now.isBefore(old.startedAt().plus(rule.forDuration()));
    AlertState state = fires ? AlertState.FIRING : old.state();
    entry.alert = old.with(state, o.severity(), o.value(), fires ? now : old.firingAt(), null, o.summary(),
        o.recommendation(), labels(o), o.details());
    entry.lastTrue = now;
    if (fires || (state == AlertState.FIRING && old.severity() != o.severity())) {
      emit(entry.alert);
    }
  }

  private void resolve(Alert alert, Instant now) {
    Alert done = alert.with(AlertState.RESOLVED, alert.severity(), alert.value(), alert.firingAt(), now,
        alert.summary(), alert.recommendation(), alert.labels(), alert.details());
    resolved.addLast(done);
    emit(done);
  }

  private void prune(Instant now) {
    Instant oldest = now.minus(limits.retention());
    while (!resolved.isEmpty()
        && (resolved.size() > limits.maxAlerts() || resolved.peekFirst().resolvedAt().isBefore(oldest))) {
      resolved.removeFirst();
    }
  }

  private void emit(Alert alert) {
    for (AlertSink sink : sinks) {
      try {
        sink.transition(alert);
      } catch (RuntimeException e) {
        LOG.warn("alert sink {} failed on {}", sink.getClass().getSimpleName(), alert.identity(), e);
      }
    }
  }

  private static Map<String, String> labels(Observation o) {
    Map<String, String> labels = new HashMap<>(o.labels());
    labels.put("alertname", o.rule());
    labels.put("severity", o.severity().label());
    return labels;
  }

  private static final class Entry {
    Alert alert;
    Instant lastTrue;

    Entry(Alert alert, Instant lastTrue) {
      this.alert = alert;
      this.lastTrue = lastTrue;
    }
  }
}
