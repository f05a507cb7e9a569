package io.perfwatch.exporter.jdbc;

import com.p6spy.engine.event.JdbcEventListener;

/** For the benchmarks only: the P6Spy listener a {@link JdbcMetrics} installs, to time it without a database. */
public final class ListenerAccess {
  private ListenerAccess() {}

  public static JdbcEventListener listener(JdbcMetrics jdbc) {
    return jdbc.listener();
  }
}
