package io.perfwatch.exporter.internal.system;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/** Logs a failing reading once, and once more when it recovers, instead of every sample period. */
final class SamplingFailures {
  private final Logger log;
  private final Set<String> failing = ConcurrentHashMap.newKeySet();

  SamplingFailures(Logger log) {
    this.log = log;
  }

  void failed(String what, Throwable e) {
    if (failing.add(what)) {
      log.warn("perfwatch could not read {} from the host; its metrics stay NaN until it recovers: {}", what,
          e.toString());
    }
  }

  void recovered(String what) {
    if (failing.remove(what)) {
      log.info("perfwatch reads {} from the host again", what);
    }
  }

  boolean isFailing(String what) {
    return failing.contains(what);
  }
}
