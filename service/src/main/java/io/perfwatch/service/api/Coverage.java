package io.perfwatch.service.api;

import io.perfwatch.rules.source.StatsSource;

/**
 * How much of a window the source has data for. The in-process store and scrapes collect from the service's start,
 * so a window reaching further back covers only the time since; a Prometheus server has its own history, so its
 * windows are taken as covered in full.
 */
record Coverage(StatsSource source, long collectingSinceMillis) {

  static Coverage from(StatsSource source) {
    return new Coverage(source, source.ownHistory() ? Long.MIN_VALUE / 2 : source.nowMillis());
  }

  /** Milliseconds the source has been collecting, as of now. */
  long collectingMillis() {
    return source.nowMillis() - collectingSinceMillis;
  }
}
