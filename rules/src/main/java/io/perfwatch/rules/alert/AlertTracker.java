package io.perfwatch.rules.alert;

import io.perfwatch.rules.yaml.RuleDefinition;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  private final Clock clock;
  private final HistoryLimits limits;
  private final List<AlertSink> sinks;
  // Active alerts by rule, then by scope (the scope maps' equality is the alert's identity within its rule).
  private final Map<String, Map<Map<String, String>, TrackedAlert>> activeByRule = new HashMap<>();
  private final NewestFirst newestFirst = new NewestFirst();
  private final Deque<Alert> resolved = new ArrayDeque<>();
  private final Map<String, Duration> intervals = new HashMap<>(); // each applied rule's evaluation interval
  private long applies;

  public AlertTracker(Clock clock, HistoryLimits limits, List<AlertSink> sinks) {
    this.clock = clock;
    this.limits = limits;
    this.sinks = List.copyOf(sinks);
  }

  /**
   * Applies one evaluation of {@code rule}: its observations are the scope instances whose condition held. The texts
   * of the alerts this starts are composed first (those of ongoing alerts when they are read): if that throws,
   * nothing has changed and the exception propagates, so the caller can report the rule's evaluation as failed.
   */
  public synchronized void apply(RuleDefinition rule, List<Observation> observations, Instant now) {
    intervals.put(rule.name(), rule.interval());
    Map<Map<String, String>, TrackedAlert> active = activeByRule.get(rule.name());
    TrackedAlert[] known = new TrackedAlert[observations.size()];
    for (int i = 0; i < known.length; i++) {
      Observation o = observations.get(i);
      known[i] = active == null ? null : active.get(o.scope());
      if (known[i] == null) {
        o.texts().compose();
      }
    }
    if (active == null) {
      active = new LinkedHashMap<>();
      activeByRule.put(rule.name(), active);
    }
    long applied = ++applies;
    newestFirst.updated();
    for (int i = 0; i < known.length; i++) {
      Observation o = observations.get(i);
      TrackedAlert entry = known[i] != null ? known[i] : active.get(o.scope()); // a repeated scope started just now
      if (entry == null) {
        entry = start(rule, o, now);
        active.put(o.scope(), entry);
        newestFirst.started(entry);
      } else if (entry.seen != applied) { // the first observation of a scope counts, as the alert's only one
        update(rule, entry, o, now);
      }
      entry.seen = applied;
    }
    for (Iterator<TrackedAlert> it = active.values().iterator(); it.hasNext(); ) {
      TrackedAlert entry = it.next();
      if (entry.seen == applied) {
        continue;
      }
      if (entry.alert.state() == AlertState.PENDING) {
        it.remove();
        newestFirst.removed(entry);
      } else if (!now.isBefore(entry.lastTrue.plus(rule.keepFiringFor()))) {
        it.remove();
        newestFirst.removed(entry);
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
    intervals.keySet().retainAll(rules);
    for (Iterator<Map.Entry<String, Map<Map<String, String>, TrackedAlert>>> it = activeByRule.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<String, Map<Map<String, String>, TrackedAlert>> byRule = it.next();
      if (!rules.contains(byRule.getKey())) {
        it.remove();
        for (TrackedAlert entry : byRule.getValue().values()) {
          newestFirst.removed(entry);
          if (entry.alert.state() == AlertState.FIRING) {
            resolve(entry.alert, now);
          }
        }
      }
    }
  }

  /** {@link #publish(Instant)} at the tracker clock's time. */
  public void publish() {
    publish(clock.instant());
  }

  /**
   * Tells the sinks that an evaluation cycle ended at {@code at} (the evaluation's time, so that a severity change
   * it made is dated by it), with every alert now pending or firing.
   */
  public void publish(Instant at) {
    Cycle cycle;
    synchronized (this) {
      cycle = new Cycle(at, active(), intervals);
    }
    for (AlertSink sink : sinks) {
      try {
        sink.cycle(cycle);
      } catch (RuntimeException e) {
        LOG.warn("alert sink {} failed at the end of a cycle", sink.getClass().getSimpleName(), e);
      }
    }
  }

  /** Pending and firing alerts, newest first. */
  public synchronized List<Alert> active() {
    return newestFirst.alerts();
  }

  /** Alerts pending, firing or resolved at some time since {@code since}, newest first. */
  public synchronized List<Alert> alerts(Instant since) {
    List<Alert> alerts = new ArrayList<>(active());
    resolved.stream().filter(a -> a.resolvedAt() != null && !a.resolvedAt().isBefore(since)).forEach(alerts::add);
    alerts.sort(NewestFirst.ORDER);
    return List.copyOf(alerts);
  }

  /** The retained alert (active, or resolved within the history period) with this {@link Alert#id()}. */
  public Optional<Alert> alert(String id) {
    return history().stream().filter(a -> a.id().equals(id)).findFirst();
  }

  /** Every retained alert (active and resolved within the history period), newest first. */
  public synchronized List<Alert> history() {
    prune(clock.instant());
    return alerts(Instant.MIN);
  }

  private TrackedAlert start(RuleDefinition rule, Observation o, Instant now) {
    boolean fireNow = rule.forDuration().isZero();
    String identity = Alert.identity(rule.name(), o.scope());
    String id = UUID.nameUUIDFromBytes((identity + "@" + now.toEpochMilli()).getBytes(StandardCharsets.UTF_8))
        .toString();
    Alert alert = new Alert(id, rule.name(), o.detector(), o.severity(),
        fireNow ? AlertState.FIRING : AlertState.PENDING, o.scope(), o.value(), o.threshold(), now,
        fireNow ? now : null, null, o.texts(), labels(o));
    emit(alert);
    return new TrackedAlert(alert, now, o.labels());
  }

  private void update(RuleDefinition rule, TrackedAlert entry, Observation o, Instant now) {
    Alert old = entry.alert;
    boolean fires = old.state() == AlertState.PENDING && !now.isBefore(old.startedAt().plus(rule.forDuration()));
    AlertState state = fires ? AlertState.FIRING : old.state();
    Map<String, String> labels = old.severity() == o.severity() && entry.ruleLabels.equals(o.labels())
        ? old.labels() : labels(o);
    entry.alert = old.with(state, o.severity(), o.value(), fires ? now : old.firingAt(), null,
        o.texts().orElse(old.texts()), labels);
    entry.ruleLabels = o.labels();
    entry.lastTrue = now;
    if (fires || (state == AlertState.FIRING && old.severity() != o.severity())) {
      emit(entry.alert);
    }
  }

  private void resolve(Alert alert, Instant now) {
    Alert done = alert.with(AlertState.RESOLVED, alert.severity(), alert.value(), alert.firingAt(), now,
        alert.texts(), alert.labels());
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

}
