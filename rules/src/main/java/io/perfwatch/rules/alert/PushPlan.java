package io.perfwatch.rules.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What perfwatch has told Alertmanager and what it must tell it next, with Prometheus's push mechanics. Alertmanager
 * knows an alert by its labels, severity included, so one perfwatch alert is one Alertmanager alert per severity it
 * had while firing:
 *
 * <ul>
 *   <li>only firing alerts are pushed, never pending ones, with {@code startsAt} = the firing time;
 *   <li>a severity change ends the old label set ({@code endsAt} = the cycle's time) and starts the new one at once
 *       ({@code startsAt} = the same time, no second {@code for});
 *   <li>a firing push carries {@code endsAt} = the last cycle that saw the alert + 4 x max(its rule's evaluation
 *       interval, resend delay), Prometheus's {@code ValidUntil}: if perfwatch stops confirming an alert, it expires;
 *   <li>firing alerts are re-sent every resend delay;
 *   <li>a resolved alert is pushed once more, with {@code endsAt} = its resolve time.
 * </ul>
 *
 * Ended pushes wait in a queue of at most {@code maxEnded} (the oldest are dropped first); firing ones are bounded by
 * the tracker's active alerts. Not thread-safe: the {@link AlertmanagerSink} guards it.
 */
final class PushPlan {

  /** One Alertmanager alert to post; {@code ended} when its {@code endsAt} is a resolve or a severity change. */
  record Push(Alert alert, Map<String, String> labels, Instant startsAt, Instant endsAt, boolean ended) {}

  /** The Alertmanager alert a firing perfwatch alert is now. */
  private static final class Firing {
    Alert alert;
    final Map<String, String> labels;
    final Instant startsAt;
    Instant validUntil;
    @Nullable Instant sentAt;

    Firing(Alert alert, Map<String, String> labels, Instant startsAt, Instant validUntil) {
      this.alert = alert;
      this.labels = labels;
      this.startsAt = startsAt;
      this.validUntil = validUntil;
    }

    Push ended(Instant endsAt) {
      return new Push(alert, labels, startsAt, endsAt, true);
    }
  }

  private final Duration resendDelay;
  private final int maxEnded;
  private final Map<String, Firing> firing = new LinkedHashMap<>(); // by alert id
  private final Deque<Push> ended = new ArrayDeque<>();

  PushPlan(Duration resendDelay, int maxEnded) {
    this.resendDelay = resendDelay;
    this.maxEnded = maxEnded;
  }

  /** Alertmanager's labels of an alert: its scope, then its labels (rule labels, alertname, severity). */
  static Map<String, String> labels(Alert alert) {
    Map<String, String> labels = new TreeMap<>(alert.scope());
    labels.putAll(alert.labels());
    return labels;
  }

  /** Takes in the alerts firing after a cycle; returns how many ended pushes were dropped from the full queue. */
  int cycle(Cycle cycle) {
    int dropped = 0;
    Set<String> seen = new HashSet<>();
    for (Alert alert : cycle.active()) {
      if (alert.state() != AlertState.FIRING) {
        continue;
      }
      seen.add(alert.id());
      Duration interval = cycle.interval(alert.rule());
      Instant validUntil = cycle.at().plus((interval.compareTo(resendDelay) > 0 ? interval : resendDelay)
          .multipliedBy(4));
      Map<String, String> labels = labels(alert);
      Firing known = firing.get(alert.id());
      if (known != null && known.labels.equals(labels)) {
        known.alert = alert;
        known.validUntil = validUntil;
        continue;
      }
      Instant startsAt = alert.firingAt() == null ? cycle.at() : alert.firingAt();
      if (known != null) { // another severity (or rule labels after a reload): the old label set ends now
        startsAt = cycle.at().isBefore(known.startsAt) ? known.startsAt : cycle.at();
        dropped += end(known, startsAt);
      }
      firing.put(alert.id(), new Firing(alert, labels, startsAt, validUntil));
    }
    for (Iterator<Firing> it = firing.values().iterator(); it.hasNext(); ) {
      Firing gone = it.next();
      if (!seen.contains(gone.alert.id())) { // left without a resolve transition: it ends now all the same
        it.remove();
        dropped += end(gone, cycle.at());
      }
    }
    return dropped;
  }

  /** An alert resolved: its label set ends at the resolve time. Returns how many ended pushes were dropped. */
  int resolved(Alert alert) {
    Instant resolvedAt = alert.resolvedAt();
    if (resolvedAt == null) {
      return 0;
    }
    Firing known = firing.remove(alert.id());
    if (known != null) {
      return end(known, resolvedAt);
    }
    Instant firedAt = alert.firingAt();
    return firedAt == null ? 0 : enqueue(new Push(alert, labels(alert), firedAt, resolvedAt, true));
  }

  /** Every ended push, then the firing alerts not sent yet or last sent a resend delay ago; marks them sent. */
  List<Push> due(Instant now) {
    List<Push> due = new ArrayList<>(ended);
    ended.clear();
    for (Firing f : firing.values()) {
      if (f.sentAt == null || !now.isBefore(f.sentAt.plus(resendDelay))) {
        due.add(new Push(f.alert, f.labels, f.startsAt, f.validUntil, false));
        f.sentAt = now;
      }
    }
    return due;
  }

  /** When {@link #due} next has something: {@link Instant#MIN} if now, empty if nothing fires or waits. */
  Optional<Instant> nextDue() {
    if (!ended.isEmpty()) {
      return Optional.of(Instant.MIN);
    }
    Instant next = null;
    for (Firing f : firing.values()) {
      Instant at = f.sentAt == null ? Instant.MIN : f.sentAt.plus(resendDelay);
      next = next == null || at.isBefore(next) ? at : next;
    }
    return Optional.ofNullable(next);
  }

  /** A batch that was not delivered (shutdown): its ended pushes go back, its firing alerts count as unsent. */
  int requeue(List<Push> batch) {
    int dropped = 0;
    List<Push> endedOnes = new ArrayList<>();
    for (Push p : batch) {
      Firing f = firing.get(p.alert().id());
      if (p.ended()) {
        endedOnes.add(p);
      } else if (f != null && f.labels.equals(p.labels())) {
        f.sentAt = null;
      }
    }
    for (int i = endedOnes.size() - 1; i >= 0; i--) {
      ended.addFirst(endedOnes.get(i));
    }
    while (ended.size() > maxEnded) {
      ended.removeFirst();
      dropped++;
    }
    return dropped;
  }

  int queuedEnded() {
    return ended.size();
  }

  private int end(Firing f, Instant endsAt) {
    return f.sentAt == null ? 0 : enqueue(f.ended(endsAt)); // Alertmanager never heard of it: nothing to end
  }

  private int enqueue(Push push) {
    int dropped = 0;
    if (ended.size() >= maxEnded) {
      ended.removeFirst();
      dropped++;
    }
    ended.addLast(push);
    return dropped;
  }
}
