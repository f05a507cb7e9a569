package io.perfwatch.rules.engine;

import io.perfwatch.rules.yaml.RuleDefinition;
import io.perfwatch.rules.yaml.RuleSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each rule group at its {@code interval} on one daemon thread. The rules are read from the supplier at every
 * tick, so a hot-reloaded file takes effect at the next evaluation (a changed interval after the group's next run).
 */
public final class RuleScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RuleScheduler.class);

  private final Supplier<RuleSet> rules;
  private final RuleEngine engine;
  private final Duration tick;
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "perfwatch-rules");
    thread.setDaemon(true);
    return thread;
  });
  // Next run per group, in System.nanoTime(); touched only by the scheduler thread.
  private final Map<String, Long> nextRun = new HashMap<>();

  public RuleScheduler(Supplier<RuleSet> rules, RuleEngine engine) {
    this(rules, engine, Duration.ofSeconds(1));
  }

  /** Test seam: how often due groups are looked for (intervals are whole seconds in practice). */
  RuleScheduler(Supplier<RuleSet> rules, RuleEngine engine, Duration tick) {
    this.rules = rules;
    this.engine = engine;
    this.tick = tick;
  }

  public void start() {
    executor.scheduleWithFixedDelay(this::tick, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** A throwing tick must not cancel the schedule, so everything is caught and logged here. */
  void tick() {
    try {
      RuleSet set = rules.get();
      engine.retainOnly(set);
      Map<String, List<RuleDefinition>> groups = set.rules().stream()
          .collect(Collectors.groupingBy(RuleDefinition::group, LinkedHashMap::new, Collectors.toList()));
      nextRun.keySet().retainAll(groups.keySet());
      long now = System.nanoTime();
      groups.forEach((group, groupRules) -> {
        Long due = nextRun.get(group);
        if (due == null || now - due >= 0) {
          nextRun.put(group, now + groupRules.get(0).interval().toNanos());
          engine.evaluate(groupRules);
        }
      });
    } catch (RuntimeException e) {
      LOG.error("rule evaluation cycle failed", e);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("rule scheduler did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
